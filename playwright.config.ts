import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

/** Debian's Chromium where there is one: Playwright's own browser cannot be downloaded offline. */
function chromiumExecutable(): string | undefined {
  if (process.env.SPANWISE_CHROMIUM) return process.env.SPANWISE_CHROMIUM;
  return existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
}

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  workers: 2,
  retries: 0,
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: 'list',
  use: {
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    // Set here, not per project: any fixture that touches `page` launches with these.
    launchOptions: {
      executablePath: chromiumExecutable(),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [
    {
      name: 'browser',
      testIgnore: /\.electron\.spec\.ts$/,
      use: { browserName: 'chromium', viewport: { width: 1280, height: 860 } },
    },
    { name: 'electron', testMatch: /\.electron\.spec\.ts$/ },
  ],
});
