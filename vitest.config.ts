import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Unit and integration tests live beside the code (src/**/*.test.ts[x]); journeys
// are Playwright's (tests/e2e) and are not collected here.
export default defineConfig({
  test: {
    globals: true,
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'tests/integration/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // At least two files at once: most wait on fsync, a PostgreSQL or a child process, so
    // on a 2-core machine (CI's) two workers halve the run where vitest's default is one.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // The demo company without its generated history, unless a test asks for it.
    env: { LOANDESK_DEMO_CUSTOMERS: '0' },
  },
});
