// @vitest-environment jsdom
/** The chart layer on its own: axis ticks and legends in the user's language and
 *  format, and a card's empty state and its refusal. */
import { cleanup, screen, waitFor } from '@testing-library/react';
import { ResponsiveContainer } from 'recharts';
import { renderScreen } from '../../../testing/render';
import { ChartCard } from './ChartCard';
import { legendOf, TimeSeriesChart, type TimeSeriesSpec } from './charts';
import { installChartDom } from './chartDom';

vi.mock('../../../api/client', async (original) => (await import('../../../testing/api')).mockClient(await original()));

beforeAll(installChartDom);
afterEach(cleanup);

const ROWS = [
  { period: '2026-01', outFen: 160_000_00, n: 3, rate: 0.5 },
  { period: '2026-02', outFen: 80_000_00, n: 1, rate: 0.25 },
];

function drawIn(language: 'zh-CN' | 'en', spec: TimeSeriesSpec) {
  localStorage.setItem('loandesk.language', language);
  renderScreen(
    <div data-testid="chart">
      <ResponsiveContainer width={520} height={210}>
        <TimeSeriesChart {...spec} data={ROWS} />
      </ResponsiveContainer>
    </div>,
  );
}

/** The texts of an axis's ticks, once drawn. */
async function ticks(axis: 'yAxis' | 'xAxis', side: 'left' | 'right' = 'left') {
  const chart = await screen.findByTestId('chart');
  let texts: string[] = [];
  await waitFor(() => {
    const groups = chart.querySelectorAll(`.recharts-${axis}-tick-labels`);
    const group = groups[side === 'right' ? 1 : 0];
    texts = [...(group?.querySelectorAll('.recharts-cartesian-axis-tick-value') ?? [])].map((t) => t.textContent ?? '');
    expect(texts.length).toBeGreaterThan(1);
  });
  return texts;
}

const MONEY: TimeSeriesSpec = {
  kind: 'bar',
  x: 'period',
  y: 'money',
  series: [{ key: 'outFen', name: 'Outstanding', color: '#1f5fbf' }],
};

describe('a time series chart', () => {
  it('labels a money axis in 万 in Chinese', async () => {
    drawIn('zh-CN', MONEY);
    const y = await ticks('yAxis');
    expect(y.at(-1)).toBe('16万');
    expect(y.some((t) => t.includes('K'))).toBe(false);
    expect(await ticks('xAxis')).toEqual(['2026-01', '2026-02']);
  });

  it('labels a money axis in K in English', async () => {
    drawIn('en', MONEY);
    const y = await ticks('yAxis');
    expect(y.at(-1)).toBe('160K');
    expect(y.some((t) => t.includes('万'))).toBe(false);
  });

  it('labels a percent axis as whole percents, and a count axis on the right in whole numbers', async () => {
    drawIn('en', {
      kind: 'line',
      x: 'period',
      y: 'percent',
      yDomain: [0, 1],
      right: 'count',
      series: [
        { key: 'rate', name: 'Rate', color: '#1f5fbf' },
        { key: 'n', name: 'Count', color: '#faad14', kind: 'bar', right: true },
      ],
    });
    const y = await ticks('yAxis');
    expect(y[0]).toBe('0%');
    expect(y.at(-1)).toBe('100%');
    expect(y.every((t) => /^\d+%$/.test(t))).toBe(true);
    const right = await ticks('yAxis', 'right');
    expect(right.every((t) => /^\d+$/.test(t))).toBe(true);
    expect(Number(right.at(-1))).toBeGreaterThanOrEqual(3);
  });
});

describe('a chart’s legend', () => {
  it('is its series, none when switched off, and a pie’s slices', () => {
    expect(legendOf(MONEY, ROWS)).toEqual([{ name: 'Outstanding', color: '#1f5fbf' }]);
    expect(legendOf({ ...MONEY, legend: false }, ROWS)).toEqual([]);
    expect(legendOf({ breakdown: 'bar', name: 'period', value: 'outFen', format: 'money' }, ROWS)).toEqual([]);
    expect(
      legendOf({ breakdown: 'pie', name: 'period', value: 'outFen', format: 'money' }, ROWS).map((l) => l.name),
    ).toEqual(['2026-01', '2026-02']);
  });
});

describe('a chart card', () => {
  const card = (query: Parameters<typeof ChartCard>[0]['query'], rows: typeof ROWS) => (
    <ChartCard
      id="t"
      title="T"
      query={query}
      rows={rows}
      chart={MONEY}
      columns={[{ key: 'p', title: 'P', value: (r) => r.period }]}
    />
  );

  it('shows an empty state, and no chart, when the period has no data; export is off', async () => {
    localStorage.setItem('loandesk.language', 'zh-CN');
    renderScreen(card({ isFetching: false, error: null }, []));
    expect(await screen.findByText('所选期间没有数据')).toBeTruthy();
    expect(screen.queryByTestId('chart-t-canvas')).toBeNull();
    expect(screen.getByTestId('chart-t-xlsx').closest('button')!.disabled).toBe(true);
  });

  it('shows the refusal in the user’s language instead of the chart', async () => {
    localStorage.setItem('loandesk.language', 'en');
    renderScreen(
      card(
        {
          isFetching: false,
          error: { code: 'PERMISSION_DENIED', details: { permission: 'monitoring.portfolio' } } as never,
        },
        ROWS,
      ),
    );
    expect(await screen.findByText(/Your role may not do this/)).toBeTruthy();
    expect(screen.queryByTestId('chart-t-canvas')).toBeNull();
  });

  it('draws the chart with its legend and the table when there are rows', async () => {
    localStorage.setItem('loandesk.language', 'en');
    renderScreen(card({ isFetching: false, error: null }, ROWS));
    const canvas = await screen.findByTestId('chart-t-canvas');
    await waitFor(() => expect(canvas.querySelectorAll('.recharts-bar-rectangle').length).toBe(2));
    expect(screen.getByTestId('chart-t').querySelector('.ld-legend')!.textContent).toBe('Outstanding');
  });
});
