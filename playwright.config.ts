import { availableParallelism } from 'node:os';
import { defineConfig } from '@playwright/test';

/** End-to-end journeys in browser mode: each test starts its own LoanDesk host
 *  (src/main/host.ts) on a temp profile and drives Debian's Chromium against it. */
export default defineConfig({
  testDir: 'tests/e2e',
  globalSetup: './tests/e2e/global-setup.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // Each test has its own host and profile, so journeys run side by side: two on a
  // 2-core machine (CI's), where Playwright's default would be one.
  workers: Math.max(2, Math.floor(availableParallelism() / 2)),
  retries: 0,
  fullyParallel: false,
  reporter: 'list',
  outputDir: 'test-results',
  use: {
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
    viewport: { width: 1366, height: 768 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
