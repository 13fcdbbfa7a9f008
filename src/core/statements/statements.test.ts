import { readCsv } from './csv';
import { mapColumns, parseStatement, statementDate } from './parse';
import { lineRanges, loanNumbersIn, matchLine, normalizeAccount, statementTotals, type MatchLookup } from './match';

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as { code: string }).code;
  }
  return 'NO ERROR';
};

describe('readCsv', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, keeping the line each record starts on', () => {
    const rows = readCsv('a,b,c\r\n"1,5","say ""hi""",x\n\n"two\nlines",y,z\n');
    expect(rows).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['1,5', 'say "hi"', 'x'] },
      { line: 4, fields: ['two\nlines', 'y', 'z'] },
    ]);
  });
  it('drops a UTF-8 BOM and refuses an unclosed quote', () => {
    expect(readCsv('\uFEFF交易日期,金额')[0]!.fields).toEqual(['交易日期', '金额']);
    expect(codeOf(() => readCsv('a,b\n"open,2\n'))).toBe('STATEMENT_QUOTE_UNCLOSED');
  });
});

describe('parseStatement', () => {
  it('reads a Chinese bank export with a BOM: dates, amounts in fen, reference, payer and memo', () => {
    const text =
      '\uFEFF交易日期,贷方金额(元),交易流水号,对方户名,对方账号,摘要\r\n' +
      '2026/3/2,"1,250.50",ICBC0001,王小明,6222 0202 0011 2233 446,还款 L000012\r\n' +
      '20260302,300,ICBC0002,李四,,L000013\r\n';
    const { lines } = parseStatement(text);
    expect(lines).toEqual([
      {
        line: 2,
        valueDate: '2026-03-02',
        amountFen: 1_250_50,
        reference: 'ICBC0001',
        payerName: '王小明',
        payerAccount: '6222 0202 0011 2233 446',
        memo: '还款 L000012',
        error: null,
      },
      expect.objectContaining({ line: 3, valueDate: '2026-03-02', amountFen: 300_00, error: null }),
    ]);
  });
  it('reads English headers in any order and case', () => {
    const { lines } = parseStatement(
      'Memo,Amount,Value Date,Reference,Payer Name,Payer Account\nL000001,0.01,2026-03-02,R1,Ann,123\n',
    );
    expect(lines[0]).toMatchObject({
      memo: 'L000001',
      amountFen: 1,
      valueDate: '2026-03-02',
      reference: 'R1',
      payerAccount: '123',
    });
  });
  it('keeps every bad line with its code: date, amount, debit, no reference, a reference repeated', () => {
    const text = [
      '记账日期,收入金额,流水号,附言',
      '2026-02-30,10,R1,',
      '2026-03-02,10.005,R2,',
      '2026-03-02,-5,R3,',
      '2026-03-02,abc,R4,',
      '2026-03-02,10,,',
      '2026-03-02,10,R6,',
      '2026-03-02,11,R6,',
    ].join('\n');
    expect(parseStatement(text).lines.map((l) => [l.line, l.error?.code ?? null])).toEqual([
      [2, 'STATEMENT_DATE_INVALID'],
      [3, 'STATEMENT_AMOUNT_INVALID'],
      [4, 'STATEMENT_NOT_CREDIT'],
      [5, 'STATEMENT_AMOUNT_INVALID'],
      [6, 'STATEMENT_REF_MISSING'],
      [7, null],
      [8, 'STATEMENT_REF_REPEATED'],
    ]);
  });
  it('refuses a file without the required columns or without lines', () => {
    expect(codeOf(() => parseStatement('日期,对方户名\n2026-03-02,王\n'))).toBe('STATEMENT_COLUMNS_MISSING');
    expect(codeOf(() => mapColumns(['交易日期', '金额', '摘要']))).toBe('STATEMENT_COLUMNS_MISSING');
    expect(codeOf(() => parseStatement('交易日期,金额,流水号\n'))).toBe('STATEMENT_EMPTY');
    expect(codeOf(() => parseStatement(''))).toBe('STATEMENT_EMPTY');
  });
  it('reads the dates banks print and nothing else', () => {
    expect(statementDate('2026-03-02 10:15:00')).toBe('2026-03-02');
    expect(statementDate('2026.3.2')).toBe('2026-03-02');
    expect(statementDate('2026年3月2日')).toBe('2026-03-02');
    expect(statementDate('02/03/2026')).toBeNull();
    expect(statementDate('20260230')).toBeNull();
  });
});

describe('matchLine', () => {
  const loans = {
    L000012: { id: 'a', number: 'L000012', status: 'active' },
    L02000007: { id: 'b', number: 'L02000007', status: 'closed' },
  } as Record<string, { id: string; number: string; status: string }>;
  const lookup: MatchLookup = {
    byNumber: (n) => loans[n],
    activeByAccount: (a) =>
      a === '6222020200112233446'
        ? [loans.L000012!]
        : a === '999'
          ? [loans.L000012!, { id: 'c', number: 'L000099', status: 'active' }]
          : [],
  };
  it('takes the loan number in the memo first, then a payee account of exactly one active loan', () => {
    expect(matchLine({ memo: '还款l02000007', payerAccount: '6222020200112233446' }, lookup)).toMatchObject({
      by: 'memo',
      loan: { id: 'b' },
    });
    expect(matchLine({ memo: '三月还款', payerAccount: '6222-0202-0011-2233-446' }, lookup)).toMatchObject({
      by: 'account',
      loan: { id: 'a' },
    });
    expect(matchLine({ memo: 'L000404 unknown', payerAccount: '' }, lookup)).toMatchObject({
      reason: 'STATEMENT_NO_MATCH',
    });
    expect(matchLine({ memo: '', payerAccount: '999' }, lookup)).toMatchObject({
      reason: 'STATEMENT_ACCOUNT_AMBIGUOUS',
      candidates: 2,
    });
  });
  it('finds loan numbers only as whole numbers', () => {
    expect(loanNumbersIn('合同L000012,L000012;XL000013 L0000145678901234')).toEqual(['L000012']);
    expect(normalizeAccount(' 6222 0202-0011 ')).toBe('622202020011');
  });
  it('counts and totals per status, and lists line numbers as ranges', () => {
    const t = statementTotals([
      { line: 2, status: 'matched', amountFen: 100, error: null },
      { line: 3, status: 'matched', amountFen: 250, error: null },
      { line: 4, status: 'invalid', amountFen: null, error: { code: 'X', details: {} } },
    ]);
    expect(t).toEqual({
      lineCount: 3,
      counts: { matched: 2, unmatched: 0, duplicate: 0, invalid: 1 },
      totalsFen: { matched: 350, unmatched: 0, duplicate: 0, invalid: 0 },
    });
    expect(lineRanges([5, 2, 3, 4, 9, 11, 12])).toBe('2-5, 9, 11-12');
  });
});
