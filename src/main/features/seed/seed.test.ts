import { demoApp, type TestApp } from '../../../../tests/support/app';
import { seedDemo, demoSeedInProgress } from './demoSeed';
import { trialBalance } from '../ledger/queries';
import { verifyJournal } from '../ledger/journal';
import { verifyRebuild } from '../../events/rebuild';
import { addDays } from '../../../core/dates';
import { buildPlan } from './plan';
import { rngFor } from './random';
import { seedPerson } from './people';
import { validateResidentId, validateMobile, validateBankCard } from '../../../core/validation/identity';

const TODAY = '2026-03-02';
let t: TestApp | undefined;
afterEach(() => {
  t?.cleanup();
  t = undefined;
});

function rows<T>(app: TestApp, sql: string): T[] {
  return app.app.db().$client.prepare(sql).all() as T[];
}

/** What a seed produced, independent of the random record ids. */
function fingerprint(app: TestApp) {
  return {
    customers: rows(app, 'SELECT number, name, resident_id, phone, monthly_income_fen FROM customers ORDER BY number'),
    applications: rows(
      app,
      'SELECT a.number, c.number AS customer, a.amount_fen, a.periods, a.rate_annual, a.status FROM applications a JOIN customers c ON c.id = a.customer_id ORDER BY a.number',
    ),
    loans: rows(
      app,
      'SELECT number, principal_fen, status, disbursed_on, outstanding_principal_fen, dpd, bucket, classification FROM loans ORDER BY number',
    ),
    repayments: rows(
      app,
      "SELECT l.number, t.value_date, t.amount_fen FROM loan_transactions t JOIN loans l ON l.id = t.loan_id WHERE t.kind = 'repayment' ORDER BY l.number, t.value_date, t.amount_fen",
    ),
  };
}

describe('demo seed', () => {
  it('creates a year of history whose books balance and reconcile, with every bucket and class', async () => {
    t = await demoApp();
    const db = t.app.db();
    const phases = new Set<string>();
    const result = await seedDemo(db, {
      today: TODAY,
      deviceId: 'test-device',
      persons: 80,
      seed: 7,
      onProgress: (p) => phases.add(p.phase),
    });
    expect(result).toMatchObject({ status: 'done', products: 5, customers: 84 });
    expect([...phases]).toEqual(['products', 'customers', 'loans', 'done']);
    expect(result.loans).toBeGreaterThan(70);
    expect(result.repayments).toBeGreaterThan(result.loans);

    const tb = trialBalance(db, TODAY);
    expect(tb.totals.debitFen).toBe(tb.totals.creditFen);
    expect(tb.totals.debitFen).toBeGreaterThan(0);
    const r = tb.reconciliation;
    expect(r.loanLedgerPrincipalFen).toBe(r.controlAccount1303Fen);
    expect(r.loanLedgerReceivableFen).toBe(r.controlAccount1132Fen);
    expect(r.loanLedgerProvisionFen).toBe(r.controlAccount1304Fen);
    expect(r.loanLedgerOverpaymentFen).toBe(r.controlAccount2241Fen);
    expect(verifyJournal(db).ok).toBe(true);
    // The journal carries its history: entries are dated by the days they record,
    // and the day before the opening day is closed.
    expect(
      rows<{ n: number }>(t, 'SELECT count(DISTINCT substr(posting_date, 1, 7)) AS n FROM journal_entries')[0]!.n,
    ).toBeGreaterThan(10);
    expect(
      rows<{ n: number }>(t, `SELECT count(*) AS n FROM journal_entries WHERE posting_date > '${TODAY}'`)[0]!.n,
    ).toBe(0);
    expect(rows<{ d: string }>(t, 'SELECT max(business_date) AS d FROM days_closed')[0]!.d).toBe(addDays(TODAY, -1));
    // Every table follows from the event log.
    expect(verifyRebuild(db).equal).toBe(true);

    const active = rows<{ bucket: string; classification: string }>(
      t,
      "SELECT DISTINCT bucket, classification FROM loans WHERE status = 'active'",
    );
    expect(new Set(active.map((a) => a.bucket))).toEqual(new Set(['M0', 'M1', 'M2', 'M3', 'M4+']));
    expect(new Set(active.map((a) => a.classification))).toEqual(
      new Set(['normal', 'specialMention', 'substandard', 'doubtful', 'loss']),
    );
    const statuses = Object.fromEntries(
      rows<{ status: string; n: number }>(t, 'SELECT status, count(*) AS n FROM loans GROUP BY status').map((s) => [
        s.status,
        s.n,
      ]),
    );
    expect(statuses.written_off).toBe(2);
    expect(statuses.closed).toBeGreaterThan(0);
    const apps = Object.fromEntries(
      rows<{ status: string; n: number }>(t, 'SELECT status, count(*) AS n FROM applications GROUP BY status').map(
        (s) => [s.status, s.n],
      ),
    );
    expect(apps.declined).toBeGreaterThan(0);
    expect(apps.review).toBeGreaterThan(0);
    expect(rows<{ n: number }>(t, "SELECT count(*) AS n FROM loan_transactions WHERE kind = 'recovery'")[0]!.n).toBe(1);
    const methods = rows<{ config_json: string }>(t, 'SELECT config_json FROM products').map(
      (p) => (JSON.parse(p.config_json) as { method: string }).method,
    );
    expect(new Set(methods)).toEqual(new Set(['annuity', 'equalPrincipal', 'flat', 'interestOnly', 'bullet']));
    // Events carry the history: every disbursed loan has its LoanDisbursed event on its date.
    expect(rows<{ n: number }>(t, "SELECT count(*) AS n FROM events WHERE type = 'LoanDisbursed'")[0]!.n).toBe(
      result.loans,
    );
    expect(
      rows<{ n: number }>(
        t,
        "SELECT count(*) AS n FROM loan_transactions WHERE kind = 'repayment' AND allocation_json IS NULL",
      )[0]!.n,
    ).toBe(0);
    expect(demoSeedInProgress(db)).toBe(false);
    // Seeding again is a no-op.
    const again = await seedDemo(db, { today: TODAY, deviceId: 'test-device' });
    expect(again).toMatchObject({ customers: 84, loans: result.loans, applications: result.applications });
  }, 120_000);

  it('resumes after a cancel and ends exactly where an uninterrupted run ends', async () => {
    t = await demoApp();
    let batches = 0;
    const stopped = await seedDemo(t.app.db(), {
      today: TODAY,
      deviceId: 'd',
      persons: 30,
      seed: 11,
      batchItems: 10,
      shouldStop: () => ++batches > 6,
    });
    expect(stopped.status).toBe('cancelled');
    expect(demoSeedInProgress(t.app.db())).toBe(true);
    const resumed = await seedDemo(t.app.db(), { today: TODAY, deviceId: 'd', batchItems: 10 });
    expect(resumed.status).toBe('done');
    const interrupted = fingerprint(t);
    t.cleanup();

    t = await demoApp();
    await seedDemo(t.app.db(), { today: TODAY, deviceId: 'd', persons: 30, seed: 11 });
    expect(fingerprint(t)).toEqual(interrupted);
  }, 120_000);

  it('refuses to resume with other parameters', async () => {
    t = await demoApp();
    await seedDemo(t.app.db(), {
      today: TODAY,
      deviceId: 'd',
      persons: 20,
      seed: 1,
      shouldStop: (() => {
        let n = 0;
        return () => ++n > 1;
      })(),
    });
    await expect(seedDemo(t.app.db(), { today: TODAY, deviceId: 'd', persons: 25 })).rejects.toMatchObject({
      code: 'SEED_PARAMETERS_DIFFER',
    });
  });
});

describe('demo people and plan', () => {
  it('draws valid, unique identifiers', () => {
    const ids = new Set<string>();
    const phones = new Set<string>();
    for (let i = 0; i < 4000; i++) {
      const p = seedPerson(rngFor(3, 'person', i), i, TODAY);
      expect(validateResidentId(p.residentId).valid).toBe(true);
      expect(validateMobile(p.phone).valid).toBe(true);
      expect(validateBankCard(p.bankCard).valid).toBe(true);
      ids.add(p.residentId);
      phones.add(p.phone);
    }
    expect(ids.size).toBe(4000);
    expect(phones.size).toBe(4000);
  });

  it('is the same plan for the same seed and another for another seed', () => {
    const products = [{ code: 'P', forKind: 'both' as const, weight: 1, periods: [12], rates: ['0.12'] }];
    expect(buildPlan(5, 100, TODAY, products)).toEqual(buildPlan(5, 100, TODAY, products));
    expect(buildPlan(5, 100, TODAY, products)).not.toEqual(buildPlan(6, 100, TODAY, products));
    expect(rngFor(1, 'x', 1).next()).toBe(rngFor(1, 'x', 1).next());
  });
});
