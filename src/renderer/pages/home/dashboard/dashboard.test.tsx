// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { answerApi, inputsOf, resetApi, type Answers } from '../../../testing/api';
import { renderScreen } from '../../../testing/render';
import type { Api } from '../../../api/client';
import { Dashboard, fitGranularity } from './Dashboard';
import { PANELS, panelsFor } from './panels';
import { PANEL_PERMISSIONS, hasPanels } from '../hasPanels';
import { drillFromQuery } from '../../loans/LedgersPage';
import { ledgerHref } from './format';
import { installChartDom } from './chartDom';

const BD = '2026-03-02';
const asOf = {
  computedAt: '2026-03-02T02:00:00.000Z',
  businessDate: BD,
  lastClosedDay: '2026-03-01',
  flowsThrough: '2026-03-01',
  booksOpenedOn: '2026-02-01',
};
const PRODUCT = '00000000-0000-4000-8000-00000000000a';
const OFFICER = '00000000-0000-4000-8000-00000000000b';

type Stock = Api['monitoring.portfolio']['output']['stock'][number];
const point = (period: string, asOfDate: string, fen: number, extra: Partial<Stock> = {}): Stock => ({
  period,
  start: `${period}-01`,
  end: asOfDate,
  asOf: asOfDate,
  source: asOfDate === BD ? 'live' : 'eod',
  inBooks: asOfDate >= '2026-02-01',
  loans: 3,
  outstandingPrincipalFen: fen,
  overduePrincipalFen: 0,
  receivableFen: 0,
  provisionFen: 1_800_00,
  par30Fen: 10_000_00,
  par90Fen: 0,
  par30: '0.062500',
  par90: '0.000000',
  averageRate: '0.120000',
  byClassification: { normal: fen - 10_000_00, specialMention: 10_000_00, substandard: 0, doubtful: 0, loss: 0 },
  byBucket: { M0: fen - 10_000_00, M1: 0, M2: 10_000_00, M3: 0, 'M4+': 0 },
  control1303Fen: fen,
  control1304Fen: 1_800_00,
  ...extra,
});
const flow = (period: string, start: string, end: string, disbursedFen: number) => ({
  period,
  start,
  end,
  disbursedCount: 2,
  disbursedFen,
  disbursedRate: '0.120000',
  repaymentCount: 1,
  collectedFen: 20_000_00,
  cashCollectedFen: 0,
  writtenOffCount: 0,
  writtenOffFen: 0,
  recoveredFen: 0,
});
const PORTFOLIO: Api['monitoring.portfolio']['output'] = {
  asOf,
  stock: [point('2026-02', '2026-02-28', 140_000_00), point('2026-03', BD, 160_000_00)],
  flows: [flow('2026-02', '2026-02-01', '2026-02-28', 150_000_00), flow('2026-03', '2026-03-01', BD, 10_000_00)],
  mix: {
    byProduct: [{ key: PRODUCT, loans: 3, outstandingPrincipalFen: 160_000_00, averageRate: '0.120000' }],
    byMethod: [{ key: 'bullet', loans: 3, outstandingPrincipalFen: 160_000_00, averageRate: '0.120000' }],
  },
};
const RISK: Api['monitoring.risk']['output'] = {
  ...PORTFOLIO,
  rollRates: (['M0', 'M1', 'M2', 'M3', 'M4+'] as const).map((from, i) => ({
    month: '2026-02',
    from,
    to: i < 4 ? (['M1', 'M2', 'M3', 'M4+'] as const)[i]! : 'writtenOff',
    baseFen: 100_00,
    rolledFen: i === 0 ? 10_00 : 0,
    rate: i === 0 ? '0.100000' : '0.000000',
  })),
  vintages: [
    {
      vintage: '2026-02',
      loans: 3,
      disbursedFen: 150_000_00,
      points: [
        { monthsOnBook: 0, month: '2026-02', defaultedFen: 0, rate: '0.000000' },
        { monthsOnBook: 1, month: '2026-03', defaultedFen: 0, rate: '0.000000' },
      ],
    },
  ],
};
const times = { decided: 3, medianMinutes: 30, p90Minutes: 240 };
const OPERATIONS: Api['monitoring.operations']['output'] = {
  asOf,
  funnel: {
    submitted: 4,
    autoApproved: 1,
    autoDeclined: 0,
    inReview: 1,
    reviewed: 2,
    approved: 3,
    declined: 0,
    returned: 0,
    disbursed: 3,
  },
  decisionTimes: { all: times, auto: { decided: 1, medianMinutes: 0, p90Minutes: 0 }, manual: times },
  approvalByGrade: ['A', 'B', 'C', 'D', 'E'].map((grade) => ({ grade, decided: 1, approved: 1, rate: '1.000000' })),
  officers: [
    {
      officerId: OFFICER,
      submitted: 4,
      approved: 3,
      disbursedCount: 3,
      disbursedFen: 160_000_00,
      collectedFen: 0,
      outstandingPrincipalFen: 160_000_00,
      par30Fen: 10_000_00,
      par30: '0.062500',
    },
  ],
  collections: [
    { period: '2026-02', start: '2026-02-01', end: '2026-02-28', dueFen: 3_400_00, collectedFen: 0 },
    { period: '2026-03', start: '2026-03-01', end: BD, dueFen: 0, collectedFen: 20_000_00 },
  ],
  forecast: {
    weeks: [{ start: BD, end: '2026-03-08', installments: 1, expectedFen: 3_400_22 }],
    overdueInstallments: 1,
    overdueFen: 3_400_22,
  },
};
const OFFICER_PANEL: Api['monitoring.officer']['output'] = {
  asOf,
  queue: [
    {
      id: '00000000-0000-4000-8000-0000000000c1',
      number: 'A000009',
      status: 'review',
      amountFen: 60_000_00,
      grade: 'C',
      submittedAt: '2026-03-02T01:00:00Z',
      customerName: '韩梅梅',
      mine: 0,
    },
  ],
  dueToday: [],
  overdue: [
    {
      loanId: '00000000-0000-4000-8000-0000000000d1',
      number: 'L000003',
      customerName: '李雷',
      dpd: 34,
      bucket: 'M2',
      overduePrincipalFen: 3_300_00,
      outstandingPrincipalFen: 10_000_00,
      penaltyFen: 12_34,
    },
  ],
  stock: PORTFOLIO.stock,
  flows: PORTFOLIO.flows,
};

function fixtures(): Answers {
  return {
    'monitoring.options': () => ({
      branches: [{ id: '00000000-0000-4000-8000-0000000000e1', code: 'HQ', name: '总部营业部' }],
      products: [{ id: PRODUCT, code: 'BUL6', name: '过桥贷' }],
      officers: [{ id: OFFICER, name: '李信贷', branchId: null }],
    }),
    'monitoring.portfolio': () => PORTFOLIO,
    'monitoring.risk': () => RISK,
    'monitoring.operations': () => OPERATIONS,
    'monitoring.officer': () => OFFICER_PANEL,
    'monitoring.exceptions': () => ({
      asOf,
      flags: [{ kind: 'largeCash', n: 2, open: 1 }],
      overrides: 1,
      reversals: { count: 1, amountFen: -20_000_00 },
      capBreaches: 0,
      reconciliation: { agrees: true },
      audit: [{ date: BD, denied: 1, failed: 2, failedLogins: 1, reveals: 3 }],
    }),
    'compliance.list': () => [],
    'monitoring.system': () => ({
      asOf: { computedAt: asOf.computedAt, businessDate: BD, lastClosedDay: '2026-03-01' },
      checks: [
        { code: 'HEALTH_BACKUP_OFF', level: 'error', values: {} },
        { code: 'HEALTH_RECONCILIATION_OK', level: 'ok', values: {} },
      ],
    }),
    'monitoring.exportTable': () => ({ fileName: 'x.xlsx', mime: 'application/octet-stream', base64: '', rows: 2 }),
  };
}

vi.mock('../../../api/client', async (original) => (await import('../../../testing/api')).mockClient(await original()));
beforeEach(() => answerApi(fixtures()));

beforeAll(() => {
  installChartDom();
  localStorage.setItem('loandesk.language', 'zh-CN');
});
afterEach(() => {
  cleanup();
  resetApi();
  window.location.hash = '';
});

const wrap = renderScreen;

const MANAGER = ['monitoring.portfolio', 'monitoring.exceptions', 'ledger.read'];

/** A chart card: its SVG drawn with data, and its table rows. */
async function chart(id: string) {
  const card = await screen.findByTestId(`chart-${id}`);
  await waitFor(() => expect(card.querySelector('svg.recharts-surface')).not.toBeNull());
  const rows = within(screen.getByTestId(`chart-${id}-table`))
    .queryAllByRole('row')
    .slice(1);
  return { card, rows };
}

describe('the manager’s dashboard', () => {
  it('draws every portfolio chart with its numbers as a table, newest period first, and the data-as-of stamp', async () => {
    wrap(<Dashboard permissions={MANAGER} userId={OFFICER} businessDate={BD} />);
    const out = await chart('outstanding');
    expect(out.rows).toHaveLength(2);
    expect(out.rows[0]!.textContent).toContain('¥160,000.00');
    expect(out.rows[0]!.textContent).toContain('实时');
    expect(out.card.querySelectorAll('.recharts-area').length).toBe(1);
    expect(within(out.card).getByTestId('data-as-of').textContent).toBe(
      `数据截至 ${new Date(asOf.computedAt).getFullYear()}-03-02 ${String(new Date(asOf.computedAt).getHours()).padStart(2, '0')}:00 · 营业日 2026-03-02 · 最近日终 2026-03-01`,
    );
    const disbursed = await chart('disbursements');
    expect(disbursed.card.querySelectorAll('.recharts-bar-rectangle').length).toBe(2);
    expect(disbursed.rows[1]!.textContent).toContain('¥150,000.00');
    for (const id of ['by-product', 'by-method', 'average-rate'])
      expect((await chart(id)).rows.length).toBeGreaterThan(0);
    expect((await chart('by-product')).rows[0]!.textContent).toContain('过桥贷');
  });

  it('drills from a row to the ledger rows behind it, with the period and filters', async () => {
    wrap(<Dashboard permissions={MANAGER} userId={OFFICER} businessDate={BD} />);
    const { rows } = await chart('disbursements');
    fireEvent.click(rows[1]!);
    expect(window.location.hash).toBe('#/ledgers/disbursements?from=2026-02-01&to=2026-02-28');
    fireEvent.click((await chart('outstanding')).rows[0]!);
    expect(window.location.hash).toBe('#/ledgers/journal?from=2000-01-01&to=2026-03-02&account=1303');
  });

  it('exports a chart’s table to XLSX through the main process, money as fen', async () => {
    wrap(<Dashboard permissions={MANAGER} userId={OFFICER} businessDate={BD} />);
    await chart('disbursements');
    fireEvent.click(screen.getByTestId('chart-disbursements-xlsx'));
    await waitFor(() => expect(inputsOf('monitoring.exportTable').length > 0).toBe(true));
    const input = inputsOf('monitoring.exportTable')[0]!;
    expect(input.columns.map((c) => c.kind)).toEqual(['text', 'number', 'money', 'percent']);
    expect(input.title?.startsWith(`${input.sheet} · 数据截至`)).toBe(true);
    expect(input.rows).toEqual([
      ['2026-02', 2, 150_000_00, '0.120000'],
      ['2026-03', 2, 10_000_00, '0.120000'],
    ]);
  });

  it('draws the risk, operations and exceptions charts on their tabs', async () => {
    wrap(<Dashboard permissions={MANAGER} userId={OFFICER} businessDate={BD} />);
    fireEvent.click(await screen.findByTestId('dash-tab-risk'));
    for (const id of ['par', 'classes', 'roll-rates', 'provisions', 'write-offs', 'vintages'])
      expect((await chart(id)).rows.length).toBeGreaterThan(0);
    expect((await chart('roll-rates')).rows[0]!.textContent).toContain('10.00%');
    fireEvent.click(screen.getByTestId('dash-tab-operations'));
    for (const id of ['funnel', 'decision-times', 'collections', 'cash-forecast', 'approval-by-grade', 'officers'])
      expect((await chart(id)).rows.length).toBeGreaterThan(0);
    expect((await chart('decision-times')).rows[1]!.textContent).toContain('4.0 小时');
    expect((await chart('officers')).rows[0]!.textContent).toContain('李信贷');
    fireEvent.click(screen.getByTestId('dash-tab-exceptions'));
    expect((await screen.findByTestId('tile-open-flags')).textContent).toContain('1');
    expect((await chart('audit-days')).rows[0]!.textContent).toContain('2026-03-02');
  });
});

describe('the other roles’ homes', () => {
  it('gives the officer the queue, the loans to call and the own portfolio, filtered to the officer', async () => {
    wrap(<Dashboard permissions={['monitoring.own']} userId={OFFICER} businessDate={BD} />);
    await waitFor(() => expect(screen.getByTestId('list-my-queue').textContent).toContain('A000009'));
    const overdue = await screen.findByTestId('list-overdue-to-call');
    await waitFor(() => expect(overdue.textContent).toContain('L000003'));
    fireEvent.click(within(overdue).getByText('L000003'));
    expect(window.location.hash).toBe('#/loans/00000000-0000-4000-8000-0000000000d1');
    fireEvent.click((await chart('my-portfolio')).rows[0]!);
    expect(window.location.hash).toBe(`#/ledgers/loans?officer=${OFFICER}&status=active`);
    expect(screen.queryByTestId('dash-officer')).toBeNull();
    expect(inputsOf('monitoring.officer').every((i) => !('officerId' in i))).toBe(true);
  });

  it('gives the administrator what is wrong and what to do', async () => {
    wrap(<Dashboard permissions={['monitoring.system']} userId={OFFICER} businessDate={BD} />);
    const off = await screen.findByTestId('health-HEALTH_BACKUP_OFF');
    expect(off.dataset.level).toBe('error');
    expect(off.textContent).toContain('没有开启定时备份');
    expect(off.textContent).toContain('备份与恢复');
  });
});

describe('the panel registry', () => {
  it('shows each role only the panels of its permissions, and knows them without loading the charts', () => {
    expect(panelsFor(['monitoring.own']).map((s) => s.section.id)).toEqual(['work']);
    expect(panelsFor(MANAGER).map((s) => s.section.id)).toEqual(['portfolio', 'risk', 'operations', 'exceptions']);
    expect(panelsFor(['tickets.read'])).toEqual([]);
    expect(new Set(PANELS.map((p) => p.permission))).toEqual(new Set(PANEL_PERMISSIONS));
    expect(hasPanels(['customers.read', 'tickets.read'])).toBe(false);
    expect(new Set(PANELS.map((p) => p.id)).size).toBe(PANELS.length);
  });
  it('keeps a chart to at most 400 points by coarsening the granularity', () => {
    expect(fitGranularity({ from: '2025-03-03', to: '2026-03-02' }, 'day')).toBe('day');
    expect(fitGranularity({ from: '2024-03-03', to: '2026-03-02' }, 'day')).toBe('week');
  });
});

describe('the drill-down address', () => {
  it('is read back by the ledgers, ignoring what is not valid', () => {
    const href = ledgerHref('loans', {
      from: '2026-02-01',
      to: '2026-02-28',
      productId: PRODUCT,
      status: ['active'],
      bucket: ['M2', 'M4+'],
    });
    expect(drillFromQuery(new URLSearchParams(href.split('?')[1]))).toEqual({
      range: { from: '2026-02-01', to: '2026-02-28' },
      scope: { branchId: undefined, productId: PRODUCT, officerId: undefined },
      accountCode: undefined,
      status: ['active'],
      bucket: ['M2', 'M4+'],
      classification: undefined,
    });
    expect(
      drillFromQuery(new URLSearchParams('from=2026-13-01&to=x&branch=nope&account=99&status=lost')).range,
    ).toBeUndefined();
  });
});
