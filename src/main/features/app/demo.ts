/** The demo company offered on a new profile. Its accounts are listed in the
 *  README; every password is DEMO_PASSWORD. It comes with a year of lending
 *  history from the demo seed (src/main/features/seed). */
import { hashPassword } from '../../security/passwords';
import type { Ctx } from '../../api/handler';
import type { LocalDb } from '../../db/connection';
import type { Role } from '../../../core/auth/permissions';
import { insertBranch, insertOrganisation, insertUser } from '../users/store';
import { currentBusinessDate } from '../eod/businessDate';
import { demoHistoryStart, seedDemo, type DemoSeedResult } from '../seed/demoSeed';
import type { EventMeta } from '../../events/store';
import type { BusinessDate } from '../../../core/dates';
import { settingsSchema } from '../../../contract/schemas/settings';
import { writeSettingsSection } from '../settings/store';
import { approveEntry, proposeEntry } from '../books/handlers';

export const DEMO_PASSWORD = 'demo1234';

export const DEMO_USERS: Array<{
  username: string;
  displayName: string;
  role: Role;
  branch: 'HQ' | 'CY';
  approvalLimitYuan: number;
}> = [
  { username: 'admin', displayName: '系统管理员', role: 'admin', branch: 'HQ', approvalLimitYuan: 0 },
  { username: 'manager', displayName: '王经理', role: 'manager', branch: 'HQ', approvalLimitYuan: 500_000 },
  { username: 'officer', displayName: '李信贷', role: 'loan_officer', branch: 'HQ', approvalLimitYuan: 50_000 },
  { username: 'officer2', displayName: '赵信贷', role: 'loan_officer', branch: 'CY', approvalLimitYuan: 50_000 },
  { username: 'agent', displayName: '陈客服', role: 'cs_agent', branch: 'HQ', approvalLimitYuan: 0 },
  { username: 'auditor', displayName: '周审计', role: 'auditor', branch: 'HQ', approvalLimitYuan: 0 },
];

/** Person customers of the demo created from the first-run screen: small enough
 *  to finish in seconds (the screen waits for it); `loandesk seed --demo` makes
 *  the full-size company. LOANDESK_DEMO_CUSTOMERS overrides it (0: no history,
 *  as the unit tests and most e2e journeys set it). */
export const DEMO_WINDOW_PERSONS = 400;

export function demoPersonsFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.LOANDESK_DEMO_CUSTOMERS;
  if (raw !== undefined && /^\d+$/.test(raw.trim())) return Number(raw);
  return DEMO_WINDOW_PERSONS;
}

/** The organisation, its two branches and the demo users (one transaction), as of
 *  `meta` (the start of the demo's history when it has one). */
export function insertDemoOrganisation(db: LocalDb, passwordHash: string, meta: EventMeta): void {
  insertOrganisation(db, '演示小贷有限公司', true, meta);
  const hq = insertBranch(db, 'HQ', '总部营业部', meta);
  const cy = insertBranch(db, 'CY', '朝阳支行', meta);
  const ids = new Map<string, string>();
  for (const u of DEMO_USERS) {
    const user = insertUser(
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
      meta,
    );
    ids.set(u.username, user.id);
  }
  // The service centre: the agent in it, escalations to the manager.
  const service = settingsSchema.shape.service.parse(undefined);
  writeSettingsSection(
    db,
    'service',
    {
      ...service,
      teams: [
        {
          code: 'CS',
          name: '客服中心',
          leadId: ids.get('manager') ?? null,
          memberIds: [ids.get('agent')!].filter(Boolean),
        },
        {
          code: 'LOAN',
          name: '信贷服务',
          leadId: ids.get('manager') ?? null,
          memberIds: [ids.get('officer')!, ids.get('officer2')!].filter(Boolean),
        },
      ],
    },
    meta,
  );
}

/** The demo's opening balances (yuan): paid-in capital and a one-year bank loan,
 *  in the bank and the till, scaled to the lending of `persons` customers so that
 *  no asset account is ever in credit. */
export function demoFunding(persons: number): { capitalYuan: number; bankLoanYuan: number; cashYuan: number } {
  // At least enough for the 300 persons a profile without history may be seeded with later.
  const capitalYuan = Math.max(20_000_000, persons * 60_000);
  const bankLoanYuan = Math.max(10_000_000, persons * 30_000);
  return { capitalYuan, bankLoanYuan, cashYuan: Math.round((capitalYuan + bankLoanYuan) / 5) };
}

/** Books the demo's opening entry (proposed and approved by the setup itself),
 *  dated the first day of the demo's history (also when it is made without one),
 *  before any posting. */
export function fundDemoCompany(db: LocalDb, meta: EventMeta, persons: number, today: BusinessDate): void {
  const f = demoFunding(persons);
  const opensOn = demoHistoryStart(today);
  const fen = (yuan: number) => yuan * 100;
  const { id } = proposeEntry(db, meta, {
    kind: 'opening',
    valueDate: opensOn,
    memo: '实收资本与银行借款 (paid-in capital and bank loan)',
    lines: [
      { accountId: '1002', debitFen: fen(f.capitalYuan + f.bankLoanYuan - f.cashYuan), creditFen: 0, memo: null },
      { accountId: '1001', debitFen: fen(f.cashYuan), creditFen: 0, memo: null },
      { accountId: '4001', debitFen: 0, creditFen: fen(f.capitalYuan), memo: null },
      { accountId: '2001', debitFen: 0, creditFen: fen(f.bankLoanYuan), memo: null },
    ],
    reversesId: null,
  });
  approveEntry(db, meta, { entryId: id, expectedVersion: 1, note: null });
}

/** When the demo company was set up: with a history, when its history begins. */
export function demoOpeningMeta(deviceId: string, today: BusinessDate, withHistory: boolean, now: Date): EventMeta {
  const opened = withHistory ? demoHistoryStart(today) : today;
  return {
    actorId: null,
    deviceId,
    branchId: null,
    occurredAt: withHistory ? `${opened}T00:00:00.000Z` : now.toISOString(),
    businessDate: opened,
  };
}

export async function demoPasswordHash(): Promise<string> {
  return hashPassword(DEMO_PASSWORD);
}

/** Creates the demo company and its history; progress goes to the windows as
 *  'seed.progress' {phase, done, total}. */
export async function createDemoCompany(ctx: Ctx, persons = demoPersonsFromEnv()): Promise<DemoSeedResult | null> {
  const passwordHash = await demoPasswordHash();
  const today = currentBusinessDate(ctx.db, ctx.now());
  const meta = demoOpeningMeta(ctx.deviceId, today, persons > 0, ctx.now());
  ctx.write(
    (db) => {
      insertDemoOrganisation(db, passwordHash, meta);
      fundDemoCompany(db, meta, persons, today);
    },
    { summary: { persons } },
  );
  if (persons <= 0) return null;
  return seedDemo(ctx.db, {
    today,
    deviceId: ctx.deviceId,
    persons,
    now: ctx.now,
    onProgress: (p) => ctx.app.push({ topic: 'seed.progress', payload: p }),
    yieldBetweenBatches: () => new Promise((resolve) => setImmediate(resolve)),
  });
}
