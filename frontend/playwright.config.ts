import { defineConfig } from '@playwright/test';

// Real headless Chromium from Debian (`apt-get install chromium`); Playwright's own browser
// downloads are not used.
export default defineConfig({
  testDir: 'e2e',
  outputDir: 'target/e2e-results',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
    headless: true,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
