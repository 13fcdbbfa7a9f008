/** The demo company offered on a new profile. Its accounts are listed in the
 *  README; every password is DEMO_PASSWORD. */
import { hashPassword } from '../../security/passwords';
import type { Ctx } from '../../api/handler';
import type { Role } from '../../../core/auth/permissions';
import { insertBranch, insertOrganisation, insertUser } from '../users/store';

export const DEMO_PASSWORD = 'demo1234';

export const DEMO_USERS: Array<{ username: string; displayName: string; role: Role; branch: 'HQ' | 'CY'; approvalLimitYuan: number }> = [
  { username: 'admin', displayName: '系统管理员', role: 'admin', branch: 'HQ', approvalLimitYuan: 0 },
  { username: 'manager', displayName: '王经理', role: 'manager', branch: 'HQ', approvalLimitYuan: 500_000 },
  { username: 'officer', displayName: '李信贷', role: 'loan_officer', branch: 'HQ', approvalLimitYuan: 50_000 },
  { username: 'officer2', displayName: '赵信贷', role: 'loan_officer', branch: 'CY', approvalLimitYuan: 50_000 },
  { username: 'agent', displayName: '陈客服', role: 'cs_agent', branch: 'HQ', approvalLimitYuan: 0 },
  { username: 'auditor', displayName: '周审计', role: 'auditor', branch: 'HQ', approvalLimitYuan: 0 },
];

export async function createDemoCompany(ctx: Ctx): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const at = ctx.now().toISOString();
  ctx.write((db) => {
    insertOrganisation(db, '演示小贷有限公司 (Demo Microfinance Co.)', true, at);
    const hq = insertBranch(db, 'HQ', '总部营业部', at);
    const cy = insertBranch(db, 'CY', '朝阳支行', at);
    for (const u of DEMO_USERS) {
      insertUser(
        db,
        {
          username: u.username,
          displayName: u.displayName,
          passwordHash,
          role: u.role,
          branchId: u.branch === 'HQ' ? hq.id : cy.id,
          approvalLimitFen: u.approvalLimitYuan * 100,
          mustChangePassword: false,
        },
        at,
      );
    }
  });
}
