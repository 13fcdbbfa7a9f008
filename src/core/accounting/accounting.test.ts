import { addDays, daysBetween } from '../dates';
import { DomainError } from '../errors';
import {
  changeAccount,
  checkEntryDecision,
  checkEntryLines,
  checkFunds,
  checkReversible,
  closingLines,
  closingSteps,
  defaultChart,
  defineAccount,
  entryPostingDate,
  farmExemption,
  monthEndsBetween,
  nonAccrualSince,
  overdueStretches,
  recognize,
  reversalLines,
  rollUp,
  surchargeLines,
  vatChunks,
  vatOf,
  yearEndLines,
  balanceSheet,
  incomeStatement,
  type RecognitionInput,
} from './index';

describe('VAT inside a gross amount', () => {
  it('is G x r / (1 + r), half-up to the fen', () => {
    expect(vatOf(10600, '0.06')).toBe(600); // 106.00 -> 6.00
    expect(vatOf(10000, '0.06')).toBe(566); // 100.00 x 6 / 106 = 5.6603 -> 5.66
    expect(vatOf(10300, '0.03')).toBe(300); // small-scale taxpayer: 103.00 -> 3.00
    expect(vatOf(5, '0.06')).toBe(0); // 0.2830 fen -> 0
    expect(vatOf(9, '0.06')).toBe(1); // 0.5094 fen -> 1
    expect(vatOf(12345, '0')).toBe(0);
    expect(() => vatOf(100, '1.2')).toThrow(DomainError);
  });
  it('gives surcharges on the VAT: 7 % + 3 % + 2 % of 1 000.00', () => {
    const lines = surchargeLines(100_000, [
      { key: 'urbanMaintenance', rate: '0.07', accountCode: '2221.02' },
      { key: 'education', rate: '0.03', accountCode: '2221.03' },
      { key: 'localEducation', rate: '0.02', accountCode: '2221.04' },
    ]);
    expect(lines).toEqual([
      { accountCode: '6403', debitFen: 12_000, creditFen: 0 },
      { accountCode: '2221.02', debitFen: 0, creditFen: 7_000 },
      { accountCode: '2221.03', debitFen: 0, creditFen: 3_000 },
      { accountCode: '2221.04', debitFen: 0, creditFen: 2_000 },
    ]);
  });
});

describe('the farm-household exemption (公告2023年第54号)', () => {
  const base = {
    companyApproved: true,
    productFarmLoans: true,
    customerFarmHousehold: true,
    principalFen: 80_000_00,
    otherBalanceFen: 0,
    disbursedOn: '2026-03-02',
  };
  it('exempts a farm household loan of at most 100 000 with a household balance within it', () => {
    expect(farmExemption(base)).toBe('2027-12-31');
    expect(farmExemption({ ...base, principalFen: 100_000_00 })).toBe('2027-12-31');
  });
  it('needs every condition', () => {
    expect(farmExemption({ ...base, companyApproved: false })).toBeNull();
    expect(farmExemption({ ...base, productFarmLoans: false })).toBeNull();
    expect(farmExemption({ ...base, customerFarmHousehold: false })).toBeNull();
    expect(farmExemption({ ...base, principalFen: 100_000_01 })).toBeNull();
    // 80 000 + 30 000 already owed = 110 000 > 100 000
    expect(farmExemption({ ...base, otherBalanceFen: 30_000_00 })).toBeNull();
    expect(farmExemption({ ...base, disbursedOn: '2028-01-01' })).toBeNull();
  });
});

/** A synthetic loan earning 10.00 a day from 2025-01-01, one installment due
 *  2025-01-31: the rules read only due and paid-off dates and what was earned. */
function synthetic(asOf: string, paidFen: number, paidOffDate?: string): RecognitionInput {
  const earned = (d: string) => 1_000 * daysBetween('2025-01-01', d);
  return {
    from: '2025-01-01',
    asOf,
    installments: [{ dueDate: '2025-01-31', ...(paidOffDate ? { paidOffDate } : {}) }],
    interest: { paidFen, receivableFen: earned(asOf) - paidFen, earnedFen: earned(asOf), advanceFen: 0 },
    penalty: { paidFen: 0, receivableFen: 0, earnedFen: 0, advanceFen: 0 },
    feesReceivedFen: 0,
    writtenOff: false,
    nonAccrualDpd: 90,
    vat: { rate: '0.06', deferral: true, exemptThrough: null },
    earnedThrough: (d) => ({ interestFen: earned(d), penaltyFen: 0 }),
  };
}

describe('non-accrual and the 90-day VAT rule', () => {
  it('cuts the days by the oldest overdue installment', () => {
    expect(overdueStretches([{ dueDate: '2025-01-31' }], '2025-01-01', '2025-03-10')).toEqual([
      { start: '2025-01-02', end: '2025-01-31', oldestDue: null },
      { start: '2025-02-01', end: '2025-03-10', oldestDue: '2025-01-31' },
    ]);
    // Paid off on 02-10: current again from that day.
    expect(
      overdueStretches([{ dueDate: '2025-01-31', paidOffDate: '2025-02-10' }], '2025-01-01', '2025-03-10'),
    ).toEqual([
      { start: '2025-01-02', end: '2025-01-31', oldestDue: null },
      { start: '2025-02-01', end: '2025-02-09', oldestDue: '2025-01-31' },
      { start: '2025-02-10', end: '2025-03-10', oldestDue: null },
    ]);
  });

  it('stops accruing on the 91st day past due and only when brought current starts again', () => {
    const s = overdueStretches([{ dueDate: '2025-01-31' }], '2025-01-01', '2025-06-30');
    // 2025-01-31 + 91 days = 2025-05-02 (28 + 31 + 30 + 2).
    expect(nonAccrualSince(s, 90)).toBe('2025-05-02');
    expect(nonAccrualSince(overdueStretches([{ dueDate: '2025-01-31' }], '2025-01-01', '2025-05-01'), 90)).toBeNull();
    const current = overdueStretches(
      [{ dueDate: '2025-01-31', paidOffDate: '2025-06-20' }, { dueDate: '2025-07-31' }],
      '2025-01-01',
      '2025-06-30',
    );
    expect(nonAccrualSince(current, 90)).toBeNull();
  });

  it('taxes interest earned within 90 days as it accrues, after that when received', () => {
    const s = overdueStretches([{ dueDate: '2025-01-31' }], '2025-01-01', '2025-05-31');
    expect(vatChunks(s, { rate: '0.06', deferral: true, exemptThrough: null }, '2025-05-31')).toEqual([
      { start: '2025-01-02', end: '2025-05-01', vatClass: 'taxed' },
      { start: '2025-05-02', end: '2025-05-31', vatClass: 'deferred' },
    ]);
    // Without the rule everything is taxed as it accrues.
    expect(vatChunks(s, { rate: '0.06', deferral: false, exemptThrough: null }, '2025-05-31')).toEqual([
      { start: '2025-01-02', end: '2025-05-31', vatClass: 'taxed' },
    ]);
  });

  it('hand-computed: interest crossing the 90-day line, reversed out of income, then part received', () => {
    // 2025-05-31, nothing paid: earned 150 days x 10.00 = 1 500.00, of which 120 days
    // (through 05-01) = 1 200.00 within 90 days past due: VAT 1 200.00 x 6/106 = 67.92
    // stays due; the loan is non-accrual since 05-02, so no income stands in the books:
    // 6011 holds 0 - 67.92 (the VAT paid on interest not received). 300.00 of deferred
    // interest bears no VAT yet.
    const may = recognize(synthetic('2025-05-31', 0));
    expect(may.nonAccrualSince).toBe('2025-05-02');
    expect(may.onBalance).toBe(false);
    expect(may.interest).toEqual({
      recognizedFen: 0,
      vatBaseFen: 120_000,
      vatFen: 6_792,
      exemptFen: 0,
      deferredFen: 30_000,
      offBalanceFen: 150_000,
    });
    // 06-10: 1 400.00 received covers the 1 200.00 taxed first, then 200.00 of the
    // deferred 400.00 (05-02..06-10): VAT base 1 400.00 -> 79.25; income 1 400.00 gross.
    const june = recognize(synthetic('2025-06-10', 140_000));
    expect(june.interest).toEqual({
      recognizedFen: 140_000,
      vatBaseFen: 140_000,
      vatFen: 7_925,
      exemptFen: 0,
      deferredFen: 20_000,
      offBalanceFen: 20_000,
    });
  });

  it('hand-computed: brought current, the loan accrues again with all it earned', () => {
    // Paid off on 06-20: current from that day, 170 days earned, 1 600.00 paid.
    const r = recognize(synthetic('2025-06-20', 160_000, '2025-06-20'));
    expect(r.nonAccrualSince).toBeNull();
    expect(r.onBalance).toBe(true);
    // Taxed 01-02..05-01 (1 200.00), deferred 05-02..06-19 (490.00; 1 600 - 1 200 = 400 of
    // it received), taxed again 06-20 (10.00): base 1 200 + 400 + 10 = 1 610.00 -> 91.13.
    expect(r.interest.recognizedFen).toBe(170_000);
    expect(r.interest.vatBaseFen).toBe(161_000);
    expect(r.interest.vatFen).toBe(9_113);
    expect(r.interest.deferredFen).toBe(9_000);
    expect(r.interest.offBalanceFen).toBe(0);
  });

  it('hand-computed: a farm-household loan is exempt through 2027-12-31, taxed after', () => {
    const earned = (d: string) => 1_000 * daysBetween('2027-12-01', d);
    const r = recognize({
      ...synthetic('2028-01-31', 0),
      from: '2027-12-01',
      installments: [{ dueDate: '2028-02-29' }],
      interest: { paidFen: 0, receivableFen: earned('2028-01-31'), earnedFen: earned('2028-01-31'), advanceFen: 0 },
      vat: { rate: '0.06', deferral: true, exemptThrough: '2027-12-31' },
      earnedThrough: (d) => ({ interestFen: earned(d), penaltyFen: 0 }),
    });
    // 30 days exempt (300.00), 31 days taxed (310.00 x 6/106 = 17.55).
    expect(r.interest).toMatchObject({ recognizedFen: 61_000, exemptFen: 30_000, vatBaseFen: 31_000, vatFen: 1_755 });
  });

  it('keeps a written-off loan off the balance sheet and takes fees when received', () => {
    const r = recognize({ ...synthetic('2025-03-01', 20_000), writtenOff: true, feesReceivedFen: 10_600 });
    expect(r.onBalance).toBe(false);
    expect(r.nonAccrualSince).toBeNull();
    expect(r.interest.recognizedFen).toBe(20_000);
    expect(r.fees).toEqual({ grossFen: 10_600, vatFen: 600 });
  });
});

describe('the chart of accounts', () => {
  it('adds sub-accounts of their parent type and sums them into the parent', () => {
    const chart = defaultChart();
    const icbc = defineAccount(chart, { code: '1002.01', nameZh: '工商银行', nameEn: 'ICBC', parentId: '1002' });
    expect(icbc).toMatchObject({ id: '1002.01', type: 'asset', system: false });
    const full = [...chart, icbc];
    const total = rollUp(
      full,
      new Map([
        ['1002', 500],
        ['1002.01', 1_000],
      ]),
    );
    expect(total.get('1002')).toBe(1_500);
    expect(total.get('1002.01')).toBe(1_000);
    expect(() => defineAccount(full, { code: '1002.01', nameZh: 'x', nameEn: 'x', parentId: '1002' })).toThrow(
      /ACCOUNT_CODE_TAKEN/,
    );
    expect(() => defineAccount(full, { code: '10020', nameZh: 'x', nameEn: 'x', parentId: null })).toThrow(
      /ACCOUNT_CODE_FORMAT/,
    );
    expect(() => defineAccount(full, { code: '1009', nameZh: 'x', nameEn: 'x', parentId: null })).toThrow(
      /ACCOUNT_TYPE_REQUIRED/,
    );
  });
  it('renumbers and renames, never deactivates a system account', () => {
    const chart = defaultChart();
    expect(changeAccount(chart, '6602', { code: '6601', nameEn: 'G&A' })).toMatchObject({
      id: '6602',
      code: '6601',
      nameEn: 'G&A',
    });
    expect(() => changeAccount(chart, '6602', { code: '6011' })).toThrow(/ACCOUNT_CODE_TAKEN/);
    expect(() => changeAccount(chart, '1002', { active: false })).toThrow(/ACCOUNT_SYSTEM/);
  });
});

describe('manual entries', () => {
  const chart = defaultChart();
  const capital = [
    { accountId: '1002', debitFen: 10_000_000_00, creditFen: 0, memo: null },
    { accountId: '4001', debitFen: 0, creditFen: 10_000_000_00, memo: null },
  ];
  it('balance on known, postable accounts', () => {
    expect(() => checkEntryLines(capital, chart)).not.toThrow();
    expect(() => checkEntryLines(capital.slice(0, 1), chart)).toThrow(/ENTRY_TOO_FEW_LINES/);
    expect(() => checkEntryLines([capital[0]!, { ...capital[1]!, creditFen: 1 }], chart)).toThrow(/POSTING_UNBALANCED/);
    expect(() => checkEntryLines([capital[0]!, { ...capital[1]!, debitFen: 1 }], chart)).toThrow(/ENTRY_LINE_INVALID/);
    expect(() => checkEntryLines([capital[0]!, { ...capital[1]!, accountId: '9999' }], chart)).toThrow(
      /ACCOUNT_UNKNOWN/,
    );
  });
  it('are checked by a second person and corrected by reversal only', () => {
    const entry = { status: 'proposed' as const, kind: 'manual' as const, proposedBy: 'u1', reversedBy: null };
    expect(() => checkEntryDecision(entry, 'u1')).toThrow(/APPROVER_IS_MAKER/);
    expect(() => checkEntryDecision(entry, 'u2')).not.toThrow();
    expect(() => checkEntryDecision({ ...entry, status: 'approved' }, 'u2')).toThrow(/ENTRY_NOT_PROPOSED/);
    expect(() => checkReversible(entry, false)).toThrow(/ENTRY_NOT_REVERSIBLE/);
    expect(() => checkReversible({ ...entry, status: 'approved' }, false)).not.toThrow();
    expect(() => checkReversible({ ...entry, status: 'approved' }, true)).toThrow(/ENTRY_NOT_REVERSIBLE/);
    expect(() => checkReversible({ ...entry, status: 'approved', kind: 'reversal' }, false)).toThrow();
    expect(reversalLines(capital)).toEqual([
      { accountId: '1002', debitFen: 0, creditFen: 10_000_000_00, memo: null },
      { accountId: '4001', debitFen: 10_000_000_00, creditFen: 0, memo: null },
    ]);
  });
  it('post on the day approved; an opening entry on its date, before the books begin', () => {
    const base = {
      kind: 'manual' as const,
      valueDate: '2026-03-01',
      approvedOn: '2026-03-02',
      closedThrough: '2026-02-28',
      firstPostingDate: '2025-01-06',
      openingExists: false,
    };
    expect(entryPostingDate(base)).toBe('2026-03-02');
    expect(() => entryPostingDate({ ...base, valueDate: '2026-03-03' })).toThrow(/ENTRY_DATE_FUTURE/);
    expect(() => entryPostingDate({ ...base, valueDate: '2026-02-27', approvedOn: '2026-02-28' })).toThrow(
      /PERIOD_CLOSED/,
    );
    const opening = { ...base, kind: 'opening' as const, closedThrough: null, valueDate: '2025-01-05' };
    expect(entryPostingDate(opening)).toBe('2025-01-05');
    expect(() => entryPostingDate({ ...opening, valueDate: '2025-01-06' })).toThrow(/OPENING_AFTER_POSTINGS/);
    expect(() => entryPostingDate({ ...opening, openingExists: true })).toThrow(/OPENING_EXISTS/);
  });
  it('asks for confirmation to disburse more than the books hold', () => {
    const f = { accountCode: '1002', balanceFen: 100, neededFen: 101, confirmed: false };
    expect(() => checkFunds(f)).toThrow(/FUNDS_INSUFFICIENT/);
    expect(() => checkFunds({ ...f, confirmed: true })).not.toThrow();
    expect(() => checkFunds({ ...f, neededFen: 100 })).not.toThrow();
  });
});

describe('closing', () => {
  it('carries income and expenses into 4103 and, at the year end, 4103 into 4104', () => {
    const lines = closingLines([
      { accountId: '6011', type: 'income', netFen: -50_000 },
      { accountId: '6602', type: 'expense', netFen: 20_000 },
      { accountId: '1002', type: 'asset', netFen: 999 },
    ]);
    expect(lines).toEqual([
      { accountCode: '6011', debitFen: 50_000, creditFen: 0 },
      { accountCode: '6602', debitFen: 0, creditFen: 20_000 },
      { accountCode: '4103', debitFen: 0, creditFen: 30_000 },
    ]);
    expect(yearEndLines(-30_000)).toEqual([
      { accountCode: '4103', debitFen: 30_000, creditFen: 0 },
      { accountCode: '4104', debitFen: 0, creditFen: 30_000 },
    ]);
    expect(yearEndLines(0)).toEqual([]);
  });
  it('closes at month ends, each year end crossed on the way', () => {
    expect(closingSteps('2025-11-30', '2026-01-31')).toEqual([
      { date: '2025-12-31', yearEnd: true },
      { date: '2026-01-31', yearEnd: false },
    ]);
    expect(closingSteps(null, '2025-01-31', '2024-12-06')).toEqual([
      { date: '2024-12-31', yearEnd: true },
      { date: '2025-01-31', yearEnd: false },
    ]);
    expect(() => closingSteps(null, '2026-01-30')).toThrow(/PERIOD_NOT_MONTH_END/);
    expect(() => closingSteps('2026-01-31', '2026-01-31')).toThrow(/PERIOD_ALREADY_CLOSED/);
    expect(monthEndsBetween('2025-12-15', addDays('2026-03-01', -1))).toEqual([
      '2025-12-31',
      '2026-01-31',
      '2026-02-28',
    ]);
  });
});

describe('statements', () => {
  it('balance: assets = liabilities + equity with the profit not yet closed', () => {
    const chart = defaultChart();
    // Capital 1 000 in the bank, a loan of 600 out with 10 provided, 20 interest
    // receivable of which 1.13 VAT, 1.50 expenses paid.
    const balances = new Map([
      ['1002', 1_000_00 - 600_00 - 150],
      ['1303.01', 600_00],
      ['1304', -10_00],
      ['1132', 20_00],
      ['2221.01', -113],
      ['4001', -1_000_00],
      ['6011', -(20_00 - 113)],
      ['6701', 10_00],
      ['6602', 150],
    ]);
    const bs = balanceSheet(chart, { current: balances });
    const line = (key: string) => bs.lines.find((l) => l.key === key)!.amounts.current;
    expect(line('cashAndBank')).toBe(39_850);
    expect(line('loansNet')).toBe(59_000);
    expect(line('loanLossProvision')).toBe(1_000);
    expect(line('taxesPayable')).toBe(113);
    expect(line('retainedEarnings')).toBe(2_000 - 113 - 1_000 - 150);
    expect(bs.assetsFen.current).toBe(bs.liabilitiesFen.current! + bs.equityFen.current!);
    const is = incomeStatement(chart, { current: balances });
    expect(is.revenueFen.current).toBe(1_887);
    expect(is.expensesFen.current).toBe(1_150);
    expect(is.profitFen.current).toBe(737);
  });
});
