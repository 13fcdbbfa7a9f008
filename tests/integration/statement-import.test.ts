/** Bank-statement import through the real API on a real encrypted database: the
 *  preview's statuses, an import recording each line exactly as repayments.record
 *  would (loan figures, allocation, journal, ledger), a second import recording
 *  nothing twice, a refused line losing nothing else, one audit record per chunk,
 *  and the permission. */
import { demoApp, type TestApp } from '../support/app';
import { createProduct, registerCustomer } from '../support/lending';

let t: TestApp;
afterEach(() => t?.cleanup());

const DAY = '2026-03-02';
const ACCOUNT = '6222 0202 0011 2233 446';
const rows = <T>(sql: string, ...args: unknown[]) =>
  t.app
    .db()
    .$client.prepare(sql)
    .all(...args) as T[];
const one = <T>(sql: string, ...args: unknown[]) =>
  t.app
    .db()
    .$client.prepare(sql)
    .get(...args) as T;

async function activeLoan(productId: string, receivingAccount?: string) {
  const customerId = await registerCustomer(t, 'officer', { monthlyIncomeFen: 50_000_00 });
  const app = await t.call(
    'applications.submit',
    { customerId, productId, amountFen: 20_000_00, periods: 12, purpose: '经营周转 working capital' },
    'officer',
  );
  const loanId = app.loanId!;
  const { loan } = await t.call('loans.get', { loanId }, 'manager');
  await t.call(
    'loans.disburse',
    { loanId, expectedVersion: loan.version, channel: 'bank', ...(receivingAccount ? { receivingAccount } : {}) },
    'manager',
  );
  return { loanId, number: loan.number };
}

/** What a repayment changed on a loan, ids left out: its figures, its schedule,
 *  its transactions' allocations and its journal by category kind and account. */
function figuresOf(loanId: string) {
  return {
    loan: one(
      `SELECT status, outstanding_principal_fen, overdue_principal_fen, accrued_interest_fen, penalty_fen,
              overpayment_fen, dpd, classification, provision_fen, posted_through FROM loans WHERE id = ?`,
      loanId,
    ),
    installments: rows(
      'SELECT n, paid_principal_fen, paid_interest_fen, status FROM installments WHERE loan_id = ? ORDER BY n',
      loanId,
    ),
    transactions: rows<{ allocation_json: string }>(
      "SELECT kind, value_date, amount_fen, channel, allocation_json, intent FROM loan_transactions WHERE loan_id = ? AND kind = 'repayment' ORDER BY created_at",
      loanId,
    ).map(({ allocation_json, ...r }) => {
      const { transactionId: _, ...allocation } = JSON.parse(allocation_json) as Record<string, unknown>;
      return { ...r, allocation };
    }),
    journal: rows(
      `SELECT CASE WHEN instr(category, ':') > 0 THEN substr(category, 1, instr(category, ':') - 1) ELSE category END AS cat,
              account_code, sum(debit_fen) AS dr, sum(credit_fen) AS cr
       FROM journal_lines WHERE loan_id = ? GROUP BY cat, account_code ORDER BY cat, account_code`,
      loanId,
    ),
  };
}

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const count = (sql: string, ...args: unknown[]) => one<{ n: number }>(sql, ...args).n;

describe('bank-statement import', () => {
  it('previews, imports as repayments.record would, and records nothing twice on a second import', async () => {
    t = await demoApp('admin', 'officer', 'manager', 'auditor');
    t.travel(`${DAY}T02:00:00Z`);
    const productId = await createProduct(t, 'admin', { autoApproveLimitFen: 50_000_00 });
    const byMemo = await activeLoan(productId);
    const byAccount = await activeLoan(productId, ACCOUNT);
    const chosen = await activeLoan(productId);
    // Twins of the three, repaid by hand the same way.
    const twins = [await activeLoan(productId), await activeLoan(productId), await activeLoan(productId)];
    const text = [
      '\uFEFF交易日期,贷方金额,交易流水号,对方户名,对方账号,摘要',
      `${DAY},500.00,ICBC-0001,王小明,,还款 ${byMemo.number}`,
      `2026/03/02,"1,234.56",ICBC-0002,李四,${ACCOUNT},三月还款`,
      `${DAY},800,ICBC-0003,张三,6217000010000000001,无编号`,
      `2026-02-30,10,ICBC-0004,赵六,,${byMemo.number}`,
      `${DAY},25000,ICBC-0005,王小明,,${byMemo.number} 结清`,
      `2026-03-09,10,ICBC-0006,王小明,,${byMemo.number}`,
      `${DAY},10,ICBC-0001,王小明,,${byMemo.number}`,
    ].join('\r\n');

    const preview = await t.call('statements.preview', { fileName: 'icbc.csv', contentBase64: b64(text) }, 'officer');
    expect(preview.lines.map((l) => [l.line, l.status, l.loanNumber, l.matchedBy, l.error?.code ?? null])).toEqual([
      [2, 'matched', byMemo.number, 'memo', null],
      [3, 'matched', byAccount.number, 'account', null],
      [4, 'unmatched', null, null, 'STATEMENT_NO_MATCH'],
      [5, 'invalid', null, null, 'STATEMENT_DATE_INVALID'],
      [6, 'invalid', byMemo.number, 'memo', 'REPAYMENT_OVER_PAYOFF'],
      [7, 'invalid', byMemo.number, 'memo', 'VALUE_DATE_IN_FUTURE'],
      [8, 'duplicate', null, null, 'STATEMENT_REF_REPEATED'],
    ]);
    expect(preview.lines[4]!.overpayable).toBe(true);
    expect(preview.lines[1]!.payerAccount).not.toContain('0011');
    expect(preview.counts).toEqual({ matched: 2, unmatched: 1, duplicate: 1, invalid: 3 });
    expect(preview.totalsFen.matched).toBe(500_00 + 1_234_56);
    // The officer's loan for the unmatched line is checked before importing.
    const picked = await t.call(
      'statements.preview',
      {
        contentBase64: b64(text),
        chosen: [
          { line: 4, loanNumber: chosen.number.toLowerCase() },
          { line: 5, loanNumber: 'L999999' },
        ],
      },
      'officer',
    );
    expect(picked.lines[2]).toMatchObject({
      status: 'matched',
      matchedBy: 'officer',
      loanNumber: chosen.number,
      loanId: chosen.loanId,
    });
    // A line that cannot be read stays refused whatever loan is named for it.
    expect(picked.lines[3]!.error?.code).toBe('STATEMENT_DATE_INVALID');
    expect(
      count("SELECT count(*) AS n FROM loan_transactions WHERE kind = 'repayment' AND transfer_ref IS NOT NULL"),
    ).toBe(0);

    const auditBefore = count('SELECT count(*) AS n FROM audit_log');
    const result = await t.call(
      'statements.import',
      {
        fileName: 'icbc.csv',
        contentBase64: b64(text),
        lines: [
          { line: 2 },
          { line: 3 },
          { line: 4, loanId: chosen.loanId },
          { line: 5 },
          { line: 6 },
          { line: 7 },
          { line: 8 },
        ],
        chunkLines: 3,
      },
      'officer',
    );
    expect(result).toMatchObject({ status: 'done', total: 7, imported: 3, importedFen: 500_00 + 1_234_56 + 800_00 });
    expect(result.duplicates).toEqual([8]);
    expect(result.refused.map((r) => [r.line, r.code])).toEqual([
      [5, 'STATEMENT_DATE_INVALID'],
      [6, 'REPAYMENT_OVER_PAYOFF'],
      [7, 'VALUE_DATE_IN_FUTURE'],
    ]);
    // One audit record per chunk of three lines, and one for the whole import.
    const audits = rows<{ action: string; summary_json: string }>(
      "SELECT action, summary_json FROM audit_log WHERE action = 'statements.import' ORDER BY seq",
    );
    expect(count('SELECT count(*) AS n FROM audit_log') - auditBefore).toBe(4);
    expect(audits.map((a) => (JSON.parse(a.summary_json) as { lines?: string }).lines ?? null)).toEqual([
      '2-4',
      '5-7',
      '8',
      null,
    ]);
    expect(JSON.parse(audits[1]!.summary_json)).toMatchObject({
      fileName: 'icbc.csv',
      imported: 0,
      refused: ['5:STATEMENT_DATE_INVALID', '6:REPAYMENT_OVER_PAYOFF', '7:VALUE_DATE_IN_FUTURE'],
    });

    // The same repayments keyed by hand on the twins.
    for (const [twin, amountFen] of [
      [twins[0]!, 500_00],
      [twins[1]!, 1_234_56],
      [twins[2]!, 800_00],
    ] as const)
      await t.call('repayments.record', { loanId: twin.loanId, amountFen, valueDate: DAY, channel: 'bank' }, 'officer');
    expect(figuresOf(byMemo.loanId)).toEqual(figuresOf(twins[0]!.loanId));
    expect(figuresOf(byAccount.loanId)).toEqual(figuresOf(twins[1]!.loanId));
    expect(figuresOf(chosen.loanId)).toEqual(figuresOf(twins[2]!.loanId));
    expect(figuresOf(byMemo.loanId).transactions).toHaveLength(1);
    // Each carries its bank reference, its receipt and its events.
    expect(
      rows<{ ref: string; loan: string }>(
        "SELECT t.transfer_ref AS ref, l.number AS loan FROM loan_transactions t JOIN loans l ON l.id = t.loan_id WHERE t.transfer_ref LIKE 'ICBC-%' ORDER BY ref",
      ),
    ).toEqual([
      { ref: 'ICBC-0001', loan: byMemo.number },
      { ref: 'ICBC-0002', loan: byAccount.number },
      { ref: 'ICBC-0003', loan: chosen.number },
    ]);
    expect(
      count(
        "SELECT count(*) AS n FROM receipts r JOIN loan_transactions t ON t.id = r.transaction_id WHERE t.transfer_ref LIKE 'ICBC-%'",
      ),
    ).toBe(3);
    expect(
      count(
        "SELECT count(*) AS n FROM events WHERE type = 'RepaymentRecorded' AND json_extract(payload_json, '$.transferRef') LIKE 'ICBC-%'",
      ),
    ).toBe(3);
    const ledger = await t.call(
      'ledger.transactions',
      { kinds: ['repayment'], range: { from: DAY, to: DAY }, limit: 500, offset: 0 } as never,
      'manager',
    );
    const refs = (ledger as { rows: Array<{ transferRef: string | null }> }).rows.map((r) => r.transferRef);
    expect(refs.filter((r) => r?.startsWith('ICBC-')).sort()).toEqual(['ICBC-0001', 'ICBC-0002', 'ICBC-0003']);

    // A second import of the whole statement: every line already recorded is a duplicate.
    const snapshot = [figuresOf(byMemo.loanId), figuresOf(byAccount.loanId), figuresOf(chosen.loanId)];
    const events = count('SELECT count(*) AS n FROM events');
    const again = await t.call(
      'statements.import',
      {
        contentBase64: b64(text),
        lines: [2, 3, 4, 8].map((line) => ({ line, ...(line === 4 ? { loanId: chosen.loanId } : {}) })),
      },
      'officer',
    );
    expect(again).toMatchObject({ imported: 0, duplicates: [2, 3, 4, 8], refused: [] });
    expect(count('SELECT count(*) AS n FROM events')).toBe(events);
    expect([figuresOf(byMemo.loanId), figuresOf(byAccount.loanId), figuresOf(chosen.loanId)]).toEqual(snapshot);
    const previewAgain = await t.call('statements.preview', { contentBase64: b64(text) }, 'officer');
    expect(previewAgain.counts.duplicate).toBe(4);
    expect(previewAgain.lines[0]!.error?.code).toBe('STATEMENT_REF_IMPORTED');

    // The overpayment accepted by the officer goes through on its own line.
    const accepted = await t.call(
      'statements.import',
      { contentBase64: b64(text), lines: [{ line: 6, acceptOverpayment: true }] },
      'officer',
    );
    expect(accepted).toMatchObject({ imported: 1, refused: [] });
    expect(one<{ status: string }>('SELECT status FROM loans WHERE id = ?', byMemo.loanId).status).toBe('closed');
  });

  it('stops between chunks when cancelled, and a second run imports only what is missing', async () => {
    t = await demoApp('admin', 'officer', 'manager');
    t.travel(`${DAY}T02:00:00Z`);
    const productId = await createProduct(t, 'admin', { autoApproveLimitFen: 50_000_00 });
    const loan = await activeLoan(productId);
    const text = [
      '流水号,交易日期,金额,摘要',
      ...Array.from({ length: 6 }, (_, i) => `R-${i + 1},${DAY},10.0${i},${loan.number}`),
    ].join('\n');
    const lines = Array.from({ length: 6 }, (_, i) => ({ line: i + 2 }));
    const running = t.dispatch('statements.import', { contentBase64: b64(text), lines, chunkLines: 2 }, 'officer');
    // The first chunk is written before the import yields; the cancel lands before the second.
    expect(await t.call('statements.cancel', {}, 'officer')).toEqual({ cancelling: true });
    const first = await running;
    expect(first.ok && first.value).toMatchObject({ status: 'cancelled', total: 6, imported: 2 });
    const refs = () =>
      rows<{ r: string }>(
        "SELECT transfer_ref AS r FROM loan_transactions WHERE transfer_ref LIKE 'R-%' ORDER BY r",
      ).map((x) => x.r);
    expect(refs()).toEqual(['R-1', 'R-2']);
    const second = await t.call('statements.import', { contentBase64: b64(text), lines, chunkLines: 2 }, 'officer');
    expect(second).toMatchObject({ status: 'done', imported: 4, duplicates: [2, 3], refused: [] });
    expect(refs()).toEqual(['R-1', 'R-2', 'R-3', 'R-4', 'R-5', 'R-6']);
    expect(await t.call('statements.cancel', {}, 'officer')).toEqual({ cancelling: false });
  });

  it('is refused to a role without repayments.record, and refuses a statement without its columns', async () => {
    t = await demoApp('officer', 'auditor');
    const text = '交易日期,金额,流水号\n2026-03-02,1,R1\n';
    for (const method of ['statements.preview', 'statements.import'] as const)
      expect(await t.fail(method, { contentBase64: b64(text), lines: [{ line: 2 }] }, 'auditor')).toMatchObject({
        code: 'PERMISSION_DENIED',
        details: { permission: 'repayments.record' },
      });
    expect(
      (await t.fail('statements.preview', { contentBase64: b64('日期,户名\n2026-03-02,王\n') }, 'officer')).code,
    ).toBe('STATEMENT_COLUMNS_MISSING');
    // A GBK export is refused as such, not read as garbage.
    const gbk = Buffer.from([0xbd, 0xbb, 0xd2, 0xd7, 0xc8, 0xd5, 0xc6, 0xda, 0x2c, 0x0a]).toString('base64');
    expect((await t.fail('statements.preview', { contentBase64: gbk }, 'officer')).code).toBe('STATEMENT_NOT_UTF8');
    expect((await t.fail('statements.preview', { contentBase64: 'not base64!' }, 'officer')).code).toBe(
      'INPUT_INVALID',
    );
    expect((await t.fail('statements.import', { contentBase64: b64(text), lines: [] }, 'officer')).code).toBe(
      'INPUT_INVALID',
    );
  });
});
