/** Who sees which tickets and loans in collections. The service centre (agents)
 *  answers every customer, so agents see all tickets, with masked customer data; a
 *  loan officer sees the tickets and the collections of their own branch; a
 *  manager sees every branch. The main process applies the scope to every query
 *  and refuses (as unknown) what lies outside it. */
import type { Role } from '../auth/permissions';

export type BranchScope = { kind: 'all' } | { kind: 'branch'; branchId: string | null } | { kind: 'none' };

export function ticketScope(role: Role, branchId: string | null): BranchScope {
  if (role === 'cs_agent' || role === 'manager') return { kind: 'all' };
  if (role === 'loan_officer') return { kind: 'branch', branchId };
  return { kind: 'none' };
}

export function collectionsScope(role: Role, branchId: string | null): BranchScope {
  if (role === 'manager') return { kind: 'all' };
  if (role === 'loan_officer') return { kind: 'branch', branchId };
  return { kind: 'none' };
}

export function inScope(scope: BranchScope, branchId: string | null): boolean {
  if (scope.kind === 'all') return true;
  if (scope.kind === 'none') return false;
  return scope.branchId !== null && scope.branchId === branchId;
}
