/** Admin settings, section by section, validated by the same schema that reads them. */
import { z } from 'zod';
import { handler } from '../../api/handler';
import { readSettings, writeSettingsSection } from './store';
import { settingsSchema } from '../../../contract/schemas/settings';
import { adminMeta } from '../users/handlers';
import { DomainError } from '../../../core/errors';
import type { LocalDb } from '../../db/connection';

/** Team leads and members must be users of the organisation. */
function checkTeamMembers(db: LocalDb, teams: ReadonlyArray<{ leadId: string | null; memberIds: readonly string[] }>) {
  const known = new Set((db.$client.prepare('SELECT id FROM users').all() as Array<{ id: string }>).map((u) => u.id));
  for (const t of teams)
    for (const id of [...(t.leadId ? [t.leadId] : []), ...t.memberIds])
      if (!known.has(id)) throw new DomainError('TEAM_MEMBER_UNKNOWN', { field: 'teams' });
}

export const settingsHandlers = {
  'settings.get': handler({
    input: z.object({}).optional(),
    access: 'session',
    kind: 'read',
    run: (ctx) => readSettings(ctx.db),
  }),
  'settings.update': handler({
    input: z.discriminatedUnion('section', [
      z.object({ section: z.literal('security'), value: settingsSchema.shape.security }),
      z.object({ section: z.literal('lending'), value: settingsSchema.shape.lending }),
      z.object({ section: z.literal('locale'), value: settingsSchema.shape.locale }),
      z.object({ section: z.literal('calendar'), value: settingsSchema.shape.calendar }),
      z.object({ section: z.literal('service'), value: settingsSchema.shape.service }),
      z.object({ section: z.literal('documents'), value: settingsSchema.shape.documents }),
    ]),
    access: 'settings.manage',
    kind: 'write',
    run: (ctx, input) => {
      ctx.write((db) => {
        if (input.section === 'service') checkTeamMembers(db, input.value.teams);
        writeSettingsSection(db, input.section, input.value, adminMeta(ctx, db));
      });
      return readSettings(ctx.db);
    },
  }),
};
