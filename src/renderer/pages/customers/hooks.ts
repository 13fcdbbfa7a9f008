/** What the customers pages need besides the API hooks: the session's permissions
 *  (only to decide what to show; the main process checks every call) and a file as base64. */
import { useApi } from '../../api/hooks';
import type { Permission } from '../../../core/auth/permissions';

export function useCan(): (permission: Permission) => boolean {
  const status = useApi('app.status', {});
  const permissions = status.data?.session?.permissions ?? [];
  return (permission) => permissions.includes(permission);
}

const CHUNK_BYTES = 0x8000;

export async function fileToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += CHUNK_BYTES)
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK_BYTES));
  return btoa(binary);
}
