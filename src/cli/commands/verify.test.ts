import { main } from '../index';
import type { CliIo } from '../types';
import { demoApp, TEST_PASSPHRASE } from '../../../tests/support/app';
import { createProduct, registerCustomer } from '../../../tests/support/lending';

function capture(env: NodeJS.ProcessEnv) {
  const out: string[] = [];
  const io: CliIo = { out: (s) => void out.push(s), err: (s) => void out.push(s), readStdin: async () => '', env };
  return { io, out };
}

it('verifies the audit and journal chains and names the first changed journal entry', async () => {
  const t = await demoApp('admin', 'officer', 'manager');
  t.travel('2026-03-02T02:00:00Z');
  const productId = await createProduct(t);
  const customerId = await registerCustomer(t);
  const app = await t.call(
    'applications.submit',
    { customerId, productId, amountFen: 5_000_00, periods: 6, purpose: '周转 working capital' },
    'officer',
  );
  const { loan } = await t.call('loans.get', { loanId: app.loanId! }, 'manager');
  await t.call('loans.disburse', { loanId: loan.id, expectedVersion: loan.version, channel: 'bank' }, 'manager');
  t.app.close();
  const env = { LOANDESK_HOME: t.home, LOANDESK_PASSPHRASE: TEST_PASSPHRASE, LOANDESK_NO_KEYCHAIN: '1' };
  try {
    const good = capture(env);
    expect(await main(['verify', '--json'], good.io)).toBe(0);
    const report = JSON.parse(good.out[0]!) as {
      ok: boolean;
      audit: { checked: number };
      journal: { checked: number };
    };
    expect(report.ok).toBe(true);
    expect(report.journal.checked).toBeGreaterThan(0);

    const tampered = await rawDatabase(t.home);
    expect(() => tampered.prepare('DELETE FROM journal_lines').run()).toThrow(/APPEND_ONLY/);
    // Someone with the key and a SQLite shell drops the append-only guard first.
    tampered.exec('DROP TRIGGER journal_lines_no_update');
    tampered
      .prepare(
        'UPDATE journal_lines SET debit_fen = debit_fen + 1 WHERE id = (SELECT min(id) FROM journal_lines WHERE debit_fen > 0)',
      )
      .run();
    tampered
      .prepare(
        'UPDATE journal_lines SET credit_fen = credit_fen + 1 WHERE id = (SELECT min(id) FROM journal_lines WHERE credit_fen > 0)',
      )
      .run();
    tampered.close();
    const bad = capture(env);
    expect(await main(['verify'], bad.io)).toBe(1);
    expect(bad.out.join('\n')).toMatch(/journal: BROKEN at record #1 .*contents changed/);
  } finally {
    t.cleanup();
  }
});

/** Opens the profile's database directly, as someone editing the file would. */
async function rawDatabase(home: string) {
  const { openHeadless } = await import('../../main/headless');
  const opened = await openHeadless(
    { LOANDESK_HOME: home, LOANDESK_PASSPHRASE: TEST_PASSPHRASE, LOANDESK_NO_KEYCHAIN: '1' },
    'write',
  );
  return {
    prepare: opened.db.$client.prepare.bind(opened.db.$client),
    exec: opened.db.$client.exec.bind(opened.db.$client),
    close: opened.close,
  };
}
