import '../testing/messages';
import { en, zhCN } from './features';
import { errorText } from './i18n';
import {
  CHANNEL_NAMES,
  CLASSIFICATION_NAMES,
  LOAN_STATUS_NAMES,
  METHOD_NAMES,
  TRANSACTION_KIND_NAMES,
  codeName,
  percentPoints,
} from '../../core/labels';

const catalogues = { zh: zhCN as Record<string, string>, en: en as Record<string, string> };

describe('the words a file uses for a code are the screens’ words', () => {
  it.each([
    ['loans.status', LOAN_STATUS_NAMES],
    ['loans.class', CLASSIFICATION_NAMES],
    ['loans.channel', CHANNEL_NAMES],
    ['loans.txKind', TRANSACTION_KIND_NAMES],
    ['loans.method', METHOD_NAMES],
  ] as const)('%s', (prefix, names) => {
    for (const [code, n] of Object.entries(names)) {
      expect(catalogues.zh[`${prefix}.${code}`]).toBe(n.zh);
      expect(catalogues.en[`${prefix}.${code}`]).toBe(n.en);
    }
  });
});

it('names a code in the language asked, keeps an unknown code and an empty one', () => {
  expect(codeName(LOAN_STATUS_NAMES, 'written_off', 'zh-CN')).toBe('已核销');
  expect(codeName(LOAN_STATUS_NAMES, 'written_off', 'en')).toBe('Written off');
  expect(codeName(LOAN_STATUS_NAMES, 'frozen', 'en')).toBe('frozen');
  expect(codeName(LOAN_STATUS_NAMES, null, 'en')).toBe('');
});

it('writes a rate as exact percent points', () => {
  expect(percentPoints('0.1548')).toBe(15.48);
  expect(percentPoints('0.07')).toBe(7);
  expect(percentPoints('0.123456')).toBe(12.3456);
  expect(percentPoints(0.1)).toBe(10);
});

describe('one term for one thing', () => {
  const zhValues = Object.entries(catalogues.zh);
  it.each([
    ['客户经理', /客户经理/, '信贷员'],
    ['还款中', /还款中/, '在贷'],
    ['PD', /(?<![A-Z])PD(?![A-Z])/, '违约概率'],
    ['ACT/360', /ACT\//, '实际天数/360'],
  ])('Chinese never says %s (it says %s)', (_, pattern) => {
    expect(zhValues.filter(([, v]) => pattern.test(v)).map(([k]) => k)).toEqual([]);
  });
  it('every loan status reads the same wherever it is named', () => {
    for (const lang of ['zh', 'en'] as const)
      for (const status of Object.keys(LOAN_STATUS_NAMES))
        if (`review.loanStatus.${status}` in catalogues[lang])
          expect(catalogues[lang][`review.loanStatus.${status}`]).toBe(catalogues[lang][`loans.status.${status}`]);
  });
});

it('names a loan status in an error by its word, not its code', () => {
  expect(errorText('zh-CN', 'LOAN_NOT_ACTIVE', { status: 'written_off' })).toBe(
    '只有在贷的贷款可以办理（当前状态：已核销）。',
  );
  expect(errorText('en', 'LOAN_NOT_ACTIVE', { status: 'closed' })).toContain('status now: Closed');
});

describe('the catalogues', () => {
  it('define each key in one module only (a later module would silently win over an earlier one)', async () => {
    const modules = {
      base: (await import('./zh-CN')).zhCNBase,
      review: (await import('./review')).reviewZhCN,
      loans: (await import('./loans')).loansZhCN,
      operations: (await import('./operations')).operationsZhCN,
      monitoring: (await import('./monitoring')).monitoringZhCN,
      tickets: (await import('./tickets')).ticketsZhCN,
      servicing: (await import('./servicing')).servicingZhCN,
      sync: (await import('./sync')).syncZhCN,
      documents: (await import('./documents')).documentsZhCN,
      books: (await import('./books')).booksZhCN,
      officer: (await import('./officer')).officerZhCN,
      statements: (await import('./statements')).statementsZhCN,
    } as Record<string, Record<string, string>>;
    const owner = new Map<string, string>();
    const twice: string[] = [];
    for (const [name, messages] of Object.entries(modules))
      for (const key of Object.keys(messages)) {
        const first = owner.get(key);
        if (first) twice.push(`${key} (${first}, ${name})`);
        else owner.set(key, name);
      }
    expect(twice).toEqual([]);
  });
});
