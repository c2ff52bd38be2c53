import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from '../server/chromiumLaunchOptions.ts';

/**
 * e2e runs the built client (dist/client, made by `npm run build`) behind the real server,
 * started once on an ephemeral port by globalSetup, in the system's Chromium.
 */
export default defineConfig({
  testDir: '.',
  testMatch: /.*\.spec\.ts$/,
  globalSetup: './globalSetup.ts',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  forbidOnly: true,
  reporter: [['list'], ['./closingLineReporter.ts']],
  use: {
    browserName: 'chromium',
    launchOptions: chromiumLaunchOptions(),
    viewport: { width: 1280, height: 800 },
    trace: 'off',
  },
});
