/** Admin settings, section by section, validated by the same schema that reads them. */
import { z } from 'zod';
import { handler } from '../../api/handler';
import { readSettings, writeSettingsSection } from './store';
import { settingsSchema } from '../../../contract/schemas/settings';
import { adminMeta } from '../users/handlers';

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
    ]),
    access: 'settings.manage',
    kind: 'write',
    run: (ctx, input) => {
      ctx.write((db) => writeSettingsSection(db, input.section, input.value, adminMeta(ctx, db)));
      return readSettings(ctx.db);
    },
  }),
};
