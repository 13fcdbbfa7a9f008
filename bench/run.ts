/** `npm run bench`: runs every registered benchmark for a fixed time and prints
 *  its rate and its ratio to the raw SQLite baseline measured in the same run. */
import { benchmarks, type Benchmark } from './registry';
import './sqlite';
import './lending';
import './lending-ops';
import './monitoring';

const WARMUP_MS = 300;
const MEASURE_MS = Number(process.env.BENCH_MS ?? 3000);

async function measure(b: Benchmark): Promise<number> {
  await b.setup?.();
  try {
    const warmEnd = performance.now() + WARMUP_MS;
    while (performance.now() < warmEnd) b.run();
    let ops = 0;
    const start = performance.now();
    let now = start;
    while (now - start < MEASURE_MS) {
      ops += b.run();
      now = performance.now();
    }
    return (ops * 1000) / (now - start);
  } finally {
    b.teardown?.();
  }
}

async function main(): Promise<void> {
  const ordered = [...benchmarks.filter((b) => b.baseline), ...benchmarks.filter((b) => !b.baseline)];
  let baseline: number | undefined;
  const width = Math.max(...ordered.map((b) => b.name.length));
  for (const b of ordered) {
    const perSecond = await measure(b);
    if (b.baseline && baseline === undefined) baseline = perSecond;
    const ratio = baseline ? ` (${(perSecond / baseline).toFixed(2)}x raw SQLite)` : '';
    console.log(
      `${b.name.padEnd(width)}  ${Math.round(perSecond).toLocaleString('en-US').padStart(12)} ${b.unit}/s${b.baseline ? ' (baseline)' : ratio}`,
    );
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
