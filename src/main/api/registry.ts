/** Every API method, composed from the features' handler maps. The `Api` type the
 *  renderer uses is derived from this object; there is no second copy. */
import type { z } from 'zod';
import { appHandlers } from '../features/app/handlers';
import { authHandlers } from '../features/auth/handlers';
import { usersHandlers } from '../features/users/handlers';
import { auditHandlers } from '../features/audit/handlers';
import { settingsHandlers } from '../features/settings/handlers';

export const handlers = {
  ...appHandlers,
  ...authHandlers,
  ...usersHandlers,
  ...auditHandlers,
  ...settingsHandlers,
};

type Handlers = typeof handlers;
export type Method = keyof Handlers;
export type Api = {
  [M in Method]: {
    input: z.input<Handlers[M]['input']>;
    output: Awaited<ReturnType<Handlers[M]['run']>>;
  };
};
