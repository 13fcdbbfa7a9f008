// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import { installDomGaps, renderScreen } from '../../testing/render';
import { ContractSheet } from './ContractSheet';

vi.mock('../../api/client', async (original) => (await import('../../testing/api')).mockClient(await original()));

const contract = {
  header: { organisation: '演示小贷有限公司', branchCode: 'HQ', branchName: '总部营业部' },
  loanId: 'l1',
  customer: { number: 'C000001', name: '张伟', kind: 'person' as const, idNumber: '110105198506121234' },
  terms: {
    loanNumber: 'L000001',
    status: 'active',
    productName: '薪易贷',
    principalFen: 12_345_67,
    rateAnnual: '0.18',
    annualizedRate: '0.1962',
    method: 'annuity',
    periods: 6,
    disbursedOn: '2026-01-05',
    maturityDate: '2026-07-05',
    upfrontFeeFen: 0,
    penaltyMultiplier: '1.5',
    dayCount: 'ACT/360',
    officer: '李信贷',
  },
  principalInCapitals: '壹万贰仟叁佰肆拾伍元陆角柒分',
  penaltyRateAnnual: '0.27',
  installments: [{ n: 1, dueDate: '2026-02-05', principalFen: 12_345_67, interestFen: 100_00, paymentFen: 12_445_67 }],
};

beforeAll(() => installDomGaps());
afterEach(() => cleanup());

it.each([
  ['zh-CN', '（人民币壹万贰仟叁佰肆拾伍元陆角柒分）', '27.00%（合同年利率的 1.5 倍，按实际天数/360逐日计收）'],
  [
    'en',
    ' (in words: 人民币壹万贰仟叁佰肆拾伍元陆角柒分)',
    '27.00% a year (1.5 times the contract rate, charged daily, ACT/360)',
  ],
] as const)(
  'in %s: the lender by its legal name, the amount in capitals, the penalty rate as a number',
  (language, capitals, penalty) => {
    localStorage.setItem('loandesk.language', language);
    renderScreen(<ContractSheet contract={contract} />);
    expect(screen.getByTestId('contract-lender').textContent).toBe('演示小贷有限公司');
    expect(screen.getByTestId('contract-amount').textContent).toBe(`¥12,345.67${capitals}`);
    expect(screen.getByTestId('contract-penalty-rate').textContent).toBe(penalty);
    expect(screen.getByTestId('contract-id-number').textContent).toBe('110105198506121234');
    localStorage.setItem('loandesk.language', 'zh-CN');
  },
);
