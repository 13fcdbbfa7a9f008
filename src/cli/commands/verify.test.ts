import { main } from '../index';
import type { CliIo } from '../types';
import { demoApp, TEST_PASSPHRASE } from '../../../tests/support/app';
import { createProduct, registerCustomer } from '../../../tests/support/lending';

function capture(env: NodeJS.ProcessEnv) {
  const out: string[] = [];
  const io: CliIo = { out: (s) => void out.push(s), err: (s) => void out.push(s), readStdin: async () => '', env };
  return { io, out };
}

it('verifies the audit chain and the journal, and names what was changed behind its back', async () => {
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
    // The event log, the source of the journal, refuses to be edited.
    expect(() => tampered.prepare('DELETE FROM events').run()).toThrow(/APPEND_ONLY/);
    expect(() => tampered.prepare("UPDATE events SET payload_json = '{}'").run()).toThrow(/APPEND_ONLY/);
    // A balanced edit of one entry: both of its lines raised by a yuan.
    const entry = tampered
      .prepare("SELECT entry_id AS id FROM journal_lines WHERE category = 'disbursement' LIMIT 1")
      .get() as {
      id: string;
    };
    tampered
      .prepare('UPDATE journal_lines SET debit_fen = debit_fen + 100 WHERE entry_id = ? AND debit_fen > 0')
      .run(entry.id);
    tampered
      .prepare('UPDATE journal_lines SET credit_fen = credit_fen + 100 WHERE entry_id = ? AND credit_fen > 0')
      .run(entry.id);
    const balanced = capture(env);
    expect(await main(['verify'], balanced.io)).toBe(1);
    expect(balanced.out.join('\n')).toMatch(/journal: BROKEN .*lines differ from what the loan holds/);
    // An unbalanced edit.
    tampered
      .prepare('UPDATE journal_lines SET debit_fen = debit_fen + 1 WHERE entry_id = ? AND debit_fen > 0')
      .run(entry.id);
    tampered.close();
    const bad = capture(env);
    expect(await main(['verify'], bad.io)).toBe(1);
    expect(bad.out.join('\n')).toMatch(/journal: BROKEN .*debits and credits differ/);
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
