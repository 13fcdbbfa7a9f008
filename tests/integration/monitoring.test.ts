/** The dashboards' figures on a small portfolio computed by hand, through the
 *  real API: three loans (two bullet loans of 100,000 and 50,000 yuan, one
 *  3-month annuity of 10,000 that is never paid), a repayment and its reversal,
 *  and 65 ends of day, after which the annuity is 34 days past due. Every
 *  figure is checked against the hand computation and the ledgers. */
import { demoApp, TEST_PASSPHRASE, type TestApp } from '../support/app';
import { createProduct, registerCustomer } from '../support/lending';
import { main } from '../../src/cli/index';
import type { CliIo } from '../../src/cli/types';

let t: TestApp;
afterAll(() => t?.cleanup());

const setDate = (date: string) => t.travel(`${date}T02:00:00Z`);

async function closeDaysThrough(last: string): Promise<void> {
  for (let guard = 0; guard < 400; guard++) {
    const { nextDate } = await t.call('eod.status', {}, 'manager');
    if (nextDate > last) return;
    setDate(nextDate);
    expect((await t.call('eod.run', { date: nextDate }, 'manager')).status).toBe('done');
  }
  throw new Error('too many days');
}

async function loan(productId: string, customerId: string, officer: string, amountFen: number, periods: number) {
  const app = await t.call(
    'applications.submit',
    { customerId, productId, amountFen, periods, rateAnnual: '0.12', purpose: '经营周转 working capital' },
    officer,
  );
  expect(app.status).toBe('review');
  const { loanId } = await t.call('applications.approve', { applicationId: app.id, expectedVersion: 1 }, 'manager');
  return loanId;
}

async function disburse(loanId: string, officer: string, channel: 'bank' | 'cash') {
  const { loan } = await t.call('loans.get', { loanId }, officer);
  await t.call('loans.disburse', { loanId, expectedVersion: loan.version, channel }, officer);
}

const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await demoApp('admin', 'manager', 'officer', 'officer2', 'auditor');
  setDate('2026-03-02');
  ids.bullet = await createProduct(t, 'admin', { method: 'bullet', maxPeriods: 6, autoApproveLimitFen: 0 }, 'BUL6');
  ids.annuity = await createProduct(t, 'admin', { autoApproveLimitFen: 0 }, 'ANN3');
  const rich = { monthlyIncomeFen: 500_000_00 };
  const [ca, cb, cc] = [
    await registerCustomer(t, 'officer', rich),
    await registerCustomer(t, 'officer', rich),
    await registerCustomer(t, 'officer2', rich),
  ];
  ids.a = await loan(ids.bullet, ca!, 'officer', 100_000_00, 6);
  ids.b = await loan(ids.bullet, cb!, 'officer', 50_000_00, 6);
  ids.c = await loan(ids.annuity, cc!, 'officer2', 10_000_00, 3);
  await disburse(ids.a, 'officer', 'bank');
  await disburse(ids.b, 'officer', 'cash');
  await disburse(ids.c, 'officer2', 'bank');
  // Paid on the disbursement day, the 17,000 all goes to principal: interest runs by
  // actual days, and none has run yet (docs/calculations.md, payoff and prepayment).
  const r = await t.call(
    'repayments.record',
    { loanId: ids.b, amountFen: 17_000_00, valueDate: '2026-03-02', channel: 'cash' },
    'officer',
  );
  ids.repayment = r.transactionId;
  expect(r.allocation).toMatchObject({ currentInterestFen: 0, currentPrincipalFen: 17_000_00 });
  const me = await t.call('app.status', {}, 'officer2');
  ids.officer2 = me.session!.userId;
});

const day = (from: string, to: string) => ({ from, to, granularity: 'day' as const });

describe('on the open business day', () => {
  it('shows the live book: 100,000 + 33,000 + 10,000 yuan, equal to control account 1303', async () => {
    const p = await t.call('monitoring.portfolio', day('2026-03-01', '2026-03-02'), 'manager');
    const last = p.stock.at(-1)!;
    expect(last).toMatchObject({
      asOf: '2026-03-02',
      source: 'live',
      inBooks: true,
      loans: 3,
      outstandingPrincipalFen: 143_000_00,
      control1303Fen: 143_000_00,
      par30Fen: 0,
    });
    expect(p.asOf.businessDate).toBe('2026-03-02');
    const flows = p.flows.find((f) => f.period === '2026-03-02')!;
    expect(flows).toMatchObject({
      disbursedCount: 3,
      disbursedFen: 160_000_00,
      repaymentCount: 1,
      collectedFen: 17_000_00,
      cashCollectedFen: 17_000_00,
    });
    // Principal-weighted annualized rate of the three loans disbursed.
    const rates = await Promise.all(
      [ids.a, ids.b, ids.c].map(async (id) => (await t.call('loans.get', { loanId: id! }, 'manager')).loan),
    );
    const weighted = rates.reduce((s, l) => s + l.principalFen * Number(l.annualizedRate), 0) / 160_000_00;
    expect(flows.disbursedRate).toBe(weighted.toFixed(6));
    expect(p.mix.byProduct.map((m) => [m.key, m.outstandingPrincipalFen])).toEqual([
      [ids.bullet, 133_000_00],
      [ids.annuity, 10_000_00],
    ]);
    expect(p.mix.byMethod.map((m) => m.key).sort()).toEqual(['annuity', 'bullet']);
  });

  it('filters by product and officer', async () => {
    const byProduct = await t.call(
      'monitoring.portfolio',
      { ...day('2026-03-02', '2026-03-02'), productId: ids.annuity },
      'manager',
    );
    expect(byProduct.stock[0]).toMatchObject({ outstandingPrincipalFen: 10_000_00, control1303Fen: null });
    expect(byProduct.flows[0]).toMatchObject({ disbursedCount: 1, disbursedFen: 10_000_00, collectedFen: 0 });
    const mine = await t.call('monitoring.officer', day('2026-03-02', '2026-03-02'), 'officer2');
    expect(mine.stock[0]!.outstandingPrincipalFen).toBe(10_000_00);
    expect(mine.flows[0]!.disbursedFen).toBe(10_000_00);
  });

  it('gives each role only its own panels', async () => {
    const f = day('2026-03-02', '2026-03-02');
    expect((await t.fail('monitoring.portfolio', f, 'officer')).code).toBe('PERMISSION_DENIED');
    expect((await t.fail('monitoring.officer', { ...f, officerId: ids.officer2 }, 'officer')).code).toBe(
      'PERMISSION_DENIED',
    );
    expect((await t.fail('monitoring.system', {}, 'manager')).code).toBe('PERMISSION_DENIED');
    expect((await t.fail('monitoring.exceptions', f, 'officer')).code).toBe('PERMISSION_DENIED');
    expect((await t.fail('backup.status', {}, 'manager')).code).toBe('PERMISSION_DENIED');
    await t.call('monitoring.exceptions', f, 'auditor');
    await t.call('monitoring.system', {}, 'admin');
  });
});

describe('after ends of day', () => {
  beforeAll(async () => {
    await closeDaysThrough('2026-03-02');
    setDate('2026-03-03');
    await t.call('repayments.reverse', { transactionId: ids.repayment!, reason: '录错金额 wrong amount' }, 'manager');
  });

  it('keeps the closed day as its end-of-day snapshot, and books the reversal on the next day', async () => {
    const p = await t.call('monitoring.portfolio', day('2026-03-02', '2026-03-03'), 'manager');
    expect(p.stock.map((s) => [s.asOf, s.source, s.outstandingPrincipalFen, s.control1303Fen])).toEqual([
      ['2026-03-02', 'eod', 143_000_00, 143_000_00],
      ['2026-03-03', 'live', 160_000_00, 160_000_00],
    ]);
    expect(p.flows.map((f) => f.collectedFen)).toEqual([17_000_00, -17_000_00]);
    const ledger = await t.call(
      'ledger.transactions',
      { kinds: ['repayment', 'reversal'], range: { from: '2026-03-03', to: '2026-03-03' } },
      'manager',
    );
    expect(ledger.totals.amountFen).toBe(-17_000_00);
  });

  it('shows the never-paid annuity at 34 days past due after 65 days: PAR30 6.25%, special mention, 1,800 yuan provision', async () => {
    await closeDaysThrough('2026-05-06');
    const risk = await t.call('monitoring.risk', day('2026-05-06', '2026-05-06'), 'manager');
    const point = risk.stock[0]!;
    expect(point).toMatchObject({
      asOf: '2026-05-06',
      source: 'eod',
      outstandingPrincipalFen: 160_000_00,
      par30Fen: 10_000_00,
      par30: '0.062500',
      par90Fen: 0,
      // General 1% on every performing loan, plus 2% specific on the special-mention one.
      provisionFen: 1_000_00 + 500_00 + 100_00 + 200_00,
      control1303Fen: 160_000_00,
      control1304Fen: 1_800_00,
    });
    expect(point.byClassification).toEqual({
      normal: 150_000_00,
      specialMention: 10_000_00,
      substandard: 0,
      doubtful: 0,
      loss: 0,
    });
    expect(point.byBucket).toEqual({ M0: 150_000_00, M1: 0, M2: 10_000_00, M3: 0, 'M4+': 0 });
  });

  it('measures roll rates between month ends: in March 10,000 of 160,000 current rolled to M1', async () => {
    const risk = await t.call(
      'monitoring.risk',
      { from: '2026-03-01', to: '2026-05-06', granularity: 'month' },
      'manager',
    );
    const march = risk.rollRates.filter((r) => r.month === '2026-03');
    expect(march.find((r) => r.from === 'M0')).toMatchObject({
      to: 'M1',
      baseFen: 160_000_00,
      rolledFen: 10_000_00,
      rate: '0.062500',
    });
    // May has not ended: no roll is measured from April's end into a running month.
    expect([...new Set(risk.rollRates.map((r) => r.month))]).toEqual(['2026-03']);
    expect(risk.vintages).toHaveLength(1);
    expect(risk.vintages[0]).toMatchObject({ vintage: '2026-03', loans: 3, disbursedFen: 160_000_00 });
    expect(risk.vintages[0]!.points.every((p) => p.defaultedFen === 0)).toBe(true);
  });

  it('sets what fell due against what came in, and forecasts the schedules', async () => {
    const { installments } = await t.call('loans.get', { loanId: ids.c! }, 'manager');
    const ops = await t.call(
      'monitoring.operations',
      { from: '2026-03-01', to: '2026-05-06', granularity: 'month' },
      'manager',
    );
    expect(ops.collections.map((c) => [c.period, c.dueFen, c.collectedFen])).toEqual([
      ['2026-03', 0, 0],
      ['2026-04', installments[0]!.paymentFen, 0],
      ['2026-05', installments[1]!.paymentFen, 0],
    ]);
    expect(ops.forecast.overdueInstallments).toBe(2);
    expect(ops.forecast.overdueFen).toBe(installments[0]!.paymentFen + installments[1]!.paymentFen);
    // The last installment of the annuity (2026-06-02) falls in the fourth week from 2026-05-07.
    expect(ops.forecast.weeks[3]).toMatchObject({ installments: 1, expectedFen: installments[2]!.paymentFen });
    expect(ops.funnel).toMatchObject({ submitted: 3, reviewed: 3, approved: 3, disbursed: 3, autoApproved: 0 });
    expect(ops.decisionTimes.manual.decided).toBe(3);
  });

  it('answers the portfolio report in the CLI with yuan and percent strings', async () => {
    const out: string[] = [];
    const io: CliIo = {
      out: (s) => out.push(s),
      err: () => undefined,
      readStdin: async () => '',
      env: { LOANDESK_HOME: t.home, LOANDESK_PASSPHRASE: TEST_PASSPHRASE, LOANDESK_NO_KEYCHAIN: '1' },
    };
    expect(await main(['report', 'portfolio', '--date', '2026-05-06', '--json'], io)).toBe(0);
    expect(JSON.parse(out.join(''))).toEqual({
      asOf: '2026-05-06',
      outstandingPrincipal: '160000.00',
      par30: '6.250000',
      par90: '0.000000',
      byClassification: {
        normal: '150000.00',
        specialMention: '10000.00',
        substandard: '0.00',
        doubtful: '0.00',
        loss: '0.00',
      },
      byBucket: { M0: '150000.00', M1: '0.00', M2: '10000.00', M3: '0.00', 'M4+': '0.00' },
    });
  });

  it('lists the officer’s loans to call, and the health of the system', async () => {
    const mine = await t.call('monitoring.officer', day('2026-05-01', '2026-05-06'), 'officer2');
    expect(mine.overdue.map((o) => [o.loanId, o.dpd, o.bucket])).toEqual([[ids.c, 34, 'M2']]);
    const other = await t.call('monitoring.officer', day('2026-05-01', '2026-05-06'), 'officer');
    expect(other.overdue).toEqual([]);
    const health = await t.call('monitoring.system', {}, 'admin');
    expect(health.checks.find((c) => c.code === 'HEALTH_RECONCILIATION_OK')).toBeDefined();
    expect(health.checks[0]!.code).toBe('HEALTH_BACKUP_OFF');
    expect(health.eodRuns.at(-1)).toMatchObject({ date: '2026-05-06', status: 'done' });
    expect(health.database.bytes).toBeGreaterThan(0);
  });
});

describe('the compliance reports', () => {
  it('lists every active loan against its cap, and what a product change would breach before it is saved', async () => {
    const report = await t.call('reports.rateCap', {}, 'auditor');
    expect(report.loans.map((l) => l.loanId).sort()).toEqual([ids.a, ids.b, ids.c].sort());
    expect(report.totals).toMatchObject({ active: 3, over: 0, overRedLine: 0 });

    const product = (await t.call('products.list', {}, 'admin')).find((p) => p.id === ids.annuity)!;
    const lowered = await t.call(
      'reports.productCapCheck',
      { productId: product.id, config: { ...product.config, rateCapAnnual: '0.10' } },
      'admin',
    );
    // The 12% annuity now stands above a 10% cap; so would new loans at the 24% maximum.
    expect(lowered.loans.map((l) => l.loanId)).toEqual([ids.c]);
    expect(lowered).toMatchObject({ newLoansOverCap: true, breaches: true, capOverRedLine: false });
    const fine = await t.call(
      'reports.productCapCheck',
      { productId: product.id, config: { ...product.config, maxRateAnnual: '0.20', rateCapAnnual: '0.24' } },
      'admin',
    );
    expect(fine).toMatchObject({ loans: [], newLoansOverCap: false, breaches: false });
    const redLine = await t.call(
      'reports.productCapCheck',
      { config: { ...product.config, rateCapAnnual: '0.40' } },
      'admin',
    );
    expect(redLine).toMatchObject({ capOverRedLine: true, breaches: true });
    expect((await t.fail('reports.productCapCheck', { config: product.config }, 'manager')).code).toBe(
      'PERMISSION_DENIED',
    );
    // Saved anyway: the report now lists exactly that loan above its cap.
    await t.call(
      'products.save',
      {
        id: product.id,
        expectedVersion: product.version,
        code: product.code,
        name: product.name,
        active: true,
        config: { ...product.config, rateCapAnnual: '0.10' },
      },
      'admin',
    );
    const after = await t.call('reports.rateCap', {}, 'auditor');
    expect(after.loans.filter((l) => l.over).map((l) => l.loanId)).toEqual([ids.c]);
    expect(after.totals).toMatchObject({ over: 1, outstandingOverFen: 10_000_00 });
  });

  it('reports the five-tier classification with its overrides, reasons, who and when', async () => {
    await t.call(
      'loans.overrideClassification',
      { loanId: ids.c!, classification: 'substandard', reason: '借款人失业 borrower lost his job' },
      'manager',
    );
    const r = await t.call('reports.classification', {}, 'auditor');
    expect(r.classes.map((c) => [c.classification, c.loans, c.outstandingPrincipalFen])).toEqual([
      ['normal', 2, 150_000_00],
      ['specialMention', 0, 0],
      ['substandard', 1, 10_000_00],
      ['doubtful', 0, 0],
      ['loss', 0, 0],
    ]);
    expect(r.overrides).toEqual([
      expect.objectContaining({
        loanId: ids.c,
        // The override re-derives the loan on the business date, 2026-05-07.
        dpd: 35,
        byDpd: 'specialMention',
        classification: 'substandard',
        reason: '借款人失业 borrower lost his job',
        overriddenBy: '王经理',
        // Substandard: 25% specific provision, no general one.
        provisionFen: 2_500_00,
      }),
    ]);
  });
});
