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
    // The demo company without its generated history, unless a test asks for it.
    env: { LOANDESK_DEMO_CUSTOMERS: '0' },
  },
});
