/** `npm run bench`: runs every registered benchmark for a fixed time and prints
 *  its rate and its ratio to the raw SQLite baseline measured in the same run, then
 *  every scenario (whole jobs measured once against the raw insert of their own
 *  rows, into SQLite and into the server's database). `npm run bench -- TEXT...`
 *  runs only what names one of the TEXTs (e.g. `replay`, `sync`, `first sync`,
 *  `postgres`); `--large` runs the first sync at 1,000,000 events. */
import {
  benchmarks,
  scenarios,
  type Benchmark,
  type Measured,
  type Scenario,
  type ScenarioOptions,
  type ScenarioOut,
} from './registry';
import './sqlite';
import './lending';
import './lending-ops';
import './monitoring';
import './replay';
import './sync';
import './first-sync';
import './startup';

const WARMUP_MS = 300;
const MEASURE_MS = Number(process.env.BENCH_MS ?? 3000);
const ROW_WIDTH = 72;

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

function parseArgs(argv: string[]): { only: string[]; options: ScenarioOptions } {
  const only: string[] = [];
  let large = false;
  for (const arg of argv) {
    if (arg === '--large') large = true;
    else if (arg.startsWith('--')) throw new Error(`unknown flag ${arg} (npm run bench -- [TEXT...] [--large])`);
    else only.push(arg.toLowerCase());
  }
  return { only, options: { large } };
}

const rate = (m: Measured) => (m.count * 1000) / m.ms;
const number = (n: number) => Math.round(n).toLocaleString('en-US');
const seconds = (ms: number) => (ms >= 10_000 ? `${(ms / 1000).toFixed(0)} s` : `${(ms / 1000).toFixed(2)} s`);

async function runScenario(s: Scenario, options: ScenarioOptions): Promise<void> {
  console.log(`\n== ${s.name} ==`);
  const baselines: Array<{ limit: string; m: Measured }> = [];
  const line = (m: Measured, tail: string) =>
    console.log(`  ${m.name.padEnd(ROW_WIDTH)} ${number(rate(m)).padStart(10)} ${m.unit}/s  ${tail}`);
  const out: ScenarioOut = {
    baseline: (limit, m) => {
      baselines.push({ limit, m });
      line({ ...m, name: `${limit}: ${m.name}` }, `(baseline: ${number(m.count)} in ${seconds(m.ms)})`);
    },
    row: (m) => {
      const ratios = baselines.map((b) => `${(rate(m) / rate(b.m)).toFixed(3)}x ${b.limit}, `).join('');
      line(m, `(${ratios}${number(m.count)} in ${seconds(m.ms)})`);
    },
    note: (text) => console.log(`  (${text})`),
  };
  await s.run(out, options);
}

async function main(): Promise<void> {
  const { only, options } = parseArgs(process.argv.slice(2));
  const wanted = (name: string) => only.length === 0 || only.some((o) => name.toLowerCase().includes(o));
  const chosen = benchmarks.filter((b) => !b.baseline && wanted(b.name));
  // The fixed-time baseline runs whenever one of the benchmarks compared to it does.
  const ordered = chosen.length > 0 ? [...benchmarks.filter((b) => b.baseline), ...chosen] : [];
  let baseline: number | undefined;
  const width = Math.max(0, ...ordered.map((b) => b.name.length));
  for (const b of ordered) {
    const perSecond = await measure(b);
    if (b.baseline && baseline === undefined) baseline = perSecond;
    const ratio = baseline ? ` (${(perSecond / baseline).toFixed(2)}x raw SQLite)` : '';
    console.log(
      `${b.name.padEnd(width)}  ${Math.round(perSecond).toLocaleString('en-US').padStart(12)} ${b.unit}/s${b.baseline ? ' (baseline)' : ratio}`,
    );
  }
  const chosenScenarios = scenarios.filter((s) => wanted(s.name));
  if (ordered.length + chosenScenarios.length === 0)
    throw new Error(
      `nothing is named ${only.join(' or ')}: ${[...benchmarks, ...scenarios].map((b) => b.name).join('; ')}`,
    );
  for (const s of chosenScenarios) await runScenario(s, options);
}

main()
  .then(() => process.exit(0))
  .catch((e) => {
    console.error(e);
    process.exit(1);
  });
