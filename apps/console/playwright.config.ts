import { defineConfig } from '@playwright/test';

/**
 * Browser tests against a whole stack (infra/console-stack.ts sets CONSOLE_URL and API_URL): Debian's Chromium, one
 * worker (the scenarios share the demo book and run in file order), no retries, no HTML report.
 */
export default defineConfig({
  testDir: 'e2e',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 20_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/results.json' }]],
  use: {
    // With the trailing slash, page.goto('queue') opens /console/queue.
    baseURL: `${(process.env.CONSOLE_URL ?? 'http://127.0.0.1:3700/console').replace(/\/$/, '')}/`,
    viewport: { width: 1400, height: 900 },
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' },
    trace: 'off',
    screenshot: 'off',
  },
});
