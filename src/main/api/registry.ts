/** Every API method, composed from the features' handler maps. The `Api` type the
 *  renderer uses is derived from this object; there is no second copy. */
import type { z } from 'zod';
import { appHandlers } from '../features/app/handlers';
import { authHandlers } from '../features/auth/handlers';
import { usersHandlers } from '../features/users/handlers';
import { auditHandlers } from '../features/audit/handlers';
import { settingsHandlers } from '../features/settings/handlers';
import { productsHandlers } from '../features/products/handlers';
import { applicationsHandlers } from '../features/applications/handlers';
import { loansHandlers } from '../features/loans/handlers';
import { eodHandlers } from '../features/eod/handlers';
import { ledgerHandlers } from '../features/ledger/handlers';
import { customersHandlers } from '../features/customers/handlers';
import { complianceHandlers } from '../features/compliance/handlers';
import { documentsHandlers } from '../features/documents/handlers';
import { filesHandlers } from '../features/files/handlers';
import { monitoringHandlers } from '../features/monitoring/handlers';
import { backupHandlers } from '../features/backup/handlers';
import { syncHandlers } from '../features/sync/handlers';
import { ticketsHandlers } from '../features/tickets/handlers';
import { ticketFeedbackHandlers } from '../features/tickets/feedback';
import { ticketActionsHandlers } from '../features/tickets/actions';
import { ticketReportsHandlers } from '../features/tickets/reports';
import { collectionsHandlers } from '../features/collections/handlers';
import { printsHandlers } from '../features/prints/handlers';
import { booksHandlers } from '../features/books/handlers';
import { draftsHandlers } from '../features/drafts/handlers';
import { statementsHandlers } from '../features/statements/handlers';

const FEATURES = {
  appHandlers,
  authHandlers,
  usersHandlers,
  auditHandlers,
  settingsHandlers,
  productsHandlers,
  applicationsHandlers,
  loansHandlers,
  eodHandlers,
  ledgerHandlers,
  customersHandlers,
  complianceHandlers,
  documentsHandlers,
  filesHandlers,
  monitoringHandlers,
  backupHandlers,
  syncHandlers,
  ticketsHandlers,
  ticketFeedbackHandlers,
  ticketActionsHandlers,
  ticketReportsHandlers,
  collectionsHandlers,
  printsHandlers,
  booksHandlers,
  draftsHandlers,
  statementsHandlers,
};

type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;

/** All handler maps in one; a method name declared by two features stops the app
 *  at start (a later map would otherwise replace the earlier handler silently). */
export function composeHandlers<T extends Record<string, Record<string, unknown>>>(
  features: T,
): UnionToIntersection<T[keyof T]> {
  const out: Record<string, unknown> = {};
  const owner = new Map<string, string>();
  for (const [feature, map] of Object.entries(features))
    for (const [method, def] of Object.entries(map)) {
      if (owner.has(method))
        throw new Error(`API method "${method}" is declared twice (in ${owner.get(method)} and ${feature})`);
      owner.set(method, feature);
      out[method] = def;
    }
  return out as UnionToIntersection<T[keyof T]>;
}

export const handlers = composeHandlers(FEATURES);

type Handlers = typeof handlers;
export type Method = keyof Handlers;
export type Api = {
  [M in Method]: {
    /** A state-changing call may carry the request id its form chose (a retry
     *  with the same id gets the first answer); dispatch takes it off the input. */
    input: z.input<Handlers[M]['input']> & { requestId?: string };
    output: Awaited<ReturnType<Handlers[M]['run']>>;
  };
};
