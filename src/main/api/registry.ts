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
import { monitoringHandlers } from '../features/monitoring/handlers';
import { backupHandlers } from '../features/backup/handlers';

export const handlers = {
  ...appHandlers,
  ...authHandlers,
  ...usersHandlers,
  ...auditHandlers,
  ...settingsHandlers,
  ...productsHandlers,
  ...applicationsHandlers,
  ...loansHandlers,
  ...eodHandlers,
  ...ledgerHandlers,
  ...customersHandlers,
  ...complianceHandlers,
  ...documentsHandlers,
  ...monitoringHandlers,
  ...backupHandlers,
};

type Handlers = typeof handlers;
export type Method = keyof Handlers;
export type Api = {
  [M in Method]: {
    input: z.input<Handlers[M]['input']>;
    output: Awaited<ReturnType<Handlers[M]['run']>>;
  };
};
