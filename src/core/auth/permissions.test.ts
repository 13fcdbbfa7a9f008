import { can, permissionsOf, ROLES, PERMISSIONS, type Permission, type Role } from './permissions';

/** Every permission, classified by hand: does it let a role change something?
 *  A new permission fails 'classifies every permission' until it is put here. */
const WRITES: readonly Permission[] = [
  'users.manage',
  'settings.manage',
  'customers.write',
  'products.manage',
  'applications.create',
  'applications.review',
  'applications.override',
  'loans.disburse',
  'loans.cancel',
  'repayments.record',
  'repayments.reverse',
  'repayments.overrideCap',
  'loans.writeOff',
  'eod.run',
  'ledger.export',
  'tickets.write',
  'tickets.assign',
  'tickets.actions',
  'collections.write',
  'backup.manage',
  'compliance.review',
  'books.propose',
  'books.approve',
  'books.chart',
  'books.close',
  'books.reopen',
];
const READS: readonly Permission[] = [
  'audit.read',
  'customers.read',
  'customers.reveal',
  'products.read',
  'loans.read',
  'documents.download',
  'ledger.read',
  'tickets.read',
  'tickets.reports',
  'collections.read',
  'monitoring.portfolio',
  'monitoring.own',
  'monitoring.exceptions',
  'monitoring.system',
];

/** What each role may do, written out (not derived), so a grant changes on purpose. */
const EXPECTED: Record<Role, readonly Permission[]> = {
  admin: [
    'audit.read',
    'backup.manage',
    'books.chart',
    'monitoring.system',
    'products.manage',
    'products.read',
    'settings.manage',
    'users.manage',
  ],
  manager: [
    'applications.create',
    'applications.override',
    'applications.review',
    'books.approve',
    'books.close',
    'books.propose',
    'books.reopen',
    'collections.read',
    'collections.write',
    'compliance.review',
    'customers.read',
    'customers.reveal',
    'customers.write',
    'documents.download',
    'eod.run',
    'ledger.export',
    'ledger.read',
    'loans.cancel',
    'loans.disburse',
    'loans.read',
    'loans.writeOff',
    'monitoring.exceptions',
    'monitoring.portfolio',
    'products.read',
    'repayments.overrideCap',
    'repayments.record',
    'repayments.reverse',
    'tickets.actions',
    'tickets.assign',
    'tickets.read',
    'tickets.reports',
    'tickets.write',
  ],
  loan_officer: [
    'applications.create',
    'applications.review',
    'collections.read',
    'collections.write',
    'customers.read',
    'customers.reveal',
    'customers.write',
    'documents.download',
    'ledger.export',
    'ledger.read',
    'loans.disburse',
    'loans.read',
    'monitoring.own',
    'products.read',
    'repayments.record',
    'tickets.read',
    'tickets.write',
  ],
  cs_agent: ['customers.read', 'loans.read', 'tickets.actions', 'tickets.assign', 'tickets.read', 'tickets.write'],
  auditor: ['audit.read', 'customers.read', 'ledger.export', 'ledger.read', 'loans.read', 'monitoring.exceptions'],
  accountant: ['books.approve', 'books.close', 'books.propose', 'ledger.export', 'ledger.read', 'loans.read'],
};

describe('role permissions', () => {
  it('classifies every permission as a read or a write, once', () => {
    expect([...WRITES, ...READS].sort()).toEqual([...PERMISSIONS].sort());
  });
  it.each(ROLES)('grants %s exactly its listed permissions', (role) => {
    expect([...permissionsOf(role)].sort()).toEqual([...EXPECTED[role]].sort());
  });
  it('gives user management to admins only', () => {
    expect(ROLES.filter((r) => can(r, 'users.manage'))).toEqual(['admin']);
  });
  it('lets auditors read the audit trail and export what they read, but change nothing', () => {
    expect(can('auditor', 'audit.read')).toBe(true);
    // An export writes a file and an audit record, never the books.
    expect(permissionsOf('auditor').filter((p) => WRITES.includes(p) && p !== 'ledger.export')).toEqual([]);
  });
  it('keeps customer-service agents on masked data, away from money movements and collections', () => {
    expect(permissionsOf('cs_agent').filter((p) => WRITES.includes(p) && !p.startsWith('tickets.'))).toEqual([]);
    expect(can('cs_agent', 'customers.reveal')).toBe(false);
    expect(ROLES.filter((r) => can(r, 'tickets.reports'))).toEqual(['manager']);
    expect(ROLES.filter((r) => can(r, 'collections.write'))).toEqual(['manager', 'loan_officer']);
  });
  it('leaves the review of applications and compliance flags to the roles that answer for them', () => {
    expect(ROLES.filter((r) => can(r, 'applications.review'))).toEqual(['manager', 'loan_officer']);
    expect(ROLES.filter((r) => can(r, 'applications.override'))).toEqual(['manager']);
    expect(ROLES.filter((r) => can(r, 'compliance.review'))).toEqual(['manager']);
  });
  it('keeps the books to the accountant and the manager, reopening a closed month to the manager', () => {
    expect(ROLES.filter((r) => can(r, 'books.approve'))).toEqual(['manager', 'accountant']);
    expect(ROLES.filter((r) => can(r, 'books.reopen'))).toEqual(['manager']);
    expect(
      permissionsOf('accountant').filter((p) => WRITES.includes(p) && !p.startsWith('books.') && p !== 'ledger.export'),
    ).toEqual([]);
  });
});
