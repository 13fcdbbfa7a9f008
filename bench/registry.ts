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

/** What a scenario reports through. */
export interface ScenarioOut {
  /** A raw limit the following rows are compared to, e.g. `limit` "raw SQLite". */
  baseline: (limit: string, m: Measured) => void;
  /** A result, printed with its ratio to each of the scenario's baselines so far. */
  row: (m: Measured) => void;
  /** A line of context (how the data was made, progress, memory). */
  note: (text: string) => void;
}

export interface ScenarioOptions {
  /** `npm run bench -- --large`: the first sync at its full size (1,000,000 events). */
  large: boolean;
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
