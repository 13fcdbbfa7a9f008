/** A loan's state on a date is a pure function of its contract and transactions
 *  (core `loanPosition`). This module refreshes the loan's projection rows from
 *  that position and keeps its journal equal to it: the postings each category
 *  should hold are recomputed, and any difference to what is posted goes in as a
 *  new entry. A backdated repayment therefore reverses and re-posts exactly the
 *  accruals and penalties it changed, and the ledger never drifts. */
import { and, asc, eq, sql } from 'drizzle-orm';
import { installments, journalLines, loans, loanTransactions } from '../../db/schema';
import type { LocalDb } from '../../db/connection';
import {
  loanPosition,
  type LoanContract,
  type LoanPosition,
  type LoanTransaction,
} from '../../../core/servicing/position';
import {
  classify,
  requiredProvision,
  type Classification,
  type ClassificationOverride,
} from '../../../core/servicing/delinquency';
import {
  postDisbursement,
  postInterestAccrual,
  postOverdueTransfer,
  postPenaltyAccrual,
  postProvisionChange,
  postRecovery,
  postRepayment,
  postUpfrontFee,
  postWriteOff,
  type Channel,
  type JournalLine,
} from '../../../core/posting/rules';
import { minDate, type BusinessDate } from '../../../core/dates';
import type { Schedule } from '../../../core/schedule/types';
import { appendEntry } from '../ledger/journal';

export type LoanRow = typeof loans.$inferSelect;
export type LoanTxRow = typeof loanTransactions.$inferSelect;

export interface StoredContract extends LoanContract {
  schedule: Schedule;
}

export function contractOf(loan: LoanRow): StoredContract {
  return JSON.parse(loan.contractJson) as StoredContract;
}

export function transactionsOf(db: LocalDb, loanId: string): LoanTxRow[] {
  return db
    .select()
    .from(loanTransactions)
    .where(eq(loanTransactions.loanId, loanId))
    .orderBy(asc(loanTransactions.createdAt), asc(loanTransactions.id))
    .all();
}

/** The transactions core replays: repayments and their reversals. */
export function servicingTransactions(rows: readonly LoanTxRow[]): LoanTransaction[] {
  const out: LoanTransaction[] = [];
  for (const r of rows) {
    if (r.kind === 'repayment')
      out.push({ id: r.id, type: 'repayment', valueDate: r.valueDate, amountFen: r.amountFen });
    else if (r.kind === 'reversal' && r.reversesId)
      out.push({ id: r.id, type: 'reversal', valueDate: r.valueDate, reversesId: r.reversesId });
  }
  return out;
}

function channelAccount(channel: string | null): '1001' | '1002' {
  return channel === 'cash' ? '1001' : '1002';
}

/** The postings a loan should hold on `asOf`, by category. */
export function desiredPostings(
  loan: LoanRow,
  position: LoanPosition | null,
  txs: readonly LoanTxRow[],
  provisionFen: number,
): Map<string, JournalLine[]> {
  const desired = new Map<string, JournalLine[]>();
  if (!loan.disbursedOn) return desired;
  const contract = contractOf(loan);
  const disbursement = postDisbursement(loan.principalFen).map((l) =>
    l.accountCode === '1002' ? { ...l, accountCode: channelAccount(loan.disbursementChannel) } : l,
  );
  desired.set('disbursement', disbursement);
  const feeFen = contract.schedule.upfrontFeeFen;
  if (feeFen > 0)
    desired.set(
      'fee',
      postUpfrontFee(feeFen).map((l) =>
        l.accountCode === '1002' ? { ...l, accountCode: channelAccount(loan.disbursementChannel) } : l,
      ),
    );
  if (!position) return desired;
  const channelOf = new Map(txs.map((t) => [t.id, (t.channel === 'cash' ? 'cash' : 'bank') as Channel]));
  let paidInterestFen = 0;
  let paidPenaltyFen = 0;
  for (const a of position.allocations) {
    paidInterestFen += a.overdueInterestFen + a.currentInterestFen;
    paidPenaltyFen += a.penaltyFen;
    desired.set(`repayment:${a.transactionId}`, postRepayment(a, channelOf.get(a.transactionId) ?? 'bank'));
  }
  const writtenOff = loan.status === 'written_off';
  // After a write-off the unpaid receivable is no longer income: it is reversed.
  const interestIncomeFen = paidInterestFen + (writtenOff ? 0 : position.accruedInterestFen);
  const penaltyIncomeFen = paidPenaltyFen + (writtenOff ? 0 : position.penaltyFen);
  if (interestIncomeFen > 0) desired.set('interestAccrual', postInterestAccrual(interestIncomeFen));
  if (penaltyIncomeFen > 0) desired.set('penaltyAccrual', postPenaltyAccrual(penaltyIncomeFen));
  // Everything that ever fell overdue moved to 1303.02; repayments of overdue
  // principal then credit 1303.02, so the transfer is cumulative, not the balance.
  const overdueEverFen =
    position.overduePrincipalFen + position.allocations.reduce((sum, a) => sum + a.overduePrincipalFen, 0);
  if (overdueEverFen > 0) desired.set('overdueTransfer', postOverdueTransfer(overdueEverFen));
  if (writtenOff) {
    const overdue = position.overduePrincipalFen;
    const normal = position.outstandingPrincipalFen - overdue;
    const lines = [...postProvisionChange(position.outstandingPrincipalFen)];
    if (normal > 0) lines.push(...postWriteOff(normal, '1303.01'));
    if (overdue > 0) lines.push(...postWriteOff(overdue, '1303.02'));
    desired.set('writeOff', lines);
    for (const t of txs)
      if (t.kind === 'recovery')
        desired.set(`recovery:${t.id}`, postRecovery(t.amountFen, t.channel === 'cash' ? 'cash' : 'bank'));
  } else if (provisionFen > 0) desired.set('provision', postProvisionChange(provisionFen));
  return desired;
}

const CATEGORY_MEMO: Record<string, string> = {
  disbursement: '放款 disbursement',
  fee: '手续费 upfront fee',
  interestAccrual: '利息计提 interest accrual',
  penaltyAccrual: '罚息计提 penalty accrual',
  overdueTransfer: '逾期本金转入 overdue principal transfer',
  provision: '贷款损失准备 provision',
  writeOff: '核销 write-off',
};

/** Posts the difference between what each category should hold and what it holds. */
export function syncPostings(
  db: LocalDb,
  loan: LoanRow,
  desired: Map<string, JournalLine[]>,
  postingDate: BusinessDate,
  reason: string,
  createdAt: string,
  valueDates: Map<string, string> = new Map(),
): number {
  const posted = db
    .select({
      category: journalLines.category,
      accountCode: journalLines.accountCode,
      netFen: sql<number>`sum(${journalLines.debitFen}) - sum(${journalLines.creditFen})`,
    })
    .from(journalLines)
    .where(eq(journalLines.loanId, loan.id))
    .groupBy(journalLines.category, journalLines.accountCode)
    .all();
  const net = new Map<string, Map<string, number>>();
  const add = (category: string, account: string, fen: number) => {
    const byAccount = net.get(category) ?? new Map<string, number>();
    byAccount.set(account, (byAccount.get(account) ?? 0) + fen);
    net.set(category, byAccount);
  };
  for (const [category, lines] of desired)
    for (const l of lines) add(category, l.accountCode, l.debitFen - l.creditFen);
  for (const p of posted) add(p.category, p.accountCode, -p.netFen);
  let entries = 0;
  for (const [category, byAccount] of net) {
    const lines: JournalLine[] = [];
    for (const [accountCode, fen] of byAccount) {
      if (fen > 0) lines.push({ accountCode, debitFen: fen, creditFen: 0 });
      else if (fen < 0) lines.push({ accountCode, debitFen: 0, creditFen: -fen });
    }
    if (lines.length === 0) continue;
    const isNew = !posted.some((p) => p.category === category);
    const kind = category.split(':')[0]!;
    const memo = `${CATEGORY_MEMO[kind] ?? kind}${isNew ? '' : ' · 调整 adjustment'} · ${reason}`;
    appendEntry(
      db,
      {
        postingDate,
        valueDate: valueDates.get(category) ?? postingDate,
        loanId: loan.id,
        branchId: loan.branchId,
        category,
        memo,
        sourceRef: category.includes(':') ? category.split(':')[1]! : null,
        lines,
      },
      createdAt,
    );
    entries++;
  }
  return entries;
}

export interface RefreshResult {
  position: LoanPosition | null;
  classification: Classification;
  provisionFen: number;
  entries: number;
}

/** Recomputes one loan on `asOf` (the business date), updates its rows and posts
 *  the journal difference with posting date `asOf`. */
export function refreshLoan(
  db: LocalDb,
  loanId: string,
  asOf: BusinessDate,
  reason: string,
  createdAt: string,
): RefreshResult {
  const loan = db.select().from(loans).where(eq(loans.id, loanId)).get();
  if (!loan) throw new Error(`loan ${loanId} missing`);
  if (!loan.disbursedOn) return { position: null, classification: 'normal', provisionFen: 0, entries: 0 };
  const txs = transactionsOf(db, loanId);
  const positionDate = loan.writtenOffOn ? minDate(asOf, loan.writtenOffOn) : asOf;
  const position = loanPosition(contractOf(loan), servicingTransactions(txs), positionDate);
  const override = loan.classificationOverrideJson
    ? (JSON.parse(loan.classificationOverrideJson) as ClassificationOverride)
    : undefined;
  const { classification } = classify(position.dpd, override);
  const live = loan.status === 'active' && !position.closed;
  const provisionFen = live
    ? requiredProvision([{ outstandingPrincipalFen: position.outstandingPrincipalFen, classification }]).totalFen
    : 0;
  const status =
    loan.status === 'active' && position.closed
      ? 'closed'
      : loan.status === 'closed' && !position.closed
        ? 'active'
        : loan.status;
  const updated: LoanRow = {
    ...loan,
    status,
    closedOn: status === 'closed' ? (loan.closedOn ?? asOf) : null,
    outstandingPrincipalFen: position.outstandingPrincipalFen,
    overduePrincipalFen: position.overduePrincipalFen,
    accruedInterestFen: position.accruedInterestFen,
    penaltyFen: position.penaltyFen,
    overpaymentFen: position.overpaymentFen,
    dpd: loan.status === 'written_off' ? loan.dpd : position.dpd,
    bucket: position.bucket,
    classification,
    provisionFen,
    positionAsOf: asOf,
  };
  db.update(loans).set(updated).where(eq(loans.id, loanId)).run();
  for (const inst of position.installments) {
    db.update(installments)
      .set({
        dueDate: inst.dueDate,
        principalFen: inst.principalFen,
        interestFen: inst.interestFen,
        paymentFen: inst.paymentFen,
        paidPrincipalFen: inst.paidPrincipalFen,
        paidInterestFen: inst.paidInterestFen,
        status: inst.status,
      })
      .where(and(eq(installments.loanId, loanId), eq(installments.n, inst.n)))
      .run();
  }
  // Installments dropped by a prepayment that shortened the term.
  db.delete(installments)
    .where(and(eq(installments.loanId, loanId), sql`${installments.n} > ${position.installments.length}`))
    .run();
  const valueDates = new Map(
    txs.map((t) => [`${t.kind === 'recovery' ? 'recovery' : 'repayment'}:${t.id}`, t.valueDate]),
  );
  const entries = syncPostings(
    db,
    updated,
    desiredPostings(updated, position, txs, provisionFen),
    asOf,
    reason,
    createdAt,
    valueDates,
  );
  return { position, classification, provisionFen, entries };
}
