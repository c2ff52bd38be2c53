import { test as base, expect } from '@playwright/test';
import { blockNonLoopback } from '../server/chromiumLaunchOptions.ts';

/**
 * Every e2e test gets a context whose requests beyond loopback are aborted at once, and a
 * baseURL pointing at the server globalSetup started.
 */
export const test = base.extend({
  // Playwright reads a fixture's dependencies from its destructuring pattern; this one has none.
  // eslint-disable-next-line no-empty-pattern
  baseURL: async ({}, use) => {
    const url = process.env.PAIRLANE_E2E_URL;
    if (!url) throw new Error('PAIRLANE_E2E_URL is not set: run e2e through e2e/playwright.config.ts');
    await use(url);
  },
  context: async ({ context }, use) => {
    await blockNonLoopback(context);
    await use(context);
  },
});

export { expect };
