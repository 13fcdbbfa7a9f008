/** Whether a role has any dashboard panel, without loading the dashboard chunk:
 *  the permissions the panels of dashboard/panels.tsx require. */
export const PANEL_PERMISSIONS = [
  'monitoring.own',
  'monitoring.portfolio',
  'monitoring.exceptions',
  'monitoring.system',
] as const;

export function hasPanels(permissions: readonly string[]): boolean {
  return PANEL_PERMISSIONS.some((p) => permissions.includes(p));
}
