/** `loandesk bench`: the benchmark suite (bench/run.ts), the same as `npm run bench`.
 *  `--scale N` runs the scale scenarios on a book of N active loans (kept between
 *  runs, resumable), `--quick` on 100,000, `--json` prints the results as JSON on
 *  stdout (the progress goes to stderr). */
import { UsageError, type CliCommand } from '../types';

export const benchCommand: CliCommand = {
  name: 'bench',
  summary: 'benchmarks against the raw SQLite cost of the same rows (--scale N, --quick, --json)',
  usage:
    'loandesk bench [TEXT...] [--scale N] [--quick] [--large] [--json]\nTEXT runs only the benchmarks whose names contain it (e.g. scale, eod, replay, sync).\n--scale N: the scale scenarios on N active loans (default 1,000,000; --quick: 100,000).\n--json: { machine, scale, scenarios: [{ name, value, unit, floor, ratio, target, met }] } on stdout.',
  async run(argv) {
    const { parseBenchArgs, runBench } = await import('../../../bench/run');
    try {
      parseBenchArgs(argv);
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    return runBench(argv);
  },
};
