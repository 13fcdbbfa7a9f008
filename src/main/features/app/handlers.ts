/** Start-up: what the window should show (passphrase, setup, login, main), and
 *  the one-time organisation setup or demo company. */
import { z } from 'zod';
import { handler } from '../../api/handler';
import { DomainError } from '../../../core/errors';
import { checkPasswordPolicy, hashPassword } from '../../security/passwords';
import { createPassphraseInput, setupInput } from '../../../contract/schemas/app';
import { readSettings } from '../settings/store';
import { getOrganisation, insertBranch, insertOrganisation, insertUser, sessionView } from '../users/store';
import { createDemoCompany } from './demo';
import type { LocalDb } from '../../db/connection';
import { currentBusinessDate } from '../eod/businessDate';
import { metaOf } from '../../events/store';

function requireNoOrganisation(db: LocalDb): void {
  if (getOrganisation(db)) throw new DomainError('SETUP_ALREADY_DONE');
}

export const appHandlers = {
  'app.status': handler({
    input: z.object({}).optional(),
    access: 'public',
    kind: 'read',
    passive: true,
    whileLocked: true,
    run: (ctx) => {
      const vault = ctx.app.vault();
      if (vault.kind !== 'ready') {
        return {
          vault: vault.kind,
          vaultError:
            vault.kind === 'error' ? vault.code : vault.kind === 'needsPassphrase' ? (vault.error ?? null) : null,
          vaultErrorDetails: vault.kind === 'error' ? (vault.details ?? {}) : {},
          upgrade: vault.kind === 'upgrading' ? vault.progress : null,
          organisation: null,
          session: null,
          settings: null,
          businessDate: null,
        };
      }
      const settings = readSettings(ctx.db);
      const org = getOrganisation(ctx.db);
      return {
        vault: vault.kind,
        vaultError: null,
        vaultErrorDetails: {},
        upgrade: null,
        organisation: org ? { name: org.name, isDemo: org.isDemo } : null,
        session: ctx.session ? sessionView(ctx.db, ctx.session) : null,
        settings: {
          idleLockMinutes: settings.security.idleLockMinutes,
          defaultLanguage: settings.locale.defaultLanguage,
        },
        businessDate: currentBusinessDate(ctx.db, ctx.now()),
      };
    },
  }),
  'app.createPassphrase': handler({
    input: createPassphraseInput,
    access: 'public',
    kind: 'write',
    run: async (ctx, input) => {
      const state = await ctx.app.createPassphrase(input.passphrase);
      if (state.kind === 'error') throw new DomainError(state.code);
      return { vault: state.kind };
    },
  }),
  'app.unlock': handler({
    input: z.object({ passphrase: z.string().min(1).max(200) }),
    access: 'public',
    kind: 'write',
    run: async (ctx, input) => {
      const state = await ctx.app.unlock(input.passphrase);
      if (state.kind === 'needsPassphrase' && state.error) throw new DomainError(state.error);
      if (state.kind === 'error') throw new DomainError(state.code);
      return { vault: state.kind };
    },
  }),
  'setup.createOrganisation': handler({
    input: setupInput,
    access: 'public',
    kind: 'write',
    run: async (ctx, input) => {
      requireNoOrganisation(ctx.db);
      checkPasswordPolicy(input.adminPassword);
      const passwordHash = await hashPassword(input.adminPassword);
      ctx.write((db) => {
        requireNoOrganisation(db);
        // The company opens today: its first branch's first business date.
        const meta = metaOf(ctx, currentBusinessDate(db, ctx.now()));
        insertOrganisation(db, input.organisationName, false, meta);
        const branch = insertBranch(db, input.branchCode, input.branchName, meta);
        insertUser(
          db,
          {
            username: input.adminUsername,
            displayName: input.adminDisplayName,
            passwordHash,
            role: 'admin',
            branchId: branch.id,
            approvalLimitFen: 0,
            mustChangePassword: false,
          },
          meta,
        );
      });
      return { done: true };
    },
  }),
  'setup.createDemo': handler({
    input: z.object({}).optional(),
    access: 'public',
    kind: 'write',
    run: async (ctx) => {
      requireNoOrganisation(ctx.db);
      await createDemoCompany(ctx);
      return { done: true };
    },
  }),
};
