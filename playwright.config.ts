import path from 'node:path';
import { defineConfig } from '@playwright/test';

// Debian's Chromium; Playwright must never download a browser. Global setup fails at once when it is missing.
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// `npm run test:e2e` runs `next build` first; this config only serves the build (see tests/e2e/global-setup.ts).
export default defineConfig({
  testDir: './tests/e2e',
  testMatch: '**/*.spec.ts',
  outputDir: path.join('tests', 'e2e', '.artifacts', 'results'),
  globalSetup: './tests/e2e/global-setup.ts',
  // One server shared by all tests, whose state each test builds on: one worker, in order.
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  reporter: 'list',
  // Generous: on a loaded or slow machine (seen: a VM running the suite 4× slower than usual) a test with
  // several axe scans takes over a minute. Timeouts here only catch hangs; speed is measured in bench/.
  timeout: 180_000,
  expect: { timeout: 20_000 },
  use: {
    // Set by global setup (MAILPANEL_E2E_BASE_URL) before the workers load this file.
    baseURL: process.env.MAILPANEL_E2E_BASE_URL,
    browserName: 'chromium',
    viewport: { width: 1280, height: 800 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath,
      args: [
        '--no-sandbox',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-gpu',
      ],
    },
  },
  projects: [{ name: 'chromium' }],
});
