/** `npm run bench` (and `loandesk bench`): runs every registered benchmark for a
 *  fixed time and prints its rate, then every scenario (whole jobs measured once
 *  against the raw cost of their own rows, measured in the same run).
 *
 *  npm run bench -- [TEXT...] [--quick] [--scale N] [--large] [--json]
 *  - TEXT: only what names one of them (e.g. `replay`, `sync`, `scale`, `eod`).
 *  - --scale N: the scale scenarios on a book of N active loans (default 1,000,000);
 *    --quick: 100,000 (BENCH_SCALE overrides both).
 *  - --large: the first sync at 1,000,000 events.
 *  - --json: the human lines go to stderr, and stdout gets
 *    { machine, scale, scenarios: [{ name, value, unit, floor, ratio, target, met }] }. */
import { cpus, totalmem } from 'node:os';
import { format } from 'node:util';
import Database from 'better-sqlite3';
import {
  benchmarks,
  costRatio,
  scenarios,
  type Benchmark,
  type Measured,
  type Scenario,
  type ScenarioOptions,
  type ScenarioOut,
  type ScenarioResult,
} from './registry';
import './sqlite';
import './lending';
import './monitoring';
import './scale';
import './statement-import';
import './replay';
import './sync';
import './first-sync';
import './startup';

const WARMUP_MS = 300;
const MEASURE_MS = Number(process.env.BENCH_MS ?? 3000);
const ROW_WIDTH = 72;
export const FULL_SCALE = 1_000_000;
export const QUICK_SCALE = 100_000;

let say: (line: string) => void = (line) => console.log(line);

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

const USAGE = 'npm run bench -- [TEXT...] [--quick] [--scale N] [--large] [--json]';

export function parseBenchArgs(argv: string[]): { only: string[]; options: ScenarioOptions; json: boolean } {
  const only: string[] = [];
  let large = false;
  let quick = false;
  let json = false;
  let scale: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--large') large = true;
    else if (arg === '--quick') quick = true;
    else if (arg === '--json') json = true;
    else if (arg === '--scale') {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n < 1 || n > 10_000_000)
        throw new Error(`--scale takes a number of loans from 1 to 10,000,000 (${USAGE})`);
      scale = n;
    } else if (arg.startsWith('--')) throw new Error(`unknown flag ${arg} (${USAGE})`);
    else only.push(arg.toLowerCase());
  }
  const fromEnv = process.env.BENCH_SCALE ? Number(process.env.BENCH_SCALE) : undefined;
  return {
    only,
    json,
    options: { large, quick, scale: fromEnv ?? scale ?? (quick ? QUICK_SCALE : FULL_SCALE) },
  };
}

const rate = (m: Measured) => (m.count * 1000) / m.ms;
const number = (n: number) => Math.round(n).toLocaleString('en-US');
const seconds = (ms: number) => (ms >= 10_000 ? `${(ms / 1000).toFixed(0)} s` : `${(ms / 1000).toFixed(2)} s`);

async function runScenario(s: Scenario, options: ScenarioOptions, results: ScenarioResult[]): Promise<void> {
  say(`\n== ${s.name} ==`);
  const baselines: Array<{ limit: string; m: Measured }> = [];
  const line = (m: Measured, tail: string) =>
    say(`  ${m.name.padEnd(ROW_WIDTH)} ${number(rate(m)).padStart(10)} ${m.unit}/s  ${tail}`);
  const out: ScenarioOut = {
    baseline: (limit, m) => {
      baselines.push({ limit, m });
      line({ ...m, name: `${limit}: ${m.name}` }, `(baseline: ${number(m.count)} in ${seconds(m.ms)})`);
    },
    row: (m, target) => {
      const ratios = baselines.map((b) => `${(rate(m) / rate(b.m)).toFixed(3)}x ${b.limit}, `).join('');
      line(m, `(${ratios}${number(m.count)} in ${seconds(m.ms)})`);
      if (!target) return;
      const floor = baselines[0] ? rate(baselines[0].m) : null;
      const r: ScenarioResult = {
        name: `${s.name}: ${m.name}`,
        value: rate(m),
        unit: `${m.unit}/s`,
        floor,
        kind: 'rate',
        target: target.text,
        met: null,
      };
      const ratio = costRatio(r);
      results.push({ ...r, met: ratio === null ? null : ratio <= target.maxRatio });
    },
    note: (text) => say(`  (${text})`),
    result: (r) => {
      const ratio = costRatio(r);
      const figure = (v: number) => `${v >= 100 ? number(v) : v.toPrecision(3)} ${r.unit}`;
      say(
        `  ${r.name.padEnd(ROW_WIDTH)} ${figure(r.value).padStart(16)}  floor ${r.floor === null ? '-' : figure(r.floor)}, ${ratio === null ? '' : `${ratio.toFixed(2)}x its cost, `}target ${r.target}: ${r.met === null ? 'n/a' : r.met ? 'met' : 'NOT MET'}`,
      );
      results.push({ ...r, name: `${s.name}: ${r.name}` });
    },
  };
  await s.run(out, options);
}

function machine() {
  const cpu = cpus();
  const probe = new Database(':memory:');
  const sqlite = (probe.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  probe.close();
  return {
    cpus: cpu.length,
    cpu: cpu[0]?.model ?? 'unknown',
    memoryGb: Math.round(totalmem() / 2 ** 30),
    platform: `${process.platform} ${process.arch}`,
    node: process.versions.node,
    sqlite,
  };
}

export async function runBench(argv: string[]): Promise<number> {
  const { only, options, json } = parseBenchArgs(argv);
  if (json) {
    // stdout carries the JSON only: every line of the scenarios goes to stderr.
    say = (line) => process.stderr.write(`${line}\n`);
    console.log = (...args: unknown[]) => process.stderr.write(`${format(...args)}\n`);
  }
  const results: ScenarioResult[] = [];
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
    say(
      `${b.name.padEnd(width)}  ${Math.round(perSecond).toLocaleString('en-US').padStart(12)} ${b.unit}/s${b.baseline ? ' (baseline)' : ratio}`,
    );
  }
  const chosenScenarios = scenarios.filter((s) => wanted(s.name));
  if (ordered.length + chosenScenarios.length === 0)
    throw new Error(
      `nothing is named ${only.join(' or ')}: ${[...benchmarks, ...scenarios].map((b) => b.name).join('; ')}`,
    );
  for (const s of chosenScenarios) await runScenario(s, options, results);
  if (json)
    process.stdout.write(
      `${JSON.stringify(
        {
          machine: machine(),
          scale: options.scale,
          scenarios: results.map((r) => ({
            name: r.name,
            value: r.value,
            unit: r.unit,
            floor: r.floor,
            ratio: costRatio(r),
            target: r.target,
            met: r.met,
          })),
        },
        null,
        2,
      )}\n`,
    );
  return 0;
}
