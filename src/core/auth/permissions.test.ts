import { can, permissionsOf, ROLES, PERMISSIONS } from './permissions';

describe('role permissions', () => {
  it('gives user management to admins only', () => {
    expect(ROLES.filter((r) => can(r, 'users.manage'))).toEqual(['admin']);
  });
  it('lets auditors read the audit trail but change nothing', () => {
    expect(can('auditor', 'audit.read')).toBe(true);
    const writes = permissionsOf('auditor').filter((p) => /write|manage|record|disburse|reverse|run|create/.test(p));
    expect(writes).toEqual([]);
  });
  it('keeps customer-service agents away from money movements', () => {
    for (const p of ['loans.disburse', 'repayments.record', 'repayments.reverse', 'loans.writeOff'] as const) {
      expect(can('cs_agent', p)).toBe(false);
    }
  });
  it('lets agents work tickets on masked data but never change a loan or work collections', () => {
    expect(can('cs_agent', 'tickets.write')).toBe(true);
    expect(can('cs_agent', 'customers.reveal')).toBe(false);
    for (const p of ['collections.write', 'customers.write', 'applications.create', 'loans.disburse'] as const)
      expect(can('cs_agent', p)).toBe(false);
    expect(ROLES.filter((r) => can(r, 'tickets.reports'))).toEqual(['manager']);
    expect(ROLES.filter((r) => can(r, 'collections.write'))).toEqual(['manager', 'loan_officer']);
  });
  it('grants only known permissions', () => {
    for (const role of ROLES) for (const p of permissionsOf(role)) expect(PERMISSIONS).toContain(p);
  });
});
