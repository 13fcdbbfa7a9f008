/** The demo company's history (演示数据): products, customers, a year of
 *  applications, loans and repayments, recorded through the app's own handlers and
 *  events at the instants they happened, so the projectors build every row and the
 *  journal carries its history (entries dated by the business dates of what they
 *  record). Write-offs are imported as events (the history's own decisions). The
 *  history ends with the close of the day before the opening day, which brings
 *  every open loan up to it.
 *
 *  Deterministic for a seed number (names, amounts, dates, behaviour, application
 *  and loan ids). Work is done in batches, one transaction each, and the progress is
 *  kept in the device's local state inside the same transaction, so a seed that
 *  stops (cancel, crash) is run again and completes without duplicating anything. */
import { eq } from 'drizzle-orm';
import { customers, localState, users } from '../../db/schema';
import type { LocalDb } from '../../db/connection';
import type { Ctx, Session } from '../../api/handler';
import type { Role } from '../../../core/auth/permissions';
import { derivedUuid, draft, emit, type EventMeta } from '../../events/store';
import { appendAudit } from '../../security/audit';
import { NO_FAILURES } from '../../../core/auth/throttle';
import { DomainError, isDomainError } from '../../../core/errors';
import { addDays, minDate, type BusinessDate } from '../../../core/dates';
import { payoffQuote, type LoanTransaction } from '../../../core/servicing/position';
import { validateResidentId } from '../../../core/validation/identity';
import { listProducts, saveProduct, type ProductView } from '../products/handlers';
import type { ProductConfig } from '../../../contract/schemas/products';
import { applicationsHandlers, submitApplication } from '../applications/handlers';
import type { StoredContract } from '../../../contract/events';
import type { SeedPhase, SeedProgress } from '../../../contract/topics';
import { contractOf, getLoanRow } from '../../projectors/loans';
import { loansHandlers } from '../loans/handlers';
import { insertCustomer, loadWatchlistScreen } from '../customers/store';
import { formatNumber, nextSequence } from '../numbers';
import { buildPlan, DESIGNATED, type AppSlot, type DemoProductSpec, type SeedPlan } from './plan';
import { rngFor } from './random';
import { luhnCheckDigit, seedBusiness, seedPerson } from './people';

export const DEFAULT_DEMO_SEED = 20240601;
export const DEFAULT_DEMO_PERSONS = 2000;
export const SEED_BATCH_ITEMS = 100;
const PROGRESS_KEY = 'seed.demo';
/** The designated loans (every bucket and class) need that many persons. */
const DESIGNATED_MIN_PERSONS = DESIGNATED.length;
/** Products are defined before the first customer registers. */
const HISTORY_START_DAYS = 430;

export type { SeedPhase, SeedProgress };

export interface DemoSeedOptions {
  /** The opening business day: history ends here and the journal opens on it. */
  today: BusinessDate;
  deviceId: string;
  seed?: number;
  /** Person customers (business customers are added: one per 40 persons). */
  persons?: number;
  batchItems?: number;
  onProgress?: (p: SeedProgress) => void;
  shouldStop?: () => boolean;
  yieldBetweenBatches?: () => Promise<void>;
  /** Clock for the audit record and the opening entries (default: now). */
  now?: () => Date;
}

export interface DemoSeedResult {
  status: 'done' | 'cancelled';
  seed: number;
  today: BusinessDate;
  products: number;
  customers: number;
  applications: number;
  loans: number;
  repayments: number;
  elapsedMs: number;
}

interface SeedState {
  seed: number;
  persons: number;
  today: BusinessDate;
  phase: SeedPhase;
  customersDone: number;
  slotsDone: number;
}

/** A business's receiving account in the demo: a bank-card-shaped number (it
 *  passes the check digit too) derived from the loan number. */
function demoAccount(loanNumber: string): string {
  const body = `622588${loanNumber.replace(/\D/g, '').padStart(9, '0')}`;
  return body + luhnCheckDigit(body);
}
const PRODUCTS: Array<
  DemoProductSpec & { name: string; nameEn: string; config: Partial<ProductConfig> & Pick<ProductConfig, 'method'> }
> = [
  {
    code: 'CASH12',
    name: '薪易贷',
    nameEn: 'Salary loan',
    forKind: 'person',
    weight: 60,
    periods: [6, 12, 12, 18, 24],
    rates: ['0.1548', '0.1296', '0.1680', '0.1188'],
    config: {
      method: 'annuity',
      minAmountFen: 1_000_00,
      maxAmountFen: 100_000_00,
      minPeriods: 3,
      maxPeriods: 24,
      minRateAnnual: '0.08',
      maxRateAnnual: '0.18',
      defaultRateAnnual: '0.1548',
      installmentMultipleFen: 100,
      autoApproveLimitFen: 50_000_00,
    },
  },
  {
    code: 'HOME36',
    name: '安居装修贷',
    nameEn: 'Home renovation loan',
    forKind: 'person',
    weight: 15,
    periods: [12, 24, 36],
    rates: ['0.072', '0.066', '0.078'],
    config: {
      method: 'flat',
      minAmountFen: 10_000_00,
      maxAmountFen: 200_000_00,
      minPeriods: 12,
      maxPeriods: 36,
      minRateAnnual: '0.05',
      maxRateAnnual: '0.09',
      defaultRateAnnual: '0.072',
      autoApproveLimitFen: 80_000_00,
    },
  },
  {
    code: 'BIZEP',
    name: '商户经营贷',
    nameEn: 'Merchant loan',
    forKind: 'both',
    weight: 20,
    periods: [12, 24, 36],
    rates: ['0.12', '0.108', '0.138'],
    config: {
      method: 'equalPrincipal',
      minAmountFen: 10_000_00,
      maxAmountFen: 300_000_00,
      minPeriods: 6,
      maxPeriods: 36,
      minRateAnnual: '0.08',
      maxRateAnnual: '0.18',
      defaultRateAnnual: '0.12',
      upfrontFeeRate: '0.01',
      autoApproveLimitFen: 100_000_00,
    },
  },
  {
    code: 'BRIDGE',
    name: '过桥周转贷',
    nameEn: 'Bridge loan',
    forKind: 'business',
    weight: 50,
    periods: [3, 6, 12],
    rates: ['0.144', '0.156', '0.168'],
    config: {
      method: 'interestOnly',
      minAmountFen: 50_000_00,
      maxAmountFen: 500_000_00,
      minPeriods: 3,
      maxPeriods: 12,
      minRateAnnual: '0.10',
      maxRateAnnual: '0.18',
      defaultRateAnnual: '0.156',
      dayCount: 'ACT/365',
      penaltyMultiplier: '1.3',
    },
  },
  {
    code: 'BULLET6',
    name: '短期周转贷',
    nameEn: 'Short-term bullet loan',
    forKind: 'business',
    weight: 30,
    periods: [1, 2, 3, 6],
    rates: ['0.15', '0.138', '0.162'],
    config: {
      method: 'bullet',
      minAmountFen: 20_000_00,
      maxAmountFen: 300_000_00,
      minPeriods: 1,
      maxPeriods: 6,
      minRateAnnual: '0.10',
      maxRateAnnual: '0.18',
      defaultRateAnnual: '0.15',
    },
  },
];

const BASE_CONFIG: Omit<ProductConfig, 'method'> = {
  frequency: 'monthly',
  minAmountFen: 1_000_00,
  maxAmountFen: 100_000_00,
  minPeriods: 3,
  maxPeriods: 36,
  minRateAnnual: '0.06',
  maxRateAnnual: '0.24',
  defaultRateAnnual: '0.15',
  dayCount: 'ACT/360',
  upfrontFeeRate: '0',
  penaltyMultiplier: '1.5',
  allocationOrder: ['penalty', 'overdueInterest', 'overduePrincipal', 'fees', 'currentInterest', 'currentPrincipal'],
  prepaymentMode: 'shortenTerm',
  repaymentIntent: 'installments',
  prepaymentFeeRate: '0',
  gracePrincipalPeriods: 0,
  graceInterestPeriods: 0,
  installmentMultipleFen: 1,
  installmentRounding: 'nearest',
  autoApproveLimitFen: 0,
  rateCapAnnual: '0.24',
  precheck: { minAge: 18, maxAge: 60, maxDebtToIncome: '0.5', refuseWatchlist: true, refuseOverdue: true },
};

/** The first day of the demo's history (its products are defined then). */
export function demoHistoryStart(today: BusinessDate): BusinessDate {
  return addDays(today, -(HISTORY_START_DAYS + 90));
}

/** An instant on a business date, `minutes` after 09:00 Asia/Shanghai. */
function at(date: BusinessDate, minutes: number): string {
  return new Date(Date.parse(`${date}T01:00:00.000Z`) + minutes * 60_000).toISOString();
}

function readState(db: LocalDb): SeedState | null {
  const row = db.select().from(localState).where(eq(localState.key, PROGRESS_KEY)).get();
  return row ? (JSON.parse(row.valueJson) as SeedState) : null;
}

function writeState(db: LocalDb, state: SeedState, updatedAt: string): void {
  const valueJson = JSON.stringify(state);
  db.insert(localState)
    .values({ key: PROGRESS_KEY, valueJson, updatedAt })
    .onConflictDoUpdate({ target: localState.key, set: { valueJson, updatedAt } })
    .run();
}

/** Whether a demo seed was started on this profile and not finished. */
export function demoSeedInProgress(db: LocalDb): boolean {
  const state = readState(db);
  return state !== null && state.phase !== 'done';
}

interface Staff {
  admin: typeof users.$inferSelect;
  manager: typeof users.$inferSelect;
  officers: Array<typeof users.$inferSelect>;
}

function staffOf(db: LocalDb): Staff {
  const byName = (username: string) => {
    const u = db.select().from(users).where(eq(users.username, username)).get();
    if (!u) throw new DomainError('SEED_NEEDS_DEMO_USERS', { username });
    return u;
  };
  return { admin: byName('admin'), manager: byName('manager'), officers: [byName('officer'), byName('officer2')] };
}

function metaFor(user: typeof users.$inferSelect, deviceId: string, occurredAt: string, date: BusinessDate): EventMeta {
  return { actorId: user.id, deviceId, branchId: user.branchId, occurredAt, businessDate: date };
}

/** The handlers' context for one user at one past instant; writes join the seed's
 *  batch transaction (as savepoints) and the seed writes one audit record. */
function ctxAt(db: LocalDb, deviceId: string, user: typeof users.$inferSelect, occurredAt: string): Ctx {
  const session: Session = {
    id: 'seed',
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role as Role,
    branchId: user.branchId,
    approvalLimitFen: user.approvalLimitFen,
    locked: false,
    lastActiveMs: 0,
    stamp: 'seed',
    passwordThrottle: NO_FAILURES,
  };
  return {
    app: null as never,
    db,
    session,
    sessionId: null,
    deviceId,
    now: () => new Date(occurredAt),
    requestId: null,
    write: (fn) => db.transaction(() => fn(db)),
    requireSession: () => session,
    startSession: () => {
      throw new DomainError('SESSION_ACTIVE');
    },
    endSession: () => undefined,
  };
}

/** Loan amount for a slot: what the person's income supports (installment under a
 *  third of income), or a size for a business; within the product, in thousands. */
function amountFor(slot: AppSlot, product: ProductView, income: number | null, debt: number): number {
  const c = product.config;
  let target: number;
  if (income !== null) {
    const perMonth = Math.max(0, income * 0.33 - debt);
    const factor = c.method === 'interestOnly' ? 12 : slot.periods * (1 - Number(slot.rateAnnual) * 0.2);
    target = perMonth * factor * slot.sizeDraw;
  } else {
    target = c.minAmountFen + (c.maxAmountFen - c.minAmountFen) * slot.sizeDraw * slot.sizeDraw;
  }
  const rounded = Math.floor(target / 1_000_00) * 1_000_00;
  return Math.min(c.maxAmountFen, Math.max(c.minAmountFen, rounded));
}

interface PlannedTx {
  kind: 'repayment' | 'recovery';
  valueDate: BusinessDate;
  amountFen: number;
  channel: 'bank' | 'cash';
}

/** The borrower's repayments up to today, by behaviour, from the agreed schedule. */
function plannedRepayments(
  seed: number,
  slot: AppSlot,
  contract: StoredContract,
  today: BusinessDate,
): { txs: PlannedTx[]; writtenOffOn: BusinessDate | null } {
  const rng = rngFor(seed, 'repay', slot.order);
  const due = contract.schedule.installments.filter((i) => i.dueDate <= today);
  const rate = Number(contract.terms.rateAnnual);
  const txs: PlannedTx[] = [];
  const pay = (valueDate: BusinessDate, amountFen: number) => {
    if (valueDate <= today && amountFen > 0)
      txs.push({ kind: 'repayment', valueDate, amountFen, channel: slot.channel });
  };
  switch (slot.behaviour) {
    case 'onTime':
      for (const i of due) pay(i.dueDate, i.paymentFen);
      break;
    case 'late':
      for (const i of due) {
        const delay = rng.int(3, 25);
        // Installment plus an estimate of the penalty; a small surplus prepays.
        const penalty = Math.ceil((i.paymentFen * rate * 1.5 * delay) / 360) + 100;
        pay(addDays(i.dueDate, delay), i.paymentFen + penalty);
      }
      break;
    case 'partial':
      for (const i of due) pay(i.dueDate, Math.round((i.paymentFen * rng.int(40, 90)) / 100));
      break;
    case 'stopped': {
      const k = due.length <= 1 ? 0 : rng.int(1, due.length - 1);
      for (const i of due.slice(0, k)) pay(i.dueDate, i.paymentFen);
      break;
    }
    case 'payoff': {
      const k = due.length === 0 ? 0 : rng.int(0, due.length - 1);
      for (const i of due.slice(0, k)) pay(i.dueDate, i.paymentFen);
      const from = k === 0 ? contract.terms.startDate : due[k - 1]!.dueDate;
      const payoffOn = addDays(from, rng.int(5, 25));
      if (payoffOn < today) {
        const so: LoanTransaction[] = txs.map((t, n) => ({
          id: `p${n}`,
          type: 'repayment',
          valueDate: t.valueDate,
          amountFen: t.amountFen,
        }));
        pay(payoffOn, payoffQuote(contract, so, payoffOn).totalFen);
      } else for (const i of due.slice(k)) pay(i.dueDate, i.paymentFen);
      break;
    }
    case 'writtenOff': {
      const first = contract.schedule.installments[0]!.dueDate;
      const writtenOffOn = minDate(addDays(first, 200), addDays(today, -1));
      const recoveryOn = addDays(writtenOffOn, 30);
      // The older of the two written-off borrowers later paid a tenth back.
      if (slot.date <= addDays(today, -415) && recoveryOn < today) {
        txs.push({
          kind: 'recovery',
          valueDate: recoveryOn,
          amountFen: Math.round(contract.terms.principalFen / 10 / 100) * 100,
          channel: 'bank',
        });
      }
      return { txs, writtenOffOn };
    }
    default:
      break;
  }
  return { txs, writtenOffOn: null };
}

interface Counters {
  applications: number;
  loans: number;
  repayments: number;
}

/** One application slot: submit, review, disburse, repay, write off. */
function runSlot(
  db: LocalDb,
  plan: SeedPlan,
  slot: AppSlot,
  ctx: {
    seed: number;
    today: BusinessDate;
    deviceId: string;
    staff: Staff;
    products: Map<string, ProductView>;
    customerIds: string[];
  },
  counters: Counters,
): void {
  const { staff, deviceId, today } = ctx;
  const customerId = ctx.customerIds[slot.customer]!;
  const customer = db
    .select({ income: customers.monthlyIncomeFen, debt: customers.monthlyDebtFen })
    .from(customers)
    .where(eq(customers.id, customerId))
    .get()!;
  const product = ctx.products.get(slot.productCode)!;
  const officer = staff.officers[slot.customer % 2]!;
  const amountFen = amountFor(slot, product, slot.customer < plan.persons ? customer.income : null, customer.debt ?? 0);
  const submitted = submitApplication(
    ctxAt(db, deviceId, officer, at(slot.date, 30 + (slot.order % 200))),
    {
      customerId,
      productId: product.id,
      amountFen,
      periods: slot.periods,
      rateAnnual: slot.rateAnnual,
      purpose: slot.purpose,
    },
    { id: derivedUuid(`seed:${ctx.seed}:application:${slot.order}`) },
  );
  counters.applications++;
  let loanId = submitted.loanId;
  const managerAt = at(slot.date, 300 + (slot.order % 120));
  if (submitted.status === 'review') {
    if (slot.behaviour === 'pending') return;
    if (slot.behaviour === 'declineByReviewer') {
      applicationsHandlers['applications.decline'].run(ctxAt(db, deviceId, staff.manager, managerAt), {
        applicationId: submitted.id,
        expectedVersion: 1,
        reason: '收入证明不足 insufficient proof of income',
      });
      return;
    }
    // The handler is synchronous (its work is one ctx.write).
    const approved = applicationsHandlers['applications.approve'].run(ctxAt(db, deviceId, staff.manager, managerAt), {
      applicationId: submitted.id,
      expectedVersion: 1,
    }) as { loanId: string };
    loanId = approved.loanId;
  }
  if (!loanId || slot.behaviour === 'pending') return;
  // Maker-checker: the manager disburses what the system approved, the officer what the manager approved.
  const disburser = submitted.status === 'approved' ? staff.manager : officer;
  const approvedLoan = getLoanRow(db, loanId)!;
  // A bank transfer goes to the customer's card on file (a business: its account),
  // with the bank's reference, as the disbursement ledger shows them.
  const payee = db.$client
    .prepare('SELECT kind, bank_card AS card FROM customers WHERE id = ?')
    .get(approvedLoan.customerId) as { kind: string; card: string | null };
  const bank = slot.channel === 'bank';
  loansHandlers['loans.disburse'].run(ctxAt(db, deviceId, disburser, at(slot.date, 420)), {
    loanId,
    expectedVersion: approvedLoan.version,
    channel: slot.channel,
    ...(bank
      ? {
          receivingAccount: payee.card ?? demoAccount(approvedLoan.number),
          transferRef: `DEMO${slot.date.replace(/-/g, '')}${approvedLoan.number}`,
        }
      : {}),
  });
  counters.loans++;
  const contract: StoredContract = contractOf(getLoanRow(db, loanId)!);
  const { txs, writtenOffOn } = plannedRepayments(ctx.seed, slot, contract, today);
  const repayments = txs.filter((t) => t.kind === 'repayment');
  for (const [n, t] of repayments.entries()) {
    const input = {
      loanId,
      amountFen: t.amountFen,
      valueDate: t.valueDate,
      channel: t.channel,
      acceptOverpayment: true,
    };
    try {
      loansHandlers['repayments.record'].run(ctxAt(db, deviceId, officer, at(t.valueDate, 60 + n)), input);
    } catch (e) {
      // A payoff whose cost passes the cap (an early payoff of a loan with a fee, a
      // late one's penalty) is let through by the manager, with the reason.
      if (!isDomainError(e) || e.code !== 'PAYOFF_OVER_CAP') throw e;
      loansHandlers['repayments.record'].run(ctxAt(db, deviceId, staff.manager, at(t.valueDate, 61 + n)), {
        ...input,
        capOverrideReason: '客户要求提前结清，经理批准 early payoff at the customer’s request, approved by the manager',
      });
    }
    counters.repayments++;
  }
  if (writtenOffOn) {
    // The history's own decisions, imported as they were taken.
    const proposedOn = addDays(writtenOffOn, -2);
    emit(db, metaFor(officer, deviceId, at(proposedOn, 90), proposedOn), [
      {
        ...draft('WriteOffProposed', loanId, {
          reason: '逾期超过 180 天，催收无果 over 180 days past due, collection failed',
        }),
        branchId: approvedLoan.branchId,
      },
    ]);
    emit(db, metaFor(staff.manager, deviceId, at(writtenOffOn, 120), writtenOffOn), [
      { ...draft('LoanWrittenOff', loanId, { date: writtenOffOn }), branchId: approvedLoan.branchId },
    ]);
    for (const t of txs.filter((x) => x.kind === 'recovery')) {
      loansHandlers['loans.recordRecovery'].run(ctxAt(db, deviceId, officer, at(t.valueDate, 150)), {
        loanId,
        amountFen: t.amountFen,
        channel: t.channel,
      });
    }
  }
}

function customerIdsOf(db: LocalDb, plan: SeedPlan, seed: number, today: BusinessDate): string[] {
  const byIdentifier = new Map<string, string>();
  for (const r of db
    .select({ id: customers.id, residentId: customers.residentId, creditCode: customers.creditCode })
    .from(customers)
    .all()) {
    byIdentifier.set(r.residentId ?? r.creditCode ?? '', r.id);
  }
  const ids: string[] = [];
  for (let c = 0; c < plan.persons + plan.businesses; c++) {
    const key =
      c < plan.persons
        ? seedPerson(rngFor(seed, 'person', c), c, today).residentId
        : seedBusiness(rngFor(seed, 'business', c - plan.persons), c - plan.persons, today).creditCode;
    const id = byIdentifier.get(key);
    if (!id) throw new DomainError('SEED_CUSTOMER_MISSING', { index: c });
    ids.push(id);
  }
  return ids;
}

/** Runs (or resumes) the demo seed on an unlocked database of the demo company. */
export async function seedDemo(db: LocalDb, options: DemoSeedOptions): Promise<DemoSeedResult> {
  const started = performance.now();
  const now = options.now ?? (() => new Date());
  const batchItems = options.batchItems ?? SEED_BATCH_ITEMS;
  const existing = readState(db);
  const seed = existing?.seed ?? options.seed ?? DEFAULT_DEMO_SEED;
  const persons = existing?.persons ?? options.persons ?? DEFAULT_DEMO_PERSONS;
  const today = existing?.today ?? options.today;
  if (
    existing &&
    ((options.seed !== undefined && options.seed !== existing.seed) ||
      (options.persons !== undefined && options.persons !== existing.persons))
  ) {
    throw new DomainError('SEED_PARAMETERS_DIFFER', { seed: existing.seed, persons: existing.persons });
  }
  if (persons < DESIGNATED_MIN_PERSONS) throw new DomainError('SEED_TOO_SMALL', { min: DESIGNATED_MIN_PERSONS });
  const state: SeedState = existing ?? {
    seed,
    persons,
    today,
    phase: 'products',
    customersDone: 0,
    slotsDone: 0,
  };
  const staff = staffOf(db);
  const plan = buildPlan(seed, persons, today, PRODUCTS);
  const customerTotal = plan.persons + plan.businesses;
  const counters: Counters = { applications: 0, loans: 0, repayments: 0 };
  const result = (status: DemoSeedResult['status']): DemoSeedResult => {
    const count = (sql: string) => (db.$client.prepare(sql).get() as { n: number }).n;
    return {
      status,
      seed,
      today,
      products: count('SELECT count(*) AS n FROM products'),
      customers: count('SELECT count(*) AS n FROM customers'),
      applications: count('SELECT count(*) AS n FROM applications'),
      loans: count('SELECT count(*) AS n FROM loans WHERE disbursed_on IS NOT NULL'),
      repayments: count("SELECT count(*) AS n FROM loan_transactions WHERE kind = 'repayment'"),
      elapsedMs: Math.round(performance.now() - started),
    };
  };
  /** Commits one batch with the new state; false when asked to stop. */
  const step = async (work: () => void, progress: SeedProgress): Promise<boolean> => {
    if (options.shouldStop?.()) return false;
    db.transaction(() => {
      work();
      writeState(db, state, now().toISOString());
    });
    options.onProgress?.(progress);
    await options.yieldBetweenBatches?.();
    return true;
  };

  if (state.phase === 'products') {
    const ok = await step(
      () => {
        const known = new Set(listProducts(db).map((p) => p.code));
        for (const p of PRODUCTS) {
          if (known.has(p.code)) continue;
          saveProduct(
            db,
            {
              code: p.code,
              name: p.name,
              nameEn: p.nameEn,
              active: true,
              config: { ...BASE_CONFIG, ...p.config } as ProductConfig,
              rateCapConfirmed: false,
            },
            metaFor(staff.admin, options.deviceId, at(demoHistoryStart(today), 0), demoHistoryStart(today)),
          );
        }
        state.phase = 'customers';
      },
      { phase: 'products', done: PRODUCTS.length, total: PRODUCTS.length },
    );
    if (!ok) return result('cancelled');
  }

  if (state.phase === 'customers') {
    // Registration order is chronological, so customer numbers are too.
    const order = Array.from({ length: customerTotal }, (_, c) => c).sort((a, b) =>
      plan.registeredOn[a]! < plan.registeredOn[b]! ? -1 : plan.registeredOn[a]! > plan.registeredOn[b]! ? 1 : a - b,
    );
    while (state.customersDone < customerTotal) {
      const from = state.customersDone;
      const to = Math.min(customerTotal, from + batchItems);
      const ok = await step(
        () => {
          const screen = loadWatchlistScreen(db);
          let number = nextSequence(db, 'customer');
          for (const c of order.slice(from, to)) {
            const officer = staff.officers[c % 2]!;
            const meta = metaFor(
              officer,
              options.deviceId,
              at(plan.registeredOn[c]!, 10 + (c % 400)),
              plan.registeredOn[c]!,
            );
            if (c < plan.persons) {
              const p = seedPerson(rngFor(seed, 'person', c), c, today);
              if (c < DESIGNATED_MIN_PERSONS)
                Object.assign(p, {
                  monthlyIncomeFen: 20_000_00,
                  monthlyDebtFen: 0,
                  employmentYears: Math.max(p.employmentYears, 5),
                });
              const id = validateResidentId(p.residentId);
              if (!id.valid) throw new DomainError('SEED_BAD_RESIDENT_ID', { index: c });
              insertCustomer(
                db,
                {
                  kind: 'person',
                  name: p.name,
                  residentId: p.residentId,
                  phone: p.phone,
                  bankCard: p.bankCard,
                  birthDate: id.birthDate,
                  sex: id.sex,
                  address: p.address,
                  employer: p.employer,
                  monthlyIncomeFen: p.monthlyIncomeFen,
                  monthlyDebtFen: p.monthlyDebtFen,
                  employmentYears: p.employmentYears,
                  creditCode: null,
                  legalRepId: null,
                  registeredCapitalFen: null,
                  industry: null,
                  consentAt: meta.occurredAt,
                  watchlist: screen(p.name, p.residentId),
                },
                formatNumber('customer', number++, db),
                meta,
              );
            } else {
              const b = seedBusiness(rngFor(seed, 'business', c - plan.persons), c - plan.persons, today);
              insertCustomer(
                db,
                {
                  kind: 'business',
                  name: b.name,
                  residentId: null,
                  phone: b.phone,
                  bankCard: null,
                  birthDate: null,
                  sex: null,
                  address: b.address,
                  employer: null,
                  monthlyIncomeFen: null,
                  monthlyDebtFen: null,
                  employmentYears: null,
                  creditCode: b.creditCode,
                  legalRepId: b.legalRepId,
                  registeredCapitalFen: b.registeredCapitalFen,
                  industry: b.industry,
                  consentAt: meta.occurredAt,
                  watchlist: screen(b.name, null),
                },
                formatNumber('customer', number++, db),
                meta,
              );
            }
          }
          state.customersDone = to;
          if (to === customerTotal) state.phase = 'loans';
        },
        { phase: 'customers', done: to, total: customerTotal },
      );
      if (!ok) return result('cancelled');
    }
    if (customerTotal === 0) state.phase = 'loans';
  }

  if (state.phase === 'loans') {
    const customerIds = customerIdsOf(db, plan, seed, today);
    const products = new Map(listProducts(db).map((p) => [p.code, p]));
    const slotCtx = { seed, today, deviceId: options.deviceId, staff, products, customerIds };
    while (state.slotsDone < plan.slots.length) {
      const from = state.slotsDone;
      const to = Math.min(plan.slots.length, from + batchItems);
      const ok = await step(
        () => {
          for (const slot of plan.slots.slice(from, to)) runSlot(db, plan, slot, slotCtx, counters);
          state.slotsDone = to;
          if (to === plan.slots.length) state.phase = 'close';
        },
        { phase: 'loans', done: to, total: plan.slots.length },
      );
      if (!ok) return result('cancelled');
    }
  }

  if (state.phase === 'close') {
    const total = (db.$client.prepare("SELECT count(*) AS n FROM loans WHERE status = 'active'").get() as { n: number })
      .n;
    const yesterday = addDays(today, -1);
    const ok = await step(
      () => {
        // The day before the opening day is closed: every open loan is brought to it.
        const branches = db.$client.prepare('SELECT id FROM branches ORDER BY code').all() as Array<{ id: string }>;
        emit(
          db,
          metaFor(staff.manager, options.deviceId, at(yesterday, 600), yesterday),
          branches.map((b) => ({
            ...draft('DayClosed', `${b.id}:${yesterday}`, { branchId: b.id, date: yesterday }, 0),
            branchId: b.id,
          })),
        );
        state.phase = 'done';
        const r = result('done');
        appendAudit(db, {
          userId: staff.admin.id,
          username: staff.admin.username,
          deviceId: options.deviceId,
          action: 'seed.demo',
          summary: {
            seed,
            persons,
            today,
            customers: r.customers,
            applications: r.applications,
            loans: r.loans,
            repayments: r.repayments,
          },
          outcome: 'ok',
          at: now().toISOString(),
        });
      },
      { phase: 'done', done: total, total },
    );
    if (!ok) return result('cancelled');
  }

  return result('done');
}
