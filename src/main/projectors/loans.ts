/** The loan projector: the only writer of loans, installments, loan transactions,
 *  loan documents, compliance flags and (through the journal rule) the loans'
 *  journal. A loan's figures on a date are a pure function of its contract and its
 *  transactions (core `loanPosition`); `refreshLoan` writes that function's value
 *  as of a business date and brings the loan's journal block of that date to it. */
import { addDays, minDate, type BusinessDate } from '../../core/dates';
import { cashFlags, DEFAULT_CASH_RULES, type DatedCashMovement } from '../../core/compliance';
import {
  postDisbursement,
  postInterestAccrual,
  postOverdueTransfer,
  postPenaltyAccrual,
  postProvisionChange,
  postRecovery,
  postRepayment,
  postUpfrontFee,
  postInterestInAdvance,
  postOutputVat,
  postWriteOffThroughProvision,
  type Channel,
  type JournalLine,
} from '../../core/posting/rules';
import { classify, requiredProvision, type ClassificationOverride } from '../../core/servicing/delinquency';
import {
  earnedThrough,
  loanPositionWithRun,
  type LoanPosition,
  type LoanTransaction,
} from '../../core/servicing/position';
import type { EventEnvelope, StoredContract } from '../../contract/events';
import type { LocalDb } from '../db/connection';
import { loans, loanTransactions } from '../db/schema';
import { readSettings, readSettingsSection } from '../features/settings/store';
import type { Settings } from '../../contract/schemas/settings';
import { recognize, type Recognition, type RecognitionInput } from '../../core/accounting/recognition';
import type { VatTreatment } from '../../core/accounting/vat';
import { monthEnd, monthEndsBetween } from '../../core/accounting/closing';
import {
  dailyDelta,
  dailyNetsOf,
  digest,
  ownPostingsDigest,
  postDaily,
  postLoanBlock,
  batchPostings,
  type DailyNets,
  type Postings,
} from './journal';
import { derivedUuid } from '../events/ids';
import { quietSettingsKey, quietStateOf, quietStep, type LoanFigures } from './quiet';

/** A loan's row with its contract (loan_contracts). */
export type LoanRow = typeof loans.$inferSelect & { contractJson: string };
export type LoanTxRow = typeof loanTransactions.$inferSelect;

export function contractOf(loan: Pick<LoanRow, 'contractJson'>): StoredContract {
  return JSON.parse(loan.contractJson) as StoredContract;
}

const TX_COLUMNS =
  'id, loan_id AS loanId, kind, value_date AS valueDate, booked_on AS bookedOn, amount_fen AS amountFen, channel, allocation_json AS allocationJson, intent, reverses_id AS reversesId, reversed_by_id AS reversedById, counterparty_account AS counterpartyAccount, transfer_ref AS transferRef, note, actor_id AS actorId, created_at AS createdAt';

/** A loan's transactions in the order they were recorded (ties by id). */
export function transactionsOf(db: LocalDb, loanId: string): LoanTxRow[] {
  return db.$client
    .prepare(`SELECT ${TX_COLUMNS} FROM loan_transactions WHERE loan_id = ? ORDER BY created_at, id`)
    .all(loanId) as LoanTxRow[];
}

/** The transactions core replays: repayments and their reversals. */
export function servicingTransactions(rows: readonly LoanTxRow[]): LoanTransaction[] {
  const out: LoanTransaction[] = [];
  for (const r of rows) {
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

export function getLoanRow(db: LocalDb, id: string): LoanRow | undefined {
  const row = db.$client
    .prepare('SELECT l.*, c.contract_json FROM loans l JOIN loan_contracts c ON c.loan_id = l.id WHERE l.id = ?')
    .get(id) as Record<string, unknown> | undefined;
  return row ? (loanRowFrom(row) as LoanRow) : undefined;
}

const LOAN_COLUMNS: Record<string, keyof LoanRow> = {
  id: 'id',
  number: 'number',
  application_id: 'applicationId',
  customer_id: 'customerId',
  product_id: 'productId',
  branch_id: 'branchId',
  officer_id: 'officerId',
  principal_fen: 'principalFen',
  rate_annual: 'rateAnnual',
  annualized_rate: 'annualizedRate',
  periods: 'periods',
  method: 'method',
  contract_json: 'contractJson',
  status: 'status',
  approved_by: 'approvedBy',
  approved_at: 'approvedAt',
  disbursed_on: 'disbursedOn',
  disbursed_by: 'disbursedBy',
  disbursement_channel: 'disbursementChannel',
  maturity_date: 'maturityDate',
  outstanding_principal_fen: 'outstandingPrincipalFen',
  overdue_principal_fen: 'overduePrincipalFen',
  accrued_interest_fen: 'accruedInterestFen',
  penalty_fen: 'penaltyFen',
  penalty_bound_on: 'penaltyBoundOn',
  penalty_forgone_fen: 'penaltyForgoneFen',
  overpayment_fen: 'overpaymentFen',
  dpd: 'dpd',
  bucket: 'bucket',
  classification: 'classification',
  classification_override_json: 'classificationOverrideJson',
  provision_fen: 'provisionFen',
  written_off_on: 'writtenOffOn',
  closed_on: 'closedOn',
  position_as_of: 'positionAsOf',
  posted_through: 'postedThrough',
  accrual_posted_json: 'accrualPostedJson',
  tax_figures_json: 'taxFiguresJson',
  installments_hash: 'installmentsHash',
  posted_hash: 'postedHash',
  quiet_json: 'quietJson',
  write_off_proposal_json: 'writeOffProposalJson',
  non_accrual_since: 'nonAccrualSince',
  off_balance_interest_fen: 'offBalanceInterestFen',
  interest_advance_fen: 'interestAdvanceFen',
  written_off_principal_fen: 'writtenOffPrincipalFen',
  cancellation_json: 'cancellationJson',
  version: 'version',
};

function loanRowFrom(raw: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [col, key] of Object.entries(LOAN_COLUMNS)) out[key] = raw[col];
  return out;
}

function setLoan(db: LocalDb, id: string, changes: Partial<Record<keyof LoanRow, string | number | null>>): void {
  if (changes.contractJson !== undefined)
    db.$client.prepare('UPDATE loan_contracts SET contract_json = ? WHERE loan_id = ?').run(changes.contractJson, id);
  const cols = Object.entries(LOAN_COLUMNS).filter(([col, key]) => key in changes && col !== 'contract_json');
  if (cols.length === 0) return;
  db.$client
    .prepare(`UPDATE loans SET ${cols.map(([col]) => `${col} = ?`).join(', ')} WHERE id = ?`)
    .run(...cols.map(([, key]) => changes[key] ?? null), id);
}

function channelAccount(channel: string | null): '1001' | '1002' {
  return channel === 'cash' ? '1001' : '1002';
}

/** What the loan's income recognition and the write-off need beside its position. */
export interface BookFigures {
  recognition: Recognition;
  /** The provision the loan carried when it was written off (used by the write-off). */
  writeOffProvisionFen: number;
}

/** The postings a loan should hold given its position, by category. */
export function desiredPostings(
  loan: LoanRow,
  position: LoanPosition | null,
  txs: readonly LoanTxRow[],
  provisionFen: number,
  books: BookFigures | null,
): Postings {
  const desired: Postings = new Map();
  if (!loan.disbursedOn) return desired;
  const contract = contractOf(loan);
  const withChannel = (lines: JournalLine[]) =>
    lines.map((l) => (l.accountCode === '1002' ? { ...l, accountCode: channelAccount(loan.disbursementChannel) } : l));
  desired.set('disbursement', withChannel(postDisbursement(loan.principalFen)));
  const feeFen = contract.schedule.upfrontFeeFen;
  if (feeFen > 0) desired.set('fee', withChannel(postUpfrontFee(feeFen)));
  if (!position || !books) return desired;
  const channelOf = new Map(txs.map((t) => [t.id, (t.channel === 'cash' ? 'cash' : 'bank') as Channel]));
  for (const a of position.allocations)
    desired.set(`repayment:${a.transactionId}`, postRepayment(a, channelOf.get(a.transactionId) ?? 'bank'));
  const r = books.recognition;
  // Income stands in the books as recognised (all that was earned while the loan
  // accrues; what was received of it while it does not, or after a write-off), the
  // interest paid ahead as a liability, the VAT inside it as output VAT.
  if (r.advanceFen > 0) desired.set('interestAdvance', postInterestInAdvance(r.advanceFen));
  if (r.interest.recognizedFen > 0) desired.set('interestAccrual', postInterestAccrual(r.interest.recognizedFen));
  if (r.penalty.recognizedFen > 0) desired.set('penaltyAccrual', postPenaltyAccrual(r.penalty.recognizedFen));
  const vat = { interestFen: r.interest.vatFen, penaltyFen: r.penalty.vatFen, feesFen: r.fees.vatFen };
  if (vat.interestFen !== 0 || vat.penaltyFen !== 0 || vat.feesFen !== 0) desired.set('vat', postOutputVat(vat));
  // Everything that ever fell overdue moved to 1303.02; repayments of overdue
  // principal then credit 1303.02, so the transfer is cumulative, not the balance.
  const overdueEverFen =
    position.overduePrincipalFen + position.allocations.reduce((sum, a) => sum + a.overduePrincipalFen, 0);
  if (overdueEverFen > 0) desired.set('overdueTransfer', postOverdueTransfer(overdueEverFen));
  if (loan.status === 'written_off') {
    // The provision made for the loan is used (Dr 1304); the rest is a loss (Dr 6701).
    const overdue = position.overduePrincipalFen;
    const normal = position.outstandingPrincipalFen - overdue;
    if (books.writeOffProvisionFen > 0) desired.set('provision', postProvisionChange(books.writeOffProvisionFen));
    desired.set('writeOff', postWriteOffThroughProvision(normal, overdue, books.writeOffProvisionFen));
    for (const t of txs)
      if (t.kind === 'recovery')
        desired.set(`recovery:${t.id}`, postRecovery(t.amountFen, t.channel === 'cash' ? 'cash' : 'bank'));
  } else if (provisionFen > 0) desired.set('provision', postProvisionChange(provisionFen));
  return desired;
}

/** The VAT treatment of a loan: fixed in its contract at disbursement, else the
 *  company's settings (loans disbursed before VAT was booked). */
export function vatTreatmentOf(contract: StoredContract, settings: Settings['accounting']): VatTreatment {
  return contract.vat ?? { rate: settings.vatRate, deferral: settings.vatDeferral90, exemptThrough: null };
}

/** What the loan's income recognition as of the position's date is computed from
 *  (core recognize; earlier days' earnings replayed once each). */
function recognitionInputOf(
  loan: LoanRow,
  contract: StoredContract,
  transactions: readonly LoanTransaction[],
  position: LoanPosition,
  writtenOff: boolean,
  settings: Settings['accounting'],
): RecognitionInput {
  let interestPaid = 0;
  let penaltyPaid = 0;
  let feesPaid = contract.schedule.upfrontFeeFen;
  for (const a of position.allocations) {
    interestPaid += a.overdueInterestFen + a.currentInterestFen;
    penaltyPaid += a.penaltyFen;
    feesPaid += a.feesFen;
  }
  const earned = new Map<string, { interestFen: number; penaltyFen: number }>();
  return {
    from: loan.disbursedOn!,
    asOf: position.asOfDate,
    // An installment owing nothing (a grace period's deferred interest) is never
    // overdue, as the position's days past due count it.
    installments: position.installments.map((i) =>
      i.paymentFen === 0 && i.paidOffDate === undefined ? { dueDate: i.dueDate, paidOffDate: i.dueDate } : i,
    ),
    interest: {
      paidFen: interestPaid,
      receivableFen: position.accruedInterestFen,
      earnedFen: position.interestEarnedFen,
      advanceFen: position.interestAdvanceFen,
    },
    penalty: {
      paidFen: penaltyPaid,
      receivableFen: position.penaltyFen,
      earnedFen: position.penaltyAccruedFen,
      advanceFen: 0,
    },
    feesReceivedFen: feesPaid,
    writtenOff,
    nonAccrualDpd: settings.nonAccrualDpd,
    vat: vatTreatmentOf(contract, settings),
    earnedThrough: (day) => {
      const hit = earned.get(day);
      if (hit) return hit;
      const value = earnedThrough(contract, transactions, day);
      earned.set(day, value);
      return value;
    },
  };
}

/** Recomputes the loan as of business date `asOf`: its figures, its installments,
 *  each repayment's split, and its journal block of that date. The month ends
 *  between its last block and `asOf` get blocks of their own first (with what was
 *  booked by then), so its income and provision are dated by the months they
 *  belong to however seldom the loan moves. */
export function refreshLoan(db: LocalDb, loanId: string, asOf: BusinessDate): LoanPosition | null {
  const loan = getLoanRow(db, loanId);
  if (!loan) throw new Error(`loan ${loanId} missing`);
  if (!loan.disbursedOn) return null;
  const plan = planRefresh(loan, transactionsOf(db, loanId), asOf, readSettingsSection(db, 'accounting'));
  for (const step of plan.steps) writeRefresh(db, step);
  return plan.position;
}

/** The loan's row without its contract (the end of day's quiet days read no more). */
export function getLoanFigures(db: LocalDb, id: string): LoanFigures | undefined {
  const row = db.$client.prepare('SELECT * FROM loans WHERE id = ?').get(id) as Record<string, unknown> | undefined;
  return row ? figuresFrom(row) : undefined;
}

const FIGURE_COLUMNS = Object.entries(LOAN_COLUMNS).filter(([col]) => col !== 'contract_json');

/** A loans row as the loan's figures (the contract lives in loan_contracts). */
function figuresFrom(row: Record<string, unknown>): LoanFigures {
  const out: Record<string, unknown> = {};
  for (const [col, key] of FIGURE_COLUMNS) out[key] = row[col];
  return out as LoanFigures;
}

/** The end of day's steps for one loan (its row as read for the day's batch) still
 *  short of `date` (none when it is not): its quiet day computed from its row when
 *  the day is one (projectors/quiet.ts), else the full refresh's, its contract
 *  replayed with its transactions. */
export function planLoanDay(
  db: LocalDb,
  figures: LoanFigures,
  date: BusinessDate,
  settings: Settings['accounting'],
): RefreshStep[] {
  if (!figures.disbursedOn || figures.status !== 'active' || (figures.positionAsOf && figures.positionAsOf >= date))
    return [];
  const quiet = quietStep(figures, date, quietSettingsKey(settings));
  if (quiet) return [quiet];
  const contractJson = db.$client
    .prepare('SELECT contract_json FROM loan_contracts WHERE loan_id = ?')
    .pluck()
    .get(figures.id) as string;
  return planRefresh({ ...figures, contractJson }, transactionsOf(db, figures.id), date, settings).steps;
}

/** What a refresh writes on one date (a month end or the refresh's own date): a
 *  function of the loan's row and transactions alone, so it is the same whichever
 *  thread computed it (the end of day plans in worker threads, eod/parallel.ts). */
export interface RefreshStep {
  loanId: string;
  branchId: string | null;
  /** The loan's block date before this step (the block lands on the later of it and `asOf`). */
  postedThrough: string | null;
  asOf: BusinessDate;
  installments: LoanPosition['installments'];
  /** Whether the installment rows and the loan's own postings differ from what is
   *  stored (by the digests on its row): when not, they are not read or written. */
  installmentsChanged: boolean;
  ownChanged: boolean;
  /** Repayments whose stored split changes: [transaction id, allocation JSON or null]. */
  allocations: Array<[string, string | null]>;
  desired: Postings;
  /** The change of the loan's daily categories, posted to its branch's entries of the block's day. */
  daily: DailyNets;
  valueDates: Map<string, string>;
  /** The cumulative income and VAT figures of loan_tax (recordTaxFigures). */
  tax: number[];
  /** The figures the loan held before this step (its row's), as of `postedThrough`. */
  taxBefore: string | null;
  /** The loan's figures that change (only those). */
  changes: Partial<LoanChanges>;
}

type LoanChanges = Pick<
  LoanRow,
  | 'status'
  | 'closedOn'
  | 'outstandingPrincipalFen'
  | 'overduePrincipalFen'
  | 'accruedInterestFen'
  | 'penaltyFen'
  | 'penaltyBoundOn'
  | 'penaltyForgoneFen'
  | 'overpaymentFen'
  | 'dpd'
  | 'bucket'
  | 'classification'
  | 'provisionFen'
  | 'positionAsOf'
  | 'nonAccrualSince'
  | 'offBalanceInterestFen'
  | 'interestAdvanceFen'
  | 'writtenOffPrincipalFen'
  | 'accrualPostedJson'
  | 'taxFiguresJson'
  | 'installmentsHash'
  | 'postedHash'
  | 'quietJson'
>;

/** The steps of a loan's refresh as of `asOf` (its month ends since its last block,
 *  then `asOf`), each computed on the row the one before leaves, and the position. */
export function planRefresh(
  loan: LoanRow,
  txs: readonly LoanTxRow[],
  asOf: BusinessDate,
  settings: Settings['accounting'],
): { steps: RefreshStep[]; position: LoanPosition } {
  const steps: RefreshStep[] = [];
  let row = loan;
  if (row.status === 'active' && row.postedThrough && row.postedThrough < asOf)
    for (const m of monthEndsBetween(row.postedThrough, addDays(asOf, -1))) {
      const step = planStep(
        row,
        txs.filter((t) => t.bookedOn <= m),
        m,
        settings,
      ).step;
      steps.push(step);
      row = rowAfter(row, step);
    }
  const last = planStep(row, txs, asOf, settings);
  steps.push(last.step);
  return { steps, position: last.position };
}

function blockDate(step: Pick<RefreshStep, 'postedThrough' | 'asOf'>): string {
  return step.postedThrough && step.postedThrough > step.asOf ? step.postedThrough : step.asOf;
}

/** The loan's row as writeRefresh leaves it after `step`. */
export function rowAfter<T extends Omit<LoanRow, 'contractJson'>>(loan: T, step: RefreshStep): T {
  return { ...loan, ...step.changes, postedThrough: blockDate(step) };
}

function planStep(
  loan: LoanRow,
  txs: readonly LoanTxRow[],
  asOf: BusinessDate,
  settings: Settings['accounting'],
): { step: RefreshStep; position: LoanPosition } {
  const loanId = loan.id;
  const contract = contractOf(loan);
  const servicing = servicingTransactions(txs);
  const positionDate = loan.writtenOffOn ? minDate(asOf, loan.writtenOffOn) : asOf;
  const { position, penaltyRun } = loanPositionWithRun(contract, servicing, positionDate);
  const override = loan.classificationOverrideJson
    ? (JSON.parse(loan.classificationOverrideJson) as ClassificationOverride)
    : undefined;
  const { classification } = classify(position.dpd, override);
  const status =
    loan.status === 'active' && position.closed
      ? 'closed'
      : loan.status === 'closed' && !position.closed
        ? 'active'
        : loan.status;
  const live = status === 'active';
  const provided = requiredProvision([
    { outstandingPrincipalFen: position.outstandingPrincipalFen, classification },
  ]).totalFen;
  const provisionFen = live ? provided : 0;
  const writtenOff = status === 'written_off';
  const recognitionInput = recognitionInputOf(loan, contract, servicing, position, writtenOff, settings);
  const recognition = recognize(recognitionInput);
  const recoveredFen = txs.filter((t) => t.kind === 'recovery').reduce((sum, t) => sum + t.amountFen, 0);
  const updated: LoanRow = {
    ...loan,
    status,
    // The value date of the repayment that left nothing owed (a backdated payoff's
    // value date, not the day it was booked).
    closedOn: status === 'closed' ? (position.closedBy?.valueDate ?? null) : null,
    outstandingPrincipalFen: position.outstandingPrincipalFen,
    overduePrincipalFen: position.overduePrincipalFen,
    accruedInterestFen: position.accruedInterestFen,
    penaltyFen: position.penaltyFen,
    penaltyBoundOn: position.penaltyBoundReachedOn ?? null,
    penaltyForgoneFen: position.penaltyForgoneFen,
    overpaymentFen: position.overpaymentFen,
    dpd: loan.status === 'written_off' ? loan.dpd : position.dpd,
    bucket: position.bucket,
    classification,
    provisionFen,
    positionAsOf: asOf,
    nonAccrualSince: recognition.nonAccrualSince,
    offBalanceInterestFen: recognition.interest.offBalanceFen + recognition.penalty.offBalanceFen,
    interestAdvanceFen: recognition.advanceFen,
    writtenOffPrincipalFen: writtenOff ? Math.max(0, position.outstandingPrincipalFen - recoveredFen) : 0,
  };
  // Each repayment shows the split the books hold (it changes after a backdated
  // repayment or a reversal).
  const byId = new Map(position.allocations.map((a) => [a.transactionId, JSON.stringify(a)]));
  const allocations: Array<[string, string | null]> = [];
  for (const t of txs) {
    if (t.kind !== 'repayment') continue;
    const json = byId.get(t.id) ?? null;
    if (json !== t.allocationJson) allocations.push([t.id, json]);
  }
  const valueDates = new Map<string, string>();
  for (const t of txs)
    if (t.kind === 'repayment' || t.kind === 'recovery') valueDates.set(`${t.kind}:${t.id}`, t.valueDate);
  const desired = desiredPostings(updated, position, txs, provisionFen, {
    recognition,
    writeOffProvisionFen: provided,
  });
  const daily = dailyNetsOf(desired);
  const installmentsHash = digest(JSON.stringify(position.installments.map(installmentRow)));
  const postedHash = ownPostingsDigest(desired);
  const tax = taxFigures(recognition);
  const step: RefreshStep = {
    loanId,
    branchId: loan.branchId,
    postedThrough: loan.postedThrough,
    asOf,
    installments: position.installments,
    installmentsChanged: installmentsHash !== loan.installmentsHash,
    ownChanged: postedHash !== loan.postedHash,
    allocations,
    desired,
    daily: dailyDelta(daily, JSON.parse(loan.accrualPostedJson) as DailyNets),
    valueDates,
    tax,
    taxBefore: loan.taxFiguresJson,
    changes: changedOnly(loan, {
      status: updated.status,
      closedOn: updated.closedOn,
      outstandingPrincipalFen: updated.outstandingPrincipalFen,
      overduePrincipalFen: updated.overduePrincipalFen,
      accruedInterestFen: updated.accruedInterestFen,
      penaltyFen: updated.penaltyFen,
      penaltyBoundOn: updated.penaltyBoundOn,
      penaltyForgoneFen: updated.penaltyForgoneFen,
      overpaymentFen: updated.overpaymentFen,
      dpd: updated.dpd,
      bucket: updated.bucket,
      classification: updated.classification,
      provisionFen: updated.provisionFen,
      positionAsOf: asOf,
      nonAccrualSince: updated.nonAccrualSince,
      offBalanceInterestFen: updated.offBalanceInterestFen,
      interestAdvanceFen: updated.interestAdvanceFen,
      writtenOffPrincipalFen: updated.writtenOffPrincipalFen,
      accrualPostedJson: JSON.stringify(daily),
      taxFiguresJson: JSON.stringify(tax),
      installmentsHash,
      postedHash,
      quietJson: quietStateOf({
        live,
        position,
        recognition,
        input: recognitionInput,
        startDate: contract.terms.startDate,
        vatFromSettings: !contract.vat,
        settings,
        penaltyRun,
        override,
        classification,
        tax,
        dailyJson: JSON.stringify(daily),
      }),
    }),
  };
  return { step, position };
}

/** The figures that differ from the row's: a column set to its own value still
 *  rewrites every index that holds it (the loan ledger's sort indexes hold status,
 *  bucket, class, branch, product and officer), so a quiet day writes only what moved. */
function changedOnly(loan: LoanRow, figures: LoanChanges): Partial<LoanChanges> {
  const out: Partial<Record<keyof LoanChanges, unknown>> = {};
  for (const [k, v] of Object.entries(figures) as Array<[keyof LoanChanges, unknown]>) if (loan[k] !== v) out[k] = v;
  return out as Partial<LoanChanges>;
}

/** Writes one step of a refresh: the installments, the repayments' splits, the
 *  journal block, the tax figures and the loan's row, each only where it changed. */
export function writeRefresh(db: LocalDb, step: RefreshStep): void {
  if (step.installmentsChanged) writeInstallments(db, step.loanId, step.installments);
  const setAllocation = db.$client.prepare('UPDATE loan_transactions SET allocation_json = ? WHERE id = ?');
  for (const [id, json] of step.allocations) setAllocation.run(json, id);
  // Own postings equal to what loan_posted holds leave the block as it is.
  const postedOn = step.ownChanged
    ? postLoanBlock(
        db,
        { loanId: step.loanId, branchId: step.branchId, postedThrough: step.postedThrough },
        step.asOf,
        step.desired,
        step.valueDates,
      )
    : blockDate(step);
  postDaily(db, step.branchId, postedOn, step.daily);
  recordTaxFigures(db, step, postedOn);
  setLoan(
    db,
    step.loanId,
    postedOn === step.postedThrough ? step.changes : { ...step.changes, postedThrough: postedOn },
  );
}

type InstallmentRow = [
  n: number,
  dueDate: string,
  principalFen: number,
  interestFen: number,
  paymentFen: number,
  paidPrincipalFen: number,
  paidInterestFen: number,
  status: string,
];

function installmentRow(i: LoanPosition['installments'][number]): InstallmentRow {
  return [i.n, i.dueDate, i.principalFen, i.interestFen, i.paymentFen, i.paidPrincipalFen, i.paidInterestFen, i.status];
}

/** Brings the loan's installment rows to the position's, writing only the rows
 *  that changed (on most days of the end of day none does, or one changes status). */
function writeInstallments(db: LocalDb, loanId: string, wanted: LoanPosition['installments']): void {
  const c = db.$client;
  const stored = new Map<number, InstallmentRow>();
  for (const r of c
    .prepare(
      'SELECT n, due_date, principal_fen, interest_fen, payment_fen, paid_principal_fen, paid_interest_fen, status FROM installments WHERE loan_id = ?',
    )
    .raw()
    .all(loanId) as InstallmentRow[])
    stored.set(r[0], r);
  const upsert = c.prepare(
    `INSERT INTO installments (loan_id, n, due_date, principal_fen, interest_fen, payment_fen, paid_principal_fen, paid_interest_fen, status)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (loan_id, n) DO UPDATE SET due_date = excluded.due_date, principal_fen = excluded.principal_fen,
       interest_fen = excluded.interest_fen, payment_fen = excluded.payment_fen,
       paid_principal_fen = excluded.paid_principal_fen, paid_interest_fen = excluded.paid_interest_fen,
       status = excluded.status`,
  );
  for (const i of wanted) {
    const row = installmentRow(i);
    const before = stored.get(i.n);
    stored.delete(i.n);
    if (!before || before.some((v, k) => v !== row[k])) upsert.run(loanId, ...row);
  }
  // Rows beyond the schedule (a shortened term) go.
  const drop = c.prepare('DELETE FROM installments WHERE loan_id = ? AND n = ?');
  for (const n of stored.keys()) drop.run(loanId, n);
}

/** The loan's cumulative income and VAT figures (a loan_tax row's). */
function taxFigures(r: Recognition): number[] {
  return [
    r.interest.vatBaseFen,
    r.penalty.vatBaseFen,
    r.fees.grossFen,
    r.interest.vatFen + r.penalty.vatFen + r.fees.vatFen,
    r.interest.exemptFen + r.penalty.exemptFen,
    r.interest.deferredFen + r.penalty.deferredFen,
    r.interest.offBalanceFen + r.penalty.offBalanceFen,
  ];
}

/** Keeps the loan's cumulative income and VAT figures by month end: the loan's row
 *  holds them as of its block's day, and loan_tax as of each month end where they
 *  changed since the row before (the VAT report reads month ends). A block on a
 *  month end writes its own; the first block after a month the loan was not brought
 *  to its end (a loan closed or written off then) writes the figures it held at
 *  its last block, which are its figures at that month's end. */
function recordTaxFigures(
  db: LocalDb,
  step: Pick<RefreshStep, 'loanId' | 'branchId' | 'tax' | 'taxBefore' | 'postedThrough'>,
  date: string,
): void {
  if (date === monthEnd(date)) return taxFiguresAt(db, step, date, step.tax);
  const last = step.postedThrough;
  if (last && step.taxBefore && last !== monthEnd(last) && monthEnd(last) < date)
    taxFiguresAt(db, step, monthEnd(last), JSON.parse(step.taxBefore) as number[]);
}

function taxFiguresAt(
  db: LocalDb,
  step: Pick<RefreshStep, 'loanId' | 'branchId'>,
  date: string,
  figures: readonly number[],
): void {
  const c = db.$client;
  const loan = { id: step.loanId, branchId: step.branchId };
  // The row of the day (if any) and the one before it.
  const [latest, earlier] = c
    .prepare(
      'SELECT posting_date AS p, branch_id AS branch, interest_base_fen AS a, penalty_base_fen AS b, fees_base_fen AS f, vat_fen AS v, exempt_fen AS e, deferred_fen AS d, off_balance_fen AS o FROM loan_tax WHERE loan_id = ? AND posting_date <= ? ORDER BY posting_date DESC LIMIT 2',
    )
    .all(loan.id, date) as Array<
    Record<'a' | 'b' | 'f' | 'v' | 'e' | 'd' | 'o', number> & { p: string; branch: string | null }
  >;
  const today = latest?.p === date ? latest : undefined;
  const before = today ? earlier : latest;
  const values = (r: typeof latest) => (r ? [r.a, r.b, r.f, r.v, r.e, r.d, r.o] : [0, 0, 0, 0, 0, 0, 0]);
  const same = (r: typeof latest) => figures.every((v, k) => v === values(r)[k]);
  if (same(before)) {
    if (today) c.prepare('DELETE FROM loan_tax WHERE loan_id = ? AND posting_date = ?').run(loan.id, date);
    return;
  }
  if (today && same(today) && today.branch === loan.branchId) return;
  c.prepare(
    `INSERT INTO loan_tax (loan_id, posting_date, branch_id, interest_base_fen, penalty_base_fen, fees_base_fen, vat_fen, exempt_fen, deferred_fen, off_balance_fen) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (loan_id, posting_date) DO UPDATE SET branch_id = excluded.branch_id, interest_base_fen = excluded.interest_base_fen,
       penalty_base_fen = excluded.penalty_base_fen, fees_base_fen = excluded.fees_base_fen, vat_fen = excluded.vat_fen,
       exempt_fen = excluded.exempt_fen, deferred_fen = excluded.deferred_fen, off_balance_fen = excluded.off_balance_fen`,
  ).run(loan.id, date, loan.branchId, ...figures);
}

const CASH_KINDS = "('disbursement', 'repayment', 'recovery')";

/** Brings the compliance flags of a customer's cash around `businessDate` up to
 *  date (large-value, structuring). The flags are a function of the movements, so
 *  they do not depend on the order the movements arrive in; a review is kept. */
function screenCash(db: LocalDb, customerId: string, businessDate: string): void {
  const rules = { ...DEFAULT_CASH_RULES, largeCashThresholdFen: readSettings(db).lending.largeCashThresholdFen };
  const movements = db.$client
    .prepare(
      `SELECT t.id, t.amount_fen AS amountFen, t.created_at AS at, t.booked_on AS businessDate, t.loan_id AS loanId
       FROM loan_transactions t JOIN loans l ON l.id = t.loan_id
       WHERE l.customer_id = ? AND t.channel = 'cash' AND t.kind IN ${CASH_KINDS} AND t.reversed_by_id IS NULL
         AND t.booked_on BETWEEN ? AND ?`,
    )
    .all(customerId, addDays(businessDate, -2), addDays(businessDate, 2)) as Array<
    DatedCashMovement & { loanId: string }
  >;
  const loanOf = new Map(movements.map((m) => [m.id, m.loanId]));
  const atOf = new Map(movements.map((m) => [m.id, m.at]));
  const upsert = db.$client.prepare(
    `INSERT INTO compliance_flags (id, kind, customer_id, loan_id, transaction_id, business_date, amount_fen, details_json, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(id) DO UPDATE SET loan_id = excluded.loan_id, transaction_id = excluded.transaction_id,
       amount_fen = excluded.amount_fen, details_json = excluded.details_json, created_at = excluded.created_at`,
  );
  for (const flag of cashFlags(movements, rules)) {
    if (flag.businessDate < addDays(businessDate, -1) || flag.businessDate > addDays(businessDate, 1)) continue;
    const amountFen =
      flag.kind === 'largeCash' ? flag.totalFen : movements.find((m) => m.id === flag.transactionId)!.amountFen;
    upsert.run(
      derivedUuid(`flag:${flag.kind}:${customerId}:${flag.businessDate}`),
      flag.kind,
      customerId,
      loanOf.get(flag.transactionId) ?? null,
      flag.transactionId,
      flag.businessDate,
      amountFen,
      JSON.stringify(flag),
      atOf.get(flag.transactionId)!,
    );
  }
}

type OptionalTxFields = 'reversesId' | 'note' | 'intent' | 'counterpartyAccount' | 'transferRef';

function insertTransaction(
  db: LocalDb,
  t: Omit<LoanTxRow, 'allocationJson' | 'reversedById' | OptionalTxFields> & Partial<Pick<LoanTxRow, OptionalTxFields>>,
): void {
  db.$client
    .prepare(
      'INSERT INTO loan_transactions (id, loan_id, kind, value_date, booked_on, amount_fen, channel, intent, reverses_id, counterparty_account, transfer_ref, note, actor_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    )
    .run(
      t.id,
      t.loanId,
      t.kind,
      t.valueDate,
      t.bookedOn,
      t.amountFen,
      t.channel,
      t.intent ?? null,
      t.reversesId ?? null,
      t.counterpartyAccount ?? null,
      t.transferRef ?? null,
      t.note ?? null,
      t.actorId,
      t.createdAt,
    );
}

function requireLoan(db: LocalDb, id: string): LoanRow {
  const loan = getLoanRow(db, id);
  if (!loan) throw new Error(`projector: loan ${id} missing`);
  return loan;
}

function bookingDate(e: EventEnvelope): string {
  if (!e.businessDate) throw new Error(`projector: ${e.type} ${e.id} has no business date`);
  return e.businessDate;
}

type Projector<T extends EventEnvelope['type']> = (db: LocalDb, e: EventEnvelope<T>) => void;

export const loanProjectors: {
  LoanApproved: Projector<'LoanApproved'>;
  LoanDisbursed: Projector<'LoanDisbursed'>;
  LoanCancelled: Projector<'LoanCancelled'>;
  RepaymentRecorded: Projector<'RepaymentRecorded'>;
  RepaymentReversed: Projector<'RepaymentReversed'>;
  WriteOffProposed: Projector<'WriteOffProposed'>;
  LoanWrittenOff: Projector<'LoanWrittenOff'>;
  RecoveryRecorded: Projector<'RecoveryRecorded'>;
  ClassificationOverridden: Projector<'ClassificationOverridden'>;
  DocumentAttached: Projector<'DocumentAttached'>;
} = {
  LoanApproved(db, e) {
    const p = e.payload;
    const terms = p.contract.terms;
    db.$client
      .prepare(
        `INSERT INTO loans (id, number, application_id, customer_id, product_id, branch_id, officer_id, principal_fen,
          rate_annual, annualized_rate, periods, method, status, approved_by, approved_at, version)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'approved', ?, ?, ?)`,
      )
      .run(
        e.aggregateId,
        p.number,
        p.applicationId,
        p.customerId,
        p.productId,
        p.branchId,
        p.officerId,
        terms.principalFen,
        String(terms.rateAnnual),
        p.annualizedRate,
        terms.periods,
        terms.method,
        p.approvedBy,
        e.occurredAt,
        e.version,
      );
    db.$client
      .prepare('INSERT INTO loan_contracts (loan_id, contract_json) VALUES (?, ?)')
      .run(e.aggregateId, JSON.stringify(p.contract));
  },
  LoanCancelled(db, e) {
    setLoan(db, e.aggregateId, {
      status: 'cancelled',
      cancellationJson: JSON.stringify({ by: e.actorId, reason: e.payload.reason, at: e.occurredAt }),
      version: e.version,
    });
  },
  LoanDisbursed(db, e) {
    const loan = requireLoan(db, e.aggregateId);
    const p = e.payload;
    setLoan(db, loan.id, {
      status: 'active',
      disbursedOn: p.date,
      disbursedBy: e.actorId,
      disbursementChannel: p.channel,
      contractJson: JSON.stringify(p.contract),
      maturityDate: p.contract.schedule.installments.at(-1)!.dueDate,
      outstandingPrincipalFen: loan.principalFen,
      version: e.version,
    });
    insertTransaction(db, {
      id: p.transactionId,
      loanId: loan.id,
      kind: 'disbursement',
      valueDate: p.date,
      bookedOn: bookingDate(e),
      amountFen: loan.principalFen,
      channel: p.channel,
      counterpartyAccount: p.receivingAccount,
      transferRef: p.transferRef,
      actorId: e.actorId,
      createdAt: e.occurredAt,
    });
    refreshLoan(db, loan.id, bookingDate(e));
    if (p.channel === 'cash') screenCash(db, loan.customerId, bookingDate(e));
  },
  RepaymentRecorded(db, e) {
    // Its figures only: the refresh below reads the row with its contract.
    const loan = getLoanFigures(db, e.aggregateId);
    if (!loan) throw new Error(`projector: loan ${e.aggregateId} missing`);
    const p = e.payload;
    insertTransaction(db, {
      id: p.transactionId,
      loanId: loan.id,
      kind: 'repayment',
      valueDate: p.valueDate,
      bookedOn: bookingDate(e),
      amountFen: p.amountFen,
      channel: p.channel,
      intent: p.intent,
      note: p.note,
      transferRef: p.transferRef ?? null,
      actorId: e.actorId,
      createdAt: e.occurredAt,
    });
    // A customer who pays again is no longer a write-off case: the proposal lapses.
    if (loan.writeOffProposalJson) setLoan(db, loan.id, { writeOffProposalJson: null });
    refreshLoan(db, loan.id, bookingDate(e));
    if (p.channel === 'cash') screenCash(db, loan.customerId, bookingDate(e));
  },
  RepaymentReversed(db, e) {
    const loan = requireLoan(db, e.aggregateId);
    const p = e.payload;
    const original = db.$client
      .prepare('SELECT value_date AS v, amount_fen AS a, channel FROM loan_transactions WHERE id = ?')
      .get(p.reversesId) as { v: string; a: number; channel: string | null } | undefined;
    if (!original) throw new Error(`projector: reversed transaction ${p.reversesId} missing`);
    insertTransaction(db, {
      id: p.transactionId,
      loanId: loan.id,
      kind: 'reversal',
      valueDate: original.v,
      bookedOn: bookingDate(e),
      amountFen: -original.a,
      channel: original.channel,
      reversesId: p.reversesId,
      note: p.reason,
      actorId: e.actorId,
      createdAt: e.occurredAt,
    });
    db.$client
      .prepare('UPDATE loan_transactions SET reversed_by_id = ? WHERE id = ?')
      .run(p.transactionId, p.reversesId);
    refreshLoan(db, loan.id, bookingDate(e));
  },
  WriteOffProposed(db, e) {
    setLoan(db, e.aggregateId, {
      writeOffProposalJson: JSON.stringify({ by: e.actorId, reason: e.payload.reason, at: e.occurredAt }),
      version: e.version,
    });
  },
  LoanWrittenOff(db, e) {
    const date = bookingDate(e);
    // The accruals up to the write-off day are posted first, then written off.
    refreshLoan(db, e.aggregateId, date);
    const loan = requireLoan(db, e.aggregateId);
    setLoan(db, loan.id, {
      status: 'written_off',
      writtenOffOn: e.payload.date,
      writeOffProposalJson: null,
      version: e.version,
    });
    refreshLoan(db, loan.id, date);
  },
  RecoveryRecorded(db, e) {
    const loan = requireLoan(db, e.aggregateId);
    const p = e.payload;
    insertTransaction(db, {
      id: p.transactionId,
      loanId: loan.id,
      kind: 'recovery',
      valueDate: p.valueDate,
      bookedOn: bookingDate(e),
      amountFen: p.amountFen,
      channel: p.channel,
      actorId: e.actorId,
      createdAt: e.occurredAt,
    });
    refreshLoan(db, loan.id, bookingDate(e));
    if (p.channel === 'cash') screenCash(db, loan.customerId, bookingDate(e));
  },
  ClassificationOverridden(db, e) {
    const p = e.payload;
    const override = p.classification ? { classification: p.classification, reason: p.reason, by: e.actorId } : null;
    setLoan(db, e.aggregateId, {
      classificationOverrideJson: override ? JSON.stringify(override) : null,
      version: e.version,
    });
    refreshLoan(db, e.aggregateId, bookingDate(e));
  },
  DocumentAttached(db, e) {
    const p = e.payload;
    db.$client
      .prepare(
        'INSERT INTO loan_documents (id, loan_id, file_name, mime, size_bytes, sha256, note, uploaded_by, uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        p.documentId,
        e.aggregateId,
        p.fileName,
        p.mime,
        p.sizeBytes,
        p.sha256,
        p.note,
        e.actorId ?? '',
        e.occurredAt,
      );
  },
};

/** The end of day's work on one branch for `date`: every open loan not yet brought
 *  to that date is refreshed on it (the full refresh: a rebuild replays every loan). */
export function refreshBranchLoans(db: LocalDb, branchId: string, date: string): void {
  const { loans } = loansToRefresh(db, branchId, date);
  batchPostings(db, () => {
    for (const loan of loans) refreshLoan(db, loan.id, date);
  });
}

/** The next active loans not yet brought to `date`, of one branch or (no branch) of
 *  the whole book, in the table's own order (rowid, after `afterRowid`), with their
 *  rows: a batch then reads and writes neighbouring pages, not one page a loan
 *  scattered over the file (ids are not in that order), and the rows the walk visits
 *  anyway are the rows the day is planned from. A branch's loans lie among the other
 *  branches' in the table, so when every branch closes its day the book is walked
 *  once through the status index (walked branch by branch, a page holding the loans
 *  of two branches was written once for each). */
export const BRANCH_WALK_SQL = `SELECT rowid AS _rowid, * FROM loans WHERE status = 'active' AND branch_id IS ? AND disbursed_on <= ? AND (position_as_of IS NULL OR position_as_of < ?) AND rowid > ? ORDER BY rowid LIMIT ?`;
export const BOOK_WALK_SQL = `SELECT rowid AS _rowid, * FROM loans INDEXED BY loans_status WHERE status = 'active' AND disbursed_on <= ? AND (position_as_of IS NULL OR position_as_of < ?) AND rowid > ? ORDER BY rowid LIMIT ?`;

export function loansToRefresh(
  db: LocalDb,
  branchId: string | undefined,
  date: string,
  options: { afterRowid?: number; limit?: number } = {},
): { loans: LoanFigures[]; lastRowid: number } {
  const after = options.afterRowid ?? 0;
  const limit = options.limit ?? -1;
  const rows = (
    branchId === undefined
      ? db.$client.prepare(BOOK_WALK_SQL).all(date, date, after, limit)
      : db.$client.prepare(BRANCH_WALK_SQL).all(branchId, date, date, after, limit)
  ) as Array<Record<string, unknown>>;
  const last = rows.at(-1);
  return { loans: rows.map(figuresFrom), lastRowid: last ? (last._rowid as number) : after };
}

/** Whether every active loan's branch is among `branchIds` (a book with one walk),
 *  from the loan book's kept totals (a loan without a branch counts under ''). */
export function everyBranchAmong(db: LocalDb, branchIds: readonly string[]): boolean {
  const open = new Set(branchIds);
  const held = db.$client
    .prepare("SELECT DISTINCT branch_id FROM loan_book_totals WHERE status = 'active' AND loans > 0")
    .pluck()
    .all() as string[];
  return held.every((b) => open.has(b));
}

/** Writes a batch of the end of day planned off this thread: `steps[i]` for
 *  `loans[i]` (planned on the state of the database of the moment the rows were
 *  read), the loans beyond `steps` refreshed here from those rows. When the state
 *  moved since (`stale`: an event was applied in between), every loan of the batch
 *  is read again and planned here instead. */
export function writePlannedLoans(
  db: LocalDb,
  date: string,
  loans: readonly LoanFigures[],
  steps: readonly RefreshStep[][],
  stale: boolean,
): void {
  const settings = readSettingsSection(db, 'accounting');
  batchPostings(db, () => {
    loans.forEach((loan, i) => {
      const planned = stale ? undefined : steps[i];
      const figures = stale ? getLoanFigures(db, loan.id) : loan;
      for (const step of planned ?? (figures ? planLoanDay(db, figures, date, settings) : [])) writeRefresh(db, step);
    });
  });
}
