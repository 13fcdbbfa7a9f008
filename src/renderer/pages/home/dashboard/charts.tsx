/** The dashboard's chart layer: a chart is described (what over what, in which
 *  format), not drawn, by each panel. TimeSeriesChart draws a series over periods
 *  (bars, lines, an area, or a mix, on a money / percent / count axis, a second
 *  axis on the right when asked); BreakdownChart draws a figure per category (a
 *  bar each, or a pie). Each builds the whole recharts element itself, since
 *  recharts takes its grid and axes only as direct children of the chart, and
 *  owns the frame once: grid, axes, tick and tooltip formats in the user's
 *  language, bar widths, palette, the click that drills into a point. */
import { Area, Bar, CartesianGrid, Cell, ComposedChart, Line, Pie, PieChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { ComponentProps } from 'react';
import { useI18n } from '../../../i18n/i18n';
import { compactYuan, PALETTE, pct } from './format';

/** How a value axis and its tooltip show numbers: money (fen, ticks in 万 / K),
 *  percent (a fraction), count (whole numbers), number (as they come). */
export type ValueFormat = 'money' | 'percent' | 'count' | 'number';

export interface Series {
  /** The row field drawn. */
  key: string;
  /** Its name in the tooltip and the legend (default: the key). */
  name?: string;
  color: string;
  /** Default: the chart's kind. */
  kind?: 'bar' | 'line' | 'area';
  /** Bars with the same stack id stand on each other. */
  stack?: string;
  /** On the right-hand axis, in the chart's `right` format. */
  right?: boolean;
  /** A line drawn across the periods without a value. */
  connectNulls?: boolean;
  /** An area's fill (default: its color). */
  fill?: string;
}

export interface TimeSeriesSpec {
  kind: 'bar' | 'line' | 'area';
  /** The row field along the horizontal axis (period, date, name …). */
  x: string;
  series: Series[];
  /** The left axis (default 'number'). */
  y?: ValueFormat;
  yDomain?: [number | 'auto', number | 'auto'];
  /** The right axis, for the series marked `right`. */
  right?: ValueFormat;
  /** The tooltip's text of a value, when it is not the axis format's (minutes, hours). */
  tooltip?: (value: number) => string;
  /** The tooltip's heading, when it is not the x value itself. */
  xLabel?: (x: unknown) => string;
  /** The points drawn, when they are not the card's rows (then a point does not drill). */
  data?: object[];
  /** Whether a click on a point drills like its row does (default: yes, when the card drills). */
  pointDrill?: boolean;
  /** Whether the card shows the series as a legend (default yes). */
  legend?: boolean;
}

export interface BreakdownSpec {
  breakdown: 'bar' | 'pie';
  /** The row field naming the category. */
  name: string;
  /** The row field with its figure. */
  value: string;
  /** The figure's name in the tooltip. */
  valueName?: string;
  format: ValueFormat;
  /** The category labels' width (bars). */
  labelWidth?: number;
}

export type ChartSpec = TimeSeriesSpec | BreakdownSpec;

export function isBreakdown(spec: ChartSpec): spec is BreakdownSpec {
  return 'breakdown' in spec;
}

export interface LegendItem {
  name: string;
  color: string;
}

/** The legend a card shows above a chart: its series, or a pie's slices. */
export function legendOf(spec: ChartSpec, rows: readonly object[]): LegendItem[] {
  if (!isBreakdown(spec))
    return spec.legend === false ? [] : spec.series.map((s) => ({ name: s.name ?? s.key, color: s.color }));
  if (spec.breakdown === 'bar') return [];
  return rows.map((r, i) => ({ name: String((r as Record<string, unknown>)[spec.name]), color: colorAt(i) }));
}

/** The palette's color for the i-th category. */
export function colorAt(i: number): string {
  return PALETTE[i % PALETTE.length]!;
}

interface AxisFormat {
  tick?: (v: number) => string;
  tooltip?: (v: unknown) => string;
  width: number;
  allowDecimals?: boolean;
}

/** The tick and tooltip texts of each format in the user's language. */
export function useValueFormats(): Record<ValueFormat, AxisFormat> {
  const { language, money } = useI18n();
  return {
    money: { tick: (v) => compactYuan(v, language), tooltip: (v) => money(Number(v)), width: 56 },
    percent: { tick: (v) => pct(v, 0), tooltip: (v) => pct(Number(v)), width: 44 },
    count: { width: 32, allowDecimals: false },
    number: { width: 44 },
  };
}

const TICK = { fontSize: 11 };
const GRID = '#eef0f4';
const BAR = 48;

type Formatter = NonNullable<ComponentProps<typeof Tooltip>['formatter']>;

/** The tooltip's value text by series: its axis's format, or the chart's own. */
function tooltipFormatter(spec: TimeSeriesSpec, formats: Record<ValueFormat, AxisFormat>): Formatter | undefined {
  if (spec.tooltip) {
    const own = spec.tooltip;
    return (v) => own(Number(v));
  }
  const left = formats[spec.y ?? 'number'].tooltip;
  const right = spec.right ? formats[spec.right].tooltip : undefined;
  if (!left && !right) return undefined;
  const onRight = new Set(spec.series.filter((s) => s.right).map((s) => s.key));
  return (v, _name, item) => {
    const format = onRight.has(String(item.dataKey)) ? right : left;
    return format ? format(v) : String(v);
  };
}

export interface TimeSeriesChartProps extends TimeSeriesSpec {
  data: object[];
  /** A click on a point, with its index in data. */
  onSelect?: (index: number) => void;
}

export function TimeSeriesChart({ data, onSelect, ...spec }: TimeSeriesChartProps) {
  const formats = useValueFormats();
  const y = formats[spec.y ?? 'number'];
  const right = spec.right ? formats[spec.right] : undefined;
  return (
    <ComposedChart
      data={data}
      onClick={onSelect ? (s) => onSelect(Number(s.activeTooltipIndex)) : undefined}
      margin={{ left: 4, right: 8 }}
    >
      <CartesianGrid stroke={GRID} vertical={false} />
      <XAxis dataKey={spec.x} tick={TICK} />
      <YAxis
        yAxisId="left"
        tickFormatter={y.tick}
        tick={TICK}
        width={y.width}
        allowDecimals={y.allowDecimals}
        domain={spec.yDomain}
      />
      {right && (
        <YAxis
          yAxisId="right"
          orientation="right"
          tickFormatter={right.tick}
          tick={TICK}
          width={right.width}
          allowDecimals={right.allowDecimals}
        />
      )}
      <Tooltip formatter={tooltipFormatter(spec, formats)} labelFormatter={spec.xLabel} />
      {spec.series.map((s) => {
        const common = {
          yAxisId: s.right ? 'right' : 'left',
          dataKey: s.key,
          name: s.name,
          isAnimationActive: false,
        };
        const kind = s.kind ?? spec.kind;
        if (kind === 'bar') return <Bar {...common} key={s.key} maxBarSize={BAR} stackId={s.stack} fill={s.color} />;
        if (kind === 'area') return <Area {...common} key={s.key} stroke={s.color} fill={s.fill ?? s.color} />;
        return <Line {...common} key={s.key} stroke={s.color} dot={false} connectNulls={s.connectNulls} />;
      })}
    </ComposedChart>
  );
}

export interface BreakdownChartProps extends BreakdownSpec {
  data: object[];
  onSelect?: (index: number) => void;
}

export function BreakdownChart({ data, onSelect, ...spec }: BreakdownChartProps) {
  const format = useValueFormats()[spec.format];
  const formatter = format.tooltip as Formatter | undefined;
  const cells = data.map((_, i) => <Cell key={i} fill={colorAt(i)} />);
  if (spec.breakdown === 'pie')
    return (
      <PieChart>
        <Tooltip formatter={formatter} />
        <Pie
          data={data}
          dataKey={spec.value}
          nameKey={spec.name}
          innerRadius={48}
          outerRadius={80}
          isAnimationActive={false}
          label={(e: { percent?: number }) => pct(e.percent ?? 0, 0)}
        >
          {cells}
        </Pie>
      </PieChart>
    );
  return (
    <ComposedChart
      data={data}
      layout="vertical"
      onClick={onSelect ? (s) => onSelect(Number(s.activeTooltipIndex)) : undefined}
      margin={{ left: 4, right: 16 }}
    >
      <CartesianGrid stroke={GRID} horizontal={false} />
      <XAxis type="number" tickFormatter={format.tick} allowDecimals={format.allowDecimals} tick={TICK} />
      <YAxis type="category" dataKey={spec.name} width={spec.labelWidth ?? 96} tick={TICK} />
      <Tooltip formatter={formatter} />
      <Bar maxBarSize={BAR} dataKey={spec.value} name={spec.valueName} isAnimationActive={false}>
        {cells}
      </Bar>
    </ComposedChart>
  );
}

/** The chart a spec describes, drawn with data. */
export function SpecChart({
  spec,
  rows,
  onSelect,
}: {
  spec: ChartSpec;
  rows: object[];
  onSelect?: (index: number) => void;
}) {
  if (isBreakdown(spec)) return <BreakdownChart {...spec} data={rows} onSelect={onSelect} />;
  const drills = spec.pointDrill !== false && !spec.data;
  return <TimeSeriesChart {...spec} data={spec.data ?? rows} onSelect={drills ? onSelect : undefined} />;
}
