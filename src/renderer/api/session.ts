/** What the signed-in session allows, to decide what a screen shows (the main
 *  process checks every call itself). */
import { useApi } from './hooks';
import type { Permission } from '../../core/auth/permissions';

export function useCan(): (permission: Permission) => boolean {
  const status = useApi('app.status', {});
  const permissions = status.data?.session?.permissions ?? [];
  return (permission) => permissions.includes(permission);
}
