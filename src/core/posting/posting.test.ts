import fc from 'fast-check';
import { DomainError } from '../errors';
import {
  assertBalanced,
  postDisbursement,
  postInterestAccrual,
  postOverdueTransfer,
  postPenaltyAccrual,
  postProvisionChange,
  postRecovery,
  postRepayment,
  postUpfrontFee,
  postWriteOff,
  reverse,
  type JournalLine,
} from './rules';
import { CHART_OF_ACCOUNTS } from './accounts';

const totals = (lines: JournalLine[]) =>
  lines.reduce((t, l) => ({ dr: t.dr + l.debitFen, cr: t.cr + l.creditFen }), { dr: 0, cr: 0 });

describe('chart of accounts', () => {
  it('has the DOMAIN.md codes with zh and en names', () => {
    const codes = CHART_OF_ACCOUNTS.map((a) => a.code);
    for (const c of [
      '1001',
      '1002',
      '1132',
      '1303',
      '1303.01',
      '1303.02',
      '1304',
      '2241',
      '6011',
      '6021',
      '6051',
      '6701',
    ])
      expect(codes).toContain(c);
    expect(CHART_OF_ACCOUNTS.find((a) => a.code === '1132')!.nameZh).toBe('应收利息');
  });
});

describe('posting rules', () => {
  it('disbursement Dr 1303 / Cr 1002; fee Dr 1002 / Cr 6021', () => {
    expect(postDisbursement(500000)).toEqual([
      { accountCode: '1303.01', debitFen: 500000, creditFen: 0, memo: '放款 disbursement' },
      { accountCode: '1002', debitFen: 0, creditFen: 500000, memo: '放款 disbursement' },
    ]);
    expect(postUpfrontFee(10000).map((l) => l.accountCode)).toEqual(['1002', '6021']);
    expect(postInterestAccrual(323).map((l) => l.accountCode)).toEqual(['1132', '6011']);
    expect(postPenaltyAccrual(100).map((l) => l.accountCode)).toEqual(['1132', '6051']);
    expect(postOverdueTransfer(100).map((l) => l.accountCode)).toEqual(['1303.02', '1303.01']);
    expect(postWriteOff(100).map((l) => l.accountCode)).toEqual(['1304', '1303.02']);
    expect(postRecovery(100).map((l) => l.accountCode)).toEqual(['1002', '6701']);
    expect(postProvisionChange(100).map((l) => l.accountCode)).toEqual(['6701', '1304']);
    expect(postProvisionChange(-100).map((l) => l.accountCode)).toEqual(['1304', '6701']);
  });
  it('repayment credits receivable, loans, fees and the overpayment payable', () => {
    const lines = postRepayment(
      {
        amountFen: 10000,
        penaltyFen: 100,
        overdueInterestFen: 200,
        overduePrincipalFen: 3000,
        feesFen: 500,
        currentInterestFen: 300,
        currentPrincipalFen: 4000,
        prepaymentFen: 1000,
        overpaymentFen: 900,
      },
      'cash',
    );
    expect(lines[0]).toMatchObject({ accountCode: '1001', debitFen: 10000 });
    expect(totals(lines)).toEqual({ dr: 10000, cr: 10000 });
    expect(lines.find((l) => l.accountCode === '2241')!.creditFen).toBe(900);
  });
  it('assertBalanced refuses an imbalance', () => {
    expect(() => assertBalanced([{ accountCode: '1002', debitFen: 1, creditFen: 0 }])).toThrow(DomainError);
    expect(() =>
      assertBalanced([
        { accountCode: '9999', debitFen: 1, creditFen: 0 },
        { accountCode: '1002', debitFen: 0, creditFen: 1 },
      ]),
    ).toThrow(/POSTING_INVALID_LINE/);
  });
  it('every posting balances, and reverse undoes it', () => {
    const amount = fc.integer({ min: 0, max: 1e10 });
    fc.assert(
      fc.property(
        fc.record({
          penaltyFen: amount,
          overdueInterestFen: amount,
          overduePrincipalFen: amount,
          feesFen: amount,
          currentInterestFen: amount,
          currentPrincipalFen: amount,
          prepaymentFen: amount,
          overpaymentFen: amount,
        }),
        fc.integer({ min: -1e10, max: 1e10 }),
        (parts, delta) => {
          const amountFen = Object.values(parts).reduce((a, b) => a + b, 0);
          const postings = [
            postRepayment({ ...parts, amountFen }),
            postDisbursement(Math.abs(delta)),
            postProvisionChange(delta),
            postWriteOff(Math.abs(delta)),
          ];
          return postings.every((lines) => {
            const t = totals(lines);
            const r = totals(reverse(lines));
            return t.dr === t.cr && r.dr === t.cr && r.cr === t.dr;
          });
        },
      ),
      { numRuns: 2000 },
    );
  });
});
