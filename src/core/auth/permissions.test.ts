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
  it('grants only known permissions', () => {
    for (const role of ROLES) for (const p of permissionsOf(role)) expect(PERMISSIONS).toContain(p);
  });
});
