/** Posting rules: each business event becomes balanced journal lines. Every rule
 *  ends in assertBalanced; a correction is reverse(lines) plus a new posting. */
import { DomainError } from '../errors';
import { assertFen } from '../money';
import type { TransactionAllocation } from '../servicing/position';
import { ACCOUNTS, accountByCode } from './accounts';

export interface JournalLine {
  accountCode: string;
  debitFen: number;
  creditFen: number;
  memo?: string;
}

export type Channel = 'cash' | 'bank';

/** Throws POSTING_UNBALANCED {debitFen, creditFen} unless debits equal credits;
 *  POSTING_INVALID_LINE for a line that is not one-sided, negative, not fen, or
 *  on an unknown account (`known`: the company's chart; default the default chart).
 *  Returns the lines. */
export function assertBalanced(
  lines: readonly JournalLine[],
  known: (accountCode: string) => boolean = (code) => accountByCode(code) !== undefined,
): JournalLine[] {
  let debitFen = 0;
  let creditFen = 0;
  for (const line of lines) {
    assertFen(line.debitFen, 'debitFen');
    assertFen(line.creditFen, 'creditFen');
    const oneSided = (line.debitFen > 0 && line.creditFen === 0) || (line.creditFen > 0 && line.debitFen === 0);
    if (!oneSided || !known(line.accountCode)) throw new DomainError('POSTING_INVALID_LINE', { line });
    debitFen += line.debitFen;
    creditFen += line.creditFen;
  }
  if (debitFen !== creditFen) throw new DomainError('POSTING_UNBALANCED', { debitFen, creditFen });
  return [...lines];
}

function dr(accountCode: string, amountFen: number, memo?: string): JournalLine[] {
  assertFen(amountFen);
  if (amountFen < 0) throw new DomainError('POSTING_NEGATIVE_AMOUNT', { accountCode, amountFen });
  return amountFen === 0 ? [] : [{ accountCode, debitFen: amountFen, creditFen: 0, ...(memo ? { memo } : {}) }];
}
function cr(accountCode: string, amountFen: number, memo?: string): JournalLine[] {
  assertFen(amountFen);
  if (amountFen < 0) throw new DomainError('POSTING_NEGATIVE_AMOUNT', { accountCode, amountFen });
  return amountFen === 0 ? [] : [{ accountCode, debitFen: 0, creditFen: amountFen, ...(memo ? { memo } : {}) }];
}
function channelAccount(channel: Channel): string {
  return channel === 'cash' ? ACCOUNTS.cash.code : ACCOUNTS.bank.code;
}

/** 放款 Disbursement: Dr 1303.01 / Cr 1002 principal. */
export function postDisbursement(principalFen: number): JournalLine[] {
  return assertBalanced([
    ...dr(ACCOUNTS.loansNormal.code, principalFen, '放款 disbursement'),
    ...cr(ACCOUNTS.bank.code, principalFen, '放款 disbursement'),
  ]);
}

/** Upfront fee withheld or collected: Dr 1002 / Cr 6021. */
export function postUpfrontFee(feeFen: number): JournalLine[] {
  return assertBalanced([
    ...dr(ACCOUNTS.bank.code, feeFen, '手续费 upfront fee'),
    ...cr(ACCOUNTS.feeIncome.code, feeFen, '手续费 upfront fee'),
  ]);
}

/** Daily interest accrual: Dr 1132 / Cr 6011. */
export function postInterestAccrual(interestFen: number): JournalLine[] {
  return assertBalanced([
    ...dr(ACCOUNTS.interestReceivable.code, interestFen, '计提利息 interest accrual'),
    ...cr(ACCOUNTS.interestIncome.code, interestFen, '计提利息 interest accrual'),
  ]);
}

/** Penalty interest accrual: Dr 1132 / Cr 6051. */
export function postPenaltyAccrual(penaltyFen: number): JournalLine[] {
  return assertBalanced([
    ...dr(ACCOUNTS.interestReceivable.code, penaltyFen, '计提罚息 penalty accrual'),
    ...cr(ACCOUNTS.penaltyIncome.code, penaltyFen, '计提罚息 penalty accrual'),
  ]);
}

/** Moves principal that fell overdue to the overdue sub-account: Dr 1303.02 / Cr 1303.01. */
export function postOverdueTransfer(principalFen: number): JournalLine[] {
  return assertBalanced([
    ...dr(ACCOUNTS.loansOverdue.code, principalFen, '转逾期 to overdue'),
    ...cr(ACCOUNTS.loansNormal.code, principalFen, '转逾期 to overdue'),
  ]);
}

/** 还款 Repayment: Dr 1001 cash or 1002 bank (the whole amount) / Cr 1132 (penalty and
 *  interest; accrued before or, when paid ahead, settled against later accruals),
 *  Cr 1303.02 overdue principal, Cr 1303.01 current principal and prepayment,
 *  Cr 6021 fees, Cr 2241 overpayment payable to the customer. */
export function postRepayment(
  allocation: Pick<
    TransactionAllocation,
    | 'amountFen'
    | 'penaltyFen'
    | 'overdueInterestFen'
    | 'overduePrincipalFen'
    | 'feesFen'
    | 'currentInterestFen'
    | 'currentPrincipalFen'
    | 'prepaymentFen'
    | 'overpaymentFen'
  >,
  channel: Channel = 'bank',
): JournalLine[] {
  const a = allocation;
  return assertBalanced([
    ...dr(channelAccount(channel), a.amountFen, '还款 repayment'),
    ...cr(ACCOUNTS.interestReceivable.code, a.penaltyFen, '罚息 penalty'),
    ...cr(ACCOUNTS.interestReceivable.code, a.overdueInterestFen + a.currentInterestFen, '利息 interest'),
    ...cr(ACCOUNTS.loansOverdue.code, a.overduePrincipalFen, '逾期本金 overdue principal'),
    ...cr(ACCOUNTS.loansNormal.code, a.currentPrincipalFen + a.prepaymentFen, '本金 principal'),
    ...cr(ACCOUNTS.feeIncome.code, a.feesFen, '费用 fees'),
    ...cr(ACCOUNTS.otherPayables.code, a.overpaymentFen, '溢缴款 overpayment'),
  ]);
}

/** Provision change (计提/转回): an increase is Dr 6701 / Cr 1304, a release the reverse. */
export function postProvisionChange(deltaFen: number): JournalLine[] {
  assertFen(deltaFen, 'deltaFen');
  if (deltaFen >= 0)
    return assertBalanced([
      ...dr(ACCOUNTS.impairmentLoss.code, deltaFen, '计提贷款损失准备 provision'),
      ...cr(ACCOUNTS.loanLossProvision.code, deltaFen, '计提贷款损失准备 provision'),
    ]);
  return assertBalanced([
    ...dr(ACCOUNTS.loanLossProvision.code, -deltaFen, '转回贷款损失准备 provision release'),
    ...cr(ACCOUNTS.impairmentLoss.code, -deltaFen, '转回贷款损失准备 provision release'),
  ]);
}

/** 核销 Write-off: Dr 1304 / Cr 1303.02 (or 1303.01 for principal not yet overdue). */
export function postWriteOff(principalFen: number, fromAccount: '1303.01' | '1303.02' = '1303.02'): JournalLine[] {
  return assertBalanced([
    ...dr(ACCOUNTS.loanLossProvision.code, principalFen, '核销 write-off'),
    ...cr(fromAccount, principalFen, '核销 write-off'),
  ]);
}

/** 核销 Write-off through the provision: Dr 1304 for what was provided for the loan,
 *  Dr 6701 for the rest of its principal; Cr 1303.01 / 1303.02 the principal. */
export function postWriteOffThroughProvision(
  normalFen: number,
  overdueFen: number,
  providedFen: number,
): JournalLine[] {
  const principalFen = normalFen + overdueFen;
  const fromProvisionFen = Math.min(providedFen, principalFen);
  return assertBalanced([
    ...dr(ACCOUNTS.loanLossProvision.code, fromProvisionFen, '核销 write-off'),
    ...dr(ACCOUNTS.impairmentLoss.code, principalFen - fromProvisionFen, '核销 write-off'),
    ...cr(ACCOUNTS.loansNormal.code, normalFen, '核销 write-off'),
    ...cr(ACCOUNTS.loansOverdue.code, overdueFen, '核销 write-off'),
  ]);
}

/** Interest received before it is earned moves from the receivable to the
 *  liability 预收利息: Dr 1132 / Cr 2203.01. */
export function postInterestInAdvance(advanceFen: number): JournalLine[] {
  return assertBalanced([
    ...dr(ACCOUNTS.interestReceivable.code, advanceFen, '预收利息 interest in advance'),
    ...cr(ACCOUNTS.interestInAdvance.code, advanceFen, '预收利息 interest in advance'),
  ]);
}

/** Output VAT inside the income recognised: Dr 6011 / 6051 / 6021 (the tax in each
 *  gross amount) / Cr 2221.01. A negative amount (less VAT than before) reverses. */
export function postOutputVat(vat: { interestFen: number; penaltyFen: number; feesFen: number }): JournalLine[] {
  const parts: Array<[string, number]> = [
    [ACCOUNTS.interestIncome.code, vat.interestFen],
    [ACCOUNTS.penaltyIncome.code, vat.penaltyFen],
    [ACCOUNTS.feeIncome.code, vat.feesFen],
  ];
  const lines: JournalLine[] = [];
  let totalFen = 0;
  for (const [code, fen] of parts) {
    assertFen(fen);
    totalFen += fen;
    if (fen > 0) lines.push({ accountCode: code, debitFen: fen, creditFen: 0, memo: '销项税额 output VAT' });
    else if (fen < 0) lines.push({ accountCode: code, debitFen: 0, creditFen: -fen, memo: '销项税额 output VAT' });
  }
  if (totalFen > 0)
    lines.push({ accountCode: ACCOUNTS.outputVat.code, debitFen: 0, creditFen: totalFen, memo: '销项税额 output VAT' });
  else if (totalFen < 0)
    lines.push({
      accountCode: ACCOUNTS.outputVat.code,
      debitFen: -totalFen,
      creditFen: 0,
      memo: '销项税额 output VAT',
    });
  return assertBalanced(lines);
}

/** 核销后收回 Recovery after write-off: Dr 1002 (or 1001) / Cr 6701. */
export function postRecovery(amountFen: number, channel: Channel = 'bank'): JournalLine[] {
  return assertBalanced([
    ...dr(channelAccount(channel), amountFen, '核销后收回 recovery'),
    ...cr(ACCOUNTS.impairmentLoss.code, amountFen, '核销后收回 recovery'),
  ]);
}

/** 冲正 Reversal: the same lines with debit and credit swapped. */
export function reverse(lines: readonly JournalLine[]): JournalLine[] {
  assertBalanced(lines);
  return assertBalanced(
    lines.map((l) => ({
      accountCode: l.accountCode,
      debitFen: l.creditFen,
      creditFen: l.debitFen,
      memo: `冲正 reversal${l.memo ? `: ${l.memo}` : ''}`,
    })),
  );
}
