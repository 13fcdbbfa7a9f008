/** The end of day's fast path against the full refresh: random loans (every
 *  method, frequency, grace, irregular first period, VAT from the contract or the
 *  settings, farm-household exemptions ending mid-loan) lived day by day with
 *  repayments on time, late, ahead, partial, principal prepayments, backdated ones,
 *  reversals, classification overrides, a settings change, and borrowers who stop
 *  paying (non-accrual thresholds of 90, 120 and 200 days, the red line, past
 *  maturity, a steep penalty under a low red line). On every end of day the fast
 *  path answers, its step must be the full refresh's in everything writeRefresh
 *  writes. */
import { describe, expect, it } from 'vitest';
import { addDays, fromDayNumber, maxDate, toDayNumber, type BusinessDate } from '../../core/dates';
import { buildSchedule } from '../../core/schedule/index';
import type { LoanTerms } from '../../core/schedule/types';
import type { StoredContract } from '../../contract/events';
import { settingsSchema, type Settings } from '../../contract/schemas/settings';
import { dailyNetsOf } from './journal';
import { planRefresh, rowAfter, type LoanRow, type LoanTxRow, type RefreshStep } from './loans';
import { decodeQuietState, encodeQuietState, quietSettingsKey, quietStep } from './quiet';

function rngOf(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    chance: (p: number) => next() < p,
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
  };
}
type Rng = ReturnType<typeof rngOf>;

/** `h` draws the penalty's terms apart from `g`'s stream (the loans of `g` stay
 *  those the test always lived). */
function randomContract(g: Rng, h: Rng): StoredContract {
  const frequency = g.pick(['monthly', 'monthly', 'monthly', 'biweekly', 'weekly', 'days'] as const);
  const method = g.pick(['annuity', 'annuity', 'equalPrincipal', 'flat', 'interestOnly', 'bullet'] as const);
  const periods = frequency === 'days' ? g.int(20, 200) : frequency === 'monthly' ? g.int(1, 12) : g.int(2, 20);
  const startDate = fromDayNumber(toDayNumber('2025-01-01') + g.int(0, 400));
  const principalFen = g.pick([g.int(100_000, 20_000_000), g.int(1000, 99_999), 1_000_000]);
  const count = frequency === 'days' ? 1 : periods;
  const terms: LoanTerms = {
    principalFen,
    rateAnnual: g.pick(['0.12', '0.18', '0.24', '0.0825', '0.1234567', '0']),
    periods,
    method,
    frequency,
    startDate,
    ...(g.chance(0.3) ? { dayCount: g.pick(['ACT/360', 'ACT/365', '30/360'] as const) } : {}),
    ...(g.chance(0.25) ? { interestMode: 'daily' as const } : {}),
    ...(frequency === 'monthly' && g.chance(0.3) ? { firstDueDate: addDays(startDate, g.int(10, 45)) } : {}),
    ...(count > 2 && g.chance(0.2) ? { gracePrincipalPeriods: g.int(1, count - 1) } : {}),
    ...(count > 2 && g.chance(0.15) ? { graceInterestPeriods: g.int(1, count - 1) } : {}),
    ...(g.chance(0.3) ? { upfrontFeeFen: Math.floor(principalFen * 0.01) } : {}),
  };
  const schedule = buildSchedule(terms);
  const maturity = schedule.installments.at(-1)!.dueDate;
  const vat = g.chance(0.3)
    ? undefined
    : {
        rate: g.pick(['0.06', '0.03', '0']),
        deferral: g.chance(0.7),
        exemptThrough: g.chance(0.25) ? fromDayNumber(g.int(toDayNumber(startDate), toDayNumber(maturity) + 10)) : null,
      };
  // A steep penalty under a low red line: the bound cuts it within a stretch.
  const steep = h.chance(0.3) ? { penaltyMultiplier: h.pick(['3', '5']), redLineAnnual: h.pick(['0.24', '0.3']) } : {};
  return {
    terms,
    schedule,
    ...steep,
    ...(g.chance(0.3) ? { prepaymentMode: g.pick(['shortenTerm', 'lowerInstallment'] as const) } : {}),
    ...(g.chance(0.3) ? { repaymentIntent: g.pick(['installments', 'principal'] as const) } : {}),
    ...(vat ? { vat } : {}),
  };
}

function newRow(id: string, contract: StoredContract): LoanRow {
  const t = contract.terms;
  return {
    id,
    number: id,
    applicationId: `app-${id}`,
    customerId: 'c1',
    productId: 'p1',
    branchId: 'b1',
    officerId: 'u1',
    principalFen: t.principalFen,
    rateAnnual: String(t.rateAnnual),
    annualizedRate: '0',
    periods: t.periods,
    method: t.method,
    contractJson: JSON.stringify(contract),
    status: 'active',
    approvedBy: 'u1',
    approvedAt: `${t.startDate}T00:00:00Z`,
    disbursedOn: t.startDate,
    disbursedBy: 'u1',
    disbursementChannel: 'bank',
    maturityDate: contract.schedule.installments.at(-1)!.dueDate,
    outstandingPrincipalFen: t.principalFen,
    overduePrincipalFen: 0,
    accruedInterestFen: 0,
    penaltyFen: 0,
    penaltyBoundOn: null,
    penaltyForgoneFen: 0,
    overpaymentFen: 0,
    dpd: 0,
    bucket: 'M0',
    classification: 'normal',
    classificationOverrideJson: null,
    provisionFen: 0,
    writtenOffOn: null,
    closedOn: null,
    positionAsOf: null,
    postedThrough: null,
    accrualPostedJson: '{}',
    taxFiguresJson: null,
    installmentsHash: null,
    postedHash: null,
    quietJson: null,
    writeOffProposalJson: null,
    nonAccrualSince: null,
    offBalanceInterestFen: 0,
    interestAdvanceFen: 0,
    writtenOffPrincipalFen: 0,
    cancellationJson: null,
    version: 1,
  };
}

/** What writeRefresh writes of a step (a quiet step carries no installments or own
 *  postings: both flags say they did not change). */
function written(step: RefreshStep) {
  return {
    loanId: step.loanId,
    branchId: step.branchId,
    postedThrough: step.postedThrough,
    asOf: step.asOf,
    installmentsChanged: step.installmentsChanged,
    ownChanged: step.ownChanged,
    allocations: step.allocations,
    dailyNets: dailyNetsOf(step.desired),
    daily: step.daily,
    tax: step.tax,
    taxBefore: step.taxBefore,
    changes: step.changes,
  };
}

interface Tally {
  eodDays: number;
  quietDays: number;
  exemptDays: number;
  stretchEnds: number;
  settingsFallbacks: number;
  /** Quiet days of a loan overdue, with penalty interest running, past its maturity. */
  overdueDays: number;
  penaltyDays: number;
  pastMaturityDays: number;
  /** Quiet days in non-accrual (interest and penalty earned off the balance sheet), and in VAT deferral. */
  nonAccrualDays: number;
  deferredDays: number;
  /** Loans whose penalty reached the red line, and quiet days of theirs before it did. */
  boundLoans: number;
  quietDaysBeforeBound: number;
}

/** One loan lived day by day; every end of day the fast path answers is checked. */
function liveLoan(seed: number, tally: Tally): void {
  const g = rngOf(seed);
  const contract = randomContract(g, rngOf(seed + 1_000_003));
  const start = contract.terms.startDate;
  // Non-accrual at the default 90 days past due, or later than a class changes (91, 181).
  let settings: Settings['accounting'] = {
    ...settingsSchema.parse({}).accounting,
    nonAccrualDpd: g.pick([90, 90, 120, 200]),
  };
  let row = newRow(`L${seed}`, contract);
  const txs: LoanTxRow[] = [];
  let clock = 0;
  const record = (
    t: Omit<LoanTxRow, 'id' | 'loanId' | 'createdAt' | 'allocationJson' | 'reversedById' | 'actorId'>,
  ) => {
    clock++;
    txs.push({
      id: `${row.id}-t${String(clock).padStart(4, '0')}`,
      loanId: row.id,
      allocationJson: null,
      reversedById: null,
      actorId: 'u1',
      createdAt: `2000-01-01T00:00:${String(clock).padStart(4, '0')}Z`,
      ...t,
    });
  };
  const apply = (steps: readonly RefreshStep[]) => {
    for (const step of steps) {
      row = rowAfter(row, step);
      for (const [id, json] of step.allocations) txs.find((t) => t.id === id)!.allocationJson = json;
    }
  };
  const refresh = (day: BusinessDate) => apply(planRefresh(row, txs, day, settings).steps);
  record({
    kind: 'disbursement',
    valueDate: start,
    bookedOn: start,
    amountFen: row.principalFen,
    channel: 'bank',
    intent: null,
    reversesId: null,
    counterpartyAccount: null,
    transferRef: null,
    note: null,
  });
  refresh(start);
  const installments = contract.schedule.installments;
  const habit = g.pick(['onTime', 'onTime', 'onTime', 'late', 'ahead', 'mixed', 'stops'] as const);
  // A borrower who stops paying after some installments (then the loan runs into
  // non-accrual, the classes, the red line and past its maturity).
  const stopsAt = g.int(0, installments.length - 1);
  const settingsDay = g.chance(0.15) ? addDays(start, g.int(5, 200)) : null;
  const last = addDays(row.maturityDate!, habit === 'stops' ? 200 : 40);
  let bound = false;
  let boundPending = 0;
  for (let day = addDays(start, 1); day <= last && row.status === 'active'; day = addDays(day, 1)) {
    if (day === settingsDay) settings = { ...settings, vatRate: '0.03', vatDeferral90: !settings.vatDeferral90 };
    let events = 0;
    const repay = (valueDate: BusinessDate, amountFen: number, intent: 'installments' | 'principal' | null = null) => {
      if (amountFen <= 0) return;
      record({
        kind: 'repayment',
        valueDate,
        bookedOn: day,
        amountFen,
        channel: g.chance(0.2) ? 'cash' : 'bank',
        intent,
        reversesId: null,
        counterpartyAccount: null,
        transferRef: null,
        note: null,
      });
      events++;
    };
    for (const [n, inst] of installments.entries()) {
      const lag = toDayNumber(day) - toDayNumber(inst.dueDate);
      const mode =
        habit === 'mixed'
          ? g.pick(['onTime', 'late', 'ahead'] as const)
          : habit === 'stops'
            ? n < stopsAt
              ? 'onTime'
              : 'none'
            : habit;
      if (mode === 'onTime' && lag === 0 && g.chance(0.9)) repay(day, inst.paymentFen);
      if (mode === 'late' && lag === 17) repay(day, inst.paymentFen + g.int(0, 3000));
      if (mode === 'ahead' && lag === -4) repay(day, inst.paymentFen);
    }
    const paying = habit !== 'stops' || day < installments[stopsAt]!.dueDate;
    if (paying && g.chance(0.01)) repay(day, g.int(1, 5000));
    if (g.chance(0.005)) repay(day, Math.floor(row.outstandingPrincipalFen / 3), 'principal');
    // A repayment found in a bank statement days after its value date.
    if (g.chance(0.008)) repay(maxDate(addDays(day, -g.int(1, 10)), start), g.int(1000, 100_000));
    if (g.chance(0.006)) {
      const target = g.pick(txs.filter((t) => t.kind === 'repayment' && !t.reversedById));
      if (target) {
        record({
          kind: 'reversal',
          valueDate: target.valueDate,
          bookedOn: day,
          amountFen: -target.amountFen,
          channel: target.channel,
          intent: null,
          reversesId: target.id,
          counterpartyAccount: null,
          transferRef: null,
          note: 'mistake',
        });
        target.reversedById = txs.at(-1)!.id;
        events++;
      }
    }
    if (g.chance(0.004)) {
      row = {
        ...row,
        classificationOverrideJson: g.chance(0.5)
          ? JSON.stringify({ classification: g.pick(['specialMention', 'substandard']), reason: 'review', by: 'u1' })
          : null,
      };
      events++;
    }
    // An event refreshes the loan on its day: the end of day finds it done.
    if (events > 0) {
      refresh(day);
      continue;
    }
    tally.eodDays++;
    const { contractJson: _, ...figures } = row;
    const quiet = quietStep(figures, day, quietSettingsKey(settings));
    const full = planRefresh(row, txs, day, settings).steps;
    if (quiet) {
      tally.quietDays++;
      const q = decodeQuietState(row.quietJson!)!;
      // The stored form (by position) and an earlier release's (by name) read the same.
      expect(row.quietJson!.startsWith('[')).toBe(true);
      expect(decodeQuietState(encodeQuietState(q))).toEqual(q);
      expect(decodeQuietState(JSON.stringify(q))).toEqual(q);
      const named = quietStep({ ...figures, quietJson: JSON.stringify(q) }, day, quietSettingsKey(settings));
      expect(named && written(named)).toEqual(written(quiet));
      if (q.vatClass === 'exempt') tally.exemptDays++;
      if (q.until === day) tally.stretchEnds++;
      if (q.oldestDue !== null) tally.overdueDays++;
      if (q.penalty.overdueFen > 0) tally.penaltyDays++;
      if (q.running === null) tally.pastMaturityDays++;
      if (q.interestLines.offBalance[0] === 1) tally.nonAccrualDays++;
      if (q.vatClass === 'deferred') tally.deferredDays++;
      if (q.penalty.overdueFen > 0 && row.penaltyBoundOn === null) boundPending++;
      expect(full, `${row.id} on ${day}`).toHaveLength(1);
      expect(written(quiet), `${row.id} on ${day}`).toEqual(written(full[0]!));
    } else if (row.quietJson && decodeQuietState(row.quietJson)!.settingsKey !== null && day === settingsDay)
      tally.settingsFallbacks++;
    apply(full);
    if (row.penaltyBoundOn !== null && !bound) {
      bound = true;
      tally.boundLoans++;
      tally.quietDaysBeforeBound += boundPending;
    }
  }
}

describe('quiet days', () => {
  it('the fast path equals the full refresh on every day it answers', () => {
    const tally: Tally = {
      eodDays: 0,
      quietDays: 0,
      exemptDays: 0,
      stretchEnds: 0,
      settingsFallbacks: 0,
      overdueDays: 0,
      penaltyDays: 0,
      pastMaturityDays: 0,
      nonAccrualDays: 0,
      deferredDays: 0,
      boundLoans: 0,
      quietDaysBeforeBound: 0,
    };
    for (let seed = 1; seed <= 300; seed++) liveLoan(seed, tally);
    // The fast path answers about half the end-of-day days of these loans (the rest
    // are overdue or paid ahead), across exemptions, stretch ends and a settings change.
    expect(tally.quietDays / tally.eodDays).toBeGreaterThan(0.4);
    expect(tally.exemptDays).toBeGreaterThan(100);
    expect(tally.stretchEnds).toBeGreaterThan(100);
    expect(tally.settingsFallbacks).toBeGreaterThan(0);
    // Overdue loans have quiet days too: their penalty, days past due and bucket
    // move by the day until a due date, a class, non-accrual or the red line.
    expect(tally.overdueDays).toBeGreaterThan(2000);
    expect(tally.penaltyDays).toBeGreaterThan(2000);
    expect(tally.pastMaturityDays).toBeGreaterThan(1000);
    // And in non-accrual, in VAT deferral: what was received stays recognised, the
    // rest earned runs off the balance sheet or deferred.
    expect(tally.nonAccrualDays).toBeGreaterThan(1000);
    expect(tally.deferredDays).toBeGreaterThan(1000);
    // Penalty days run up to the red line: a stretch ends the day before the bound
    // cuts the penalty, however far the first test (everything owed within the
    // line) fails before.
    expect(tally.boundLoans).toBeGreaterThan(10);
    expect(tally.quietDaysBeforeBound).toBeGreaterThan(100);
  }, 120_000);
});

describe('grace periods', () => {
  it('an installment that owes nothing never makes the loan overdue in its income recognition', () => {
    // Interest deferred over the first 5 of 8 monthly installments: they owe nothing.
    const terms: LoanTerms = {
      principalFen: 5_000_000,
      rateAnnual: '0.12',
      periods: 8,
      method: 'interestOnly',
      frequency: 'monthly',
      startDate: '2026-01-10',
      graceInterestPeriods: 5,
    };
    const contract: StoredContract = { terms, schedule: buildSchedule(terms) };
    expect(contract.schedule.installments.slice(0, 5).every((i) => i.paymentFen === 0)).toBe(true);
    const settings = settingsSchema.parse({}).accounting;
    const day = '2026-05-20'; // 130 days after the first grace due date
    const [step] = planRefresh(newRow('G1', contract), [], day, settings).steps;
    expect(step!.changes.dpd ?? 0).toBe(0);
    expect(step!.changes.nonAccrualSince ?? null).toBeNull();
    expect(step!.changes.offBalanceInterestFen ?? 0).toBe(0);
    expect(step!.changes.quietJson).not.toBeNull();
  });
});
