/** The operations section's routes; composed into the window by app/routes.tsx. */
import type { RouteDef } from '../../app/routes';

export const operationsRoutes: RouteDef[] = [];
