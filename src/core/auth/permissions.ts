/** Roles and the permissions each grants. The main process checks these on every
 *  API call; the renderer only uses them to decide what to show. */
export const ROLES = ['admin', 'manager', 'loan_officer', 'cs_agent', 'auditor', 'accountant'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'users.manage',
  'settings.manage',
  'audit.read',
  'customers.read',
  'customers.write',
  'customers.reveal',
  'products.read',
  'products.manage',
  'applications.create',
  'applications.review',
  'applications.override',
  'loans.read',
  'documents.download',
  'loans.disburse',
  'repayments.record',
  'repayments.reverse',
  'repayments.overrideCap',
  'loans.writeOff',
  'eod.run',
  'ledger.read',
  'ledger.export',
  'tickets.read',
  'tickets.write',
  'monitoring.portfolio',
  'monitoring.own',
  'monitoring.exceptions',
  'monitoring.system',
  'backup.manage',
  'tickets.assign',
  'tickets.actions',
  'tickets.reports',
  'collections.read',
  'collections.write',
  'compliance.review',
  'books.propose',
  'books.approve',
  'books.chart',
  'books.close',
  'books.reopen',
  /** Cancel (撤销) an approved loan before it is disbursed, with a reason. */
  'loans.cancel',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: [
    'users.manage',
    'settings.manage',
    'audit.read',
    'products.read',
    'products.manage',
    'monitoring.system',
    'backup.manage',
    'books.chart',
  ],
  manager: [
    'customers.read',
    'customers.write',
    'customers.reveal',
    'products.read',
    'applications.create',
    'applications.review',
    'applications.override',
    'loans.read',
    'documents.download',
    'loans.disburse',
    'repayments.record',
    'repayments.reverse',
    'repayments.overrideCap',
    'loans.writeOff',
    'eod.run',
    'ledger.read',
    'ledger.export',
    'tickets.read',
    'tickets.write',
    'tickets.assign',
    'tickets.actions',
    'tickets.reports',
    'collections.read',
    'collections.write',
    'monitoring.portfolio',
    'monitoring.exceptions',
    'compliance.review',
    'books.propose',
    'books.approve',
    'books.close',
    'books.reopen',
    'loans.cancel',
  ],
  loan_officer: [
    'customers.read',
    'customers.write',
    'customers.reveal',
    'products.read',
    'applications.create',
    'applications.review',
    'loans.read',
    'documents.download',
    'loans.disburse',
    'repayments.record',
    'ledger.read',
    'ledger.export',
    'tickets.read',
    'tickets.write',
    'collections.read',
    'collections.write',
    'monitoring.own',
  ],
  /** Masked data only (no customers.reveal), no change to loans. */
  cs_agent: ['customers.read', 'loans.read', 'tickets.read', 'tickets.write', 'tickets.assign', 'tickets.actions'],
  auditor: ['audit.read', 'customers.read', 'loans.read', 'ledger.read', 'ledger.export', 'monitoring.exceptions'],
  /** The books (会计): manual entries, checking another's, closing; reopening a
   *  closed period is a manager's. */
  accountant: ['loans.read', 'ledger.read', 'ledger.export', 'books.propose', 'books.approve', 'books.close'],
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function permissionsOf(role: Role): readonly Permission[] {
  return ROLE_PERMISSIONS[role];
}

export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}
