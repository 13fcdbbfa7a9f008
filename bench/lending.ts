/** Lending-core benchmarks: 36-period annuity schedules and annualized-rate solves. */
import { annualizedRate } from '../src/core/apr/annualized';
import { buildSchedule } from '../src/core/schedule/index';
import type { Schedule } from '../src/core/schedule/types';
import { registerBenchmark } from './registry';

let counter = 0;

registerBenchmark({
  name: 'core: 36-period annuity schedule',
  unit: 'schedules',
  run: () => {
    const batch = 20;
    for (let i = 0; i < batch; i++) {
      counter++;
      buildSchedule({
        principalFen: 1_000_000 + (counter % 1000) * 100,
        rateAnnual: '0.1788',
        periods: 36,
        method: 'annuity',
        startDate: '2024-01-15',
      });
    }
    return batch;
  },
});

let schedules: Schedule[] = [];

registerBenchmark({
  name: 'core: annualized rate (IRR) of a 36-period schedule',
  unit: 'solves',
  setup: () => {
    schedules = Array.from({ length: 50 }, (_, i) =>
      buildSchedule({
        principalFen: 1_000_000 + i * 1000,
        rateAnnual: '0.1788',
        periods: 36,
        method: 'annuity',
        startDate: '2024-01-15',
        upfrontFeeFen: 20_000,
      }),
    );
  },
  run: () => {
    for (const s of schedules) annualizedRate(s);
    return schedules.length;
  },
});
