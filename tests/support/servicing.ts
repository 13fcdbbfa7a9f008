/** Helpers for the servicing tests (issue 11 items 8-14): a loan opened through the
 *  API with a product of the test's choosing, days closed through end of day, and
 *  the checks that what the screens show (loans.get, ledger.transactions) is what
 *  the books and the replay hold. */
import type { TestApp } from './app';
import { createProduct, registerCustomer } from './lending';
import type { ProductConfig } from '../../src/contract/schemas/products';
import type { StoredContract } from '../../src/contract/events';
import type { Api } from '../../src/main/api/registry';
import { postRepayment } from '../../src/core/posting/rules';
import { loanPosition, type LoanTransaction, type TransactionAllocation } from '../../src/core/servicing/position';
import { addDays } from '../../src/core/dates';

export type LoanDetail = Api['loans.get']['output'];

/** 10:00 Shanghai time on `date`, the users active meanwhile. */
export function setDate(t: TestApp, date: string): void {
  t.travel(`${date}T02:00:00Z`);
}

/** Closes business days through `last` (end of day as the manager). */
export async function closeDaysThrough(t: TestApp, last: string): Promise<void> {
  for (let guard = 0; guard < 2000; guard++) {
    const { nextDate } = await t.call('eod.status', {}, 'manager');
    if (nextDate > last) {
      setDate(t, nextDate);
      return;
    }
    setDate(t, nextDate);
    const r = await t.call('eod.run', { date: nextDate }, 'manager');
    if (r.status !== 'done') throw new Error(`end of day ${nextDate}: ${r.status}`);
  }
  throw new Error('too many days');
}

/** Closes `days` business days from the next open one. */
export async function closeDays(t: TestApp, days: number): Promise<void> {
  const { nextDate } = await t.call('eod.status', {}, 'manager');
  await closeDaysThrough(t, addDays(nextDate, days - 1));
}

let productSeq = 0;

/** A loan of a new product with `config`, applied for by the officer, approved by
 *  officer2 (maker-checker) and disbursed by the officer on the current business date. */
export async function openLoan(
  t: TestApp,
  options: {
    config?: Partial<ProductConfig>;
    amountFen?: number;
    periods?: number;
    /** Overrides of the customer registered for it (a higher income for a bullet loan). */
    customer?: Record<string, unknown>;
  } = {},
): Promise<{ loanId: string; productId: string }> {
  productSeq++;
  const productId = await createProduct(
    t,
    'admin',
    { autoApproveLimitFen: 0, ...options.config },
    `SV${String(productSeq).padStart(4, '0')}`,
  );
  const customerId = await registerCustomer(t, 'officer', options.customer);
  const submitted = await t.call(
    'applications.submit',
    {
      customerId,
      productId,
      amountFen: options.amountFen ?? 12_000_00,
      periods: options.periods ?? 6,
      purpose: '经营周转 working capital',
    },
    'officer',
  );
  if (submitted.status !== 'review') throw new Error(`application went ${submitted.status}`);
  const [app] = (await t.call('applications.list', { status: ['review'] }, 'manager')).rows.filter(
    (a) => a.id === submitted.id,
  );
  const { loanId } = await t.call(
    'applications.approve',
    { applicationId: submitted.id, expectedVersion: app!.version },
    'officer2',
  );
  const detail = await t.call('loans.get', { loanId }, 'officer');
  await t.call('loans.disburse', { loanId, expectedVersion: detail.loan.version, channel: 'bank' }, 'officer');
  return { loanId, productId };
}

/** The contract as the log holds it (the disbursement's, else the approval's). */
export function contractOf(detail: LoanDetail): StoredContract {
  const e =
    detail.events.find((x) => x.type === 'LoanDisbursed') ?? detail.events.find((x) => x.type === 'LoanApproved');
  return (e!.payload as { contract: StoredContract }).contract;
}

/** The transactions the replay takes, read from what the loan screen lists. */
export function replayTransactions(detail: LoanDetail): LoanTransaction[] {
  const out: LoanTransaction[] = [];
  for (const r of detail.transactions) {
    if (r.kind === 'repayment')
      out.push({
        id: r.id,
        type: 'repayment',
        valueDate: r.valueDate,
        amountFen: r.amountFen,
        ...(r.intent === 'installments' || r.intent === 'principal' ? { intent: r.intent } : {}),
      });
    else if (r.kind === 'reversal' && r.reversesId)
      out.push({ id: r.id, type: 'reversal', valueDate: r.valueDate, reversesId: r.reversesId });
  }
  return out;
}

/** The loan replayed from its log as of the date its figures were brought to (the
 *  business date after a write, the day closed after an end of day). */
export function replayOf(detail: LoanDetail) {
  return loanPosition(contractOf(detail), replayTransactions(detail), detail.loan.positionAsOf ?? detail.businessDate);
}

/** Net lines per account (debit positive), zeros dropped. */
function net(lines: Array<{ accountCode: string; debitFen: number; creditFen: number }>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const l of lines) out[l.accountCode] = (out[l.accountCode] ?? 0) + l.debitFen - l.creditFen;
  for (const k of Object.keys(out)) if (out[k] === 0) delete out[k];
  return out;
}

/** What the books hold for one repayment: its category's lines on every date. */
export function postedFor(detail: LoanDetail, transactionId: string): Record<string, number> {
  return net(detail.journal.filter((l) => l.category === `repayment:${transactionId}`));
}

export function shownAllocation(json: string | null | undefined): TransactionAllocation | null {
  return json ? (JSON.parse(json) as TransactionAllocation) : null;
}

/** The split each repayment shows (the loan screen's transactions, and the
 *  repayment ledger's rows) is the split the journal holds for it, and the one the
 *  replay gives; a reversed repayment shows none and its lines net to nothing. */
export async function expectSplitsAsBooked(t: TestApp, detail: LoanDetail): Promise<void> {
  const replay = replayOf(detail);
  const byId = new Map(replay.allocations.map((a) => [a.transactionId, a]));
  const ledger = await t.call(
    'ledger.transactions',
    { kinds: ['repayment'], range: { from: detail.loan.disbursedOn!, to: detail.businessDate }, limit: 1000 },
    'manager',
  );
  const ledgerRows = new Map(ledger.rows.filter((r) => r.loanId === detail.loan.id).map((r) => [r.id, r]));
  for (const tx of detail.transactions) {
    if (tx.kind !== 'repayment') continue;
    const shown = shownAllocation(tx.allocationJson);
    expect(ledgerRows.get(tx.id)?.allocationJson ?? null, `ledger row of ${tx.id}`).toBe(tx.allocationJson);
    if (tx.reversedById) {
      expect(shown, `reversed ${tx.id} shows no split`).toBeNull();
      expect(postedFor(detail, tx.id), `reversed ${tx.id} nets to nothing`).toEqual({});
      continue;
    }
    expect(shown, `split of ${tx.id}`).not.toBeNull();
    expect(shown, `split of ${tx.id} is the replay's`).toEqual(byId.get(tx.id));
    const channel = tx.channel === 'cash' ? 'cash' : 'bank';
    expect(postedFor(detail, tx.id), `journal of ${tx.id}`).toEqual(net(postRepayment(shown!, channel)));
  }
}

/** The installment table the loan screen shows is the replay's, and what it still
 *  asks for is what the loan and its payoff hold. */
export async function expectInstallmentsAsReplayed(t: TestApp, detail: LoanDetail): Promise<void> {
  const replay = replayOf(detail);
  expect(
    detail.installments.map((i) => ({ ...i, loanId: undefined })),
    'installment table',
  ).toEqual(
    replay.installments.map((i) => ({
      loanId: undefined,
      n: i.n,
      dueDate: i.dueDate,
      principalFen: i.principalFen,
      interestFen: i.interestFen,
      paymentFen: i.paymentFen,
      paidPrincipalFen: i.paidPrincipalFen,
      paidInterestFen: i.paidInterestFen,
      status: i.status,
    })),
  );
  const unpaidPrincipal = detail.installments.reduce((s, i) => s + i.principalFen - i.paidPrincipalFen, 0);
  expect(unpaidPrincipal, 'installments hold the outstanding principal').toBe(detail.loan.outstandingPrincipalFen);
  if (detail.loan.status === 'active') {
    const quote = await t.call('loans.payoffQuote', { loanId: detail.loan.id, date: detail.businessDate }, 'officer');
    expect(quote.principalFen, 'the payoff asks for the principal the installments hold').toBe(unpaidPrincipal);
  }
}
