/** Named benchmarks for `npm run bench`. Two kinds:
 *  - a Benchmark (registerBenchmark): a small operation run.ts repeats for a fixed
 *    time, printed next to the raw SQLite baseline;
 *  - a Scenario (registerScenario): one whole job measured once (a replay of the
 *    log, a push, a first sync), which measures its own raw SQLite limit on the
 *    same rows in the same run and reports its rows against it. */
export interface Benchmark {
  name: string;
  /** What one operation is, e.g. "schedules". */
  unit: string;
  /** Prepared once, outside the timing. */
  setup?: () => void | Promise<void>;
  /** Does some work and returns how many operations it did. */
  run: () => number;
  teardown?: () => void;
  /** The raw SQLite limit every other benchmark is compared to. */
  baseline?: boolean;
}

export const benchmarks: Benchmark[] = [];

export function registerBenchmark(benchmark: Benchmark): void {
  if (benchmarks.some((b) => b.name === benchmark.name) || scenarios.some((s) => s.name === benchmark.name))
    throw new Error(`benchmark ${benchmark.name} registered twice`);
  benchmarks.push(benchmark);
}

/** One measured result of a scenario: `count` units done in `ms`. */
export interface Measured {
  name: string;
  unit: string;
  count: number;
  ms: number;
}

/** A row's target: at most `maxRatio` times the cost of its first baseline. */
export interface RowTarget {
  maxRatio: number;
  text: string;
}

/** What a scenario reports through. */
export interface ScenarioOut {
  /** A raw limit the following rows are compared to, e.g. `limit` "raw SQLite". */
  baseline: (limit: string, m: Measured) => void;
  /** A result, printed with its ratio to each of the scenario's baselines so far;
   *  with a target, kept for `--json` against the scenario's first baseline. */
  row: (m: Measured, target?: RowTarget) => void;
  /** A line of context (how the data was made, progress, memory). */
  note: (text: string) => void;
  /** A figure with its floor and target, printed and kept for `--json`. */
  result: (r: ScenarioResult) => void;
}

/** One figure of `npm run bench -- --json`. `ratio` is always what the figure
 *  costs against its floor (value / floor for times, floor / value for rates), so
 *  1 is the floor and 3 is three times its cost. */
export interface ScenarioResult {
  name: string;
  value: number;
  unit: string;
  /** The raw cost of the same work in the same run, in `unit`; null where none applies. */
  floor: number | null;
  /** 'time': lower is better (ms, s); 'rate': higher is better (per second). */
  kind: 'time' | 'rate';
  /** The target as text (e.g. "≤ 3× floor and < 120 s at 1,000,000 loans"). */
  target: string;
  met: boolean | null;
}

export interface ScenarioOptions {
  /** `npm run bench -- --large`: the first sync at its full size (1,000,000 events). */
  large: boolean;
  /** Active loans of the scale book (`--scale N`; `--quick` 100,000; full 1,000,000). */
  scale: number;
  quick: boolean;
}

/** The cost ratio of a result (see ScenarioResult). */
export function costRatio(r: Pick<ScenarioResult, 'value' | 'floor' | 'kind'>): number | null {
  if (r.floor === null || r.floor === 0 || r.value === 0) return null;
  return r.kind === 'time' ? r.value / r.floor : r.floor / r.value;
}

export interface Scenario {
  name: string;
  run: (out: ScenarioOut, options: ScenarioOptions) => Promise<void>;
}

export const scenarios: Scenario[] = [];

export function registerScenario(scenario: Scenario): void {
  if (scenarios.some((s) => s.name === scenario.name) || benchmarks.some((b) => b.name === scenario.name))
    throw new Error(`scenario ${scenario.name} registered twice`);
  scenarios.push(scenario);
}
