/** Named benchmarks for `npm run bench`. Add one with registerBenchmark; run.ts
 *  times each and prints its rate next to the raw SQLite baseline. */
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
  if (benchmarks.some((b) => b.name === benchmark.name))
    throw new Error(`benchmark ${benchmark.name} registered twice`);
  benchmarks.push(benchmark);
}
