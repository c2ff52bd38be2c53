import { TestReport } from '../shared/testReport.ts';
import { expect, test } from './fixtures.ts';

/**
 * User code must not reach the app: a hostile test file, run by the worker runtime from a page
 * of the app's origin that holds a cookie and a localStorage secret, tries to read them, to read
 * parent.document, and to call the app's origin with credentials. Every attempt must fail, and
 * the server must never see the credentialed request.
 */
const SECRET = 'pairlane-secret-7f3a';

function hostileTests(appOrigin: string, probePath: string): string {
  return `import { test, expect } from 'vitest';

// Each test passes only if the attempt FAILS: it returns "blocked: <why>" or the stolen value.
function attempt(steal: () => unknown): string {
  try {
    const value = steal();
    return typeof value === 'string' && value.includes(${JSON.stringify(SECRET)}) ? 'STOLEN ' + value : 'blocked: no secret in ' + String(value).slice(0, 80);
  } catch (error) {
    return 'blocked: ' + (error as Error).name;
  }
}

test('document.cookie', () => {
  expect(attempt(() => (globalThis as any).document.cookie)).toMatch(/^blocked/);
});

test('localStorage', () => {
  expect(attempt(() => (globalThis as any).localStorage.getItem('pairlane-secret'))).toMatch(/^blocked/);
});

test('parent.document', () => {
  expect(attempt(() => (globalThis as any).parent.document.cookie)).toMatch(/^blocked/);
  expect(attempt(() => (globalThis as any).top.document.body.innerHTML)).toMatch(/^blocked/);
});

test('indexedDB of the app', async () => {
  const outcome = await new Promise<string>((resolve) => {
    try {
      const request = indexedDB.open('pairlane-probe');
      request.onsuccess = () => resolve('opened');
      request.onerror = () => resolve('blocked: ' + request.error?.name);
    } catch (error) {
      resolve('blocked: ' + (error as Error).name);
    }
  });
  expect(outcome).toMatch(/^blocked/);
});

test('fetch the app origin with credentials', async () => {
  const outcome = await fetch(${JSON.stringify(appOrigin + probePath)}, { credentials: 'include' }).then(
    async (response) => 'STOLEN ' + response.status + ' ' + (await response.text()).slice(0, 80),
    (error: Error) => 'blocked: ' + error.name,
  );
  expect(outcome).toMatch(/^blocked/);
});

test('XMLHttpRequest and WebSocket to the app origin', async () => {
  const xhr = await new Promise<string>((resolve) => {
    try {
      const request = new XMLHttpRequest();
      request.open('GET', ${JSON.stringify(appOrigin + probePath)});
      request.withCredentials = true;
      request.onload = () => resolve('STOLEN ' + request.status);
      request.onerror = () => resolve('blocked: error');
      request.send();
    } catch (error) {
      resolve('blocked: ' + (error as Error).name);
    }
  });
  expect(xhr).toMatch(/^blocked/);
  const ws = await new Promise<string>((resolve) => {
    try {
      const socket = new WebSocket(${JSON.stringify(appOrigin.replace(/^http/, 'ws') + '/socket.io/?EIO=4&transport=websocket')});
      socket.onopen = () => resolve('STOLEN open');
      socket.onerror = () => resolve('blocked: error');
    } catch (error) {
      resolve('blocked: ' + (error as Error).name);
    }
  });
  expect(ws).toMatch(/^blocked/);
});
`;
}

test('user code cannot read the app’s cookies, storage or DOM, nor call its origin', async ({ page, baseURL }) => {
  const probePath = `/healthz?probe=${Date.now()}`;
  // Chromium reports a request the CSP blocked as a failed request that never left the browser;
  // a request that reached the server would finish with a response.
  const answered: string[] = [];
  const blocked: string[] = [];
  page.context().on('requestfinished', (request) => {
    if (request.url().includes('probe=')) answered.push(request.url());
  });
  page.context().on('requestfailed', (request) => {
    if (request.url().includes('probe=')) blocked.push(request.failure()?.errorText ?? 'failed');
  });

  await page.goto('/harness.html');
  await page.waitForFunction(() => window.pairlaneHarness !== undefined);
  await page.evaluate((secret) => {
    document.cookie = `pairlane-secret=${secret}; path=/`;
    localStorage.setItem('pairlane-secret', secret);
  }, SECRET);
  expect(await page.evaluate(() => document.cookie)).toContain(SECRET);

  await page.evaluate(() => window.pairlaneHarness!.create('worker'));
  expect(await page.evaluate(() => window.pairlaneHarness!.ready())).toMatchObject({ ok: true });
  const { outcome } = await page.evaluate(
    (files) => window.pairlaneHarness!.test({ files }),
    { 'src/hostile.test.ts': hostileTests(baseURL!, probePath) },
  );
  if (outcome.kind !== 'test') throw new Error(JSON.stringify(outcome));
  const report = TestReport.parse(outcome.report);
  const failures = report.files.flatMap((f) => f.tests.filter((t) => t.status !== 'passed').map((t) => `${t.name}: ${t.error?.message}`));
  expect(failures, 'every attempt is blocked').toEqual([]);
  expect(report.counts.passed).toBe(6);
  expect(answered, 'the server never answers a request from user code').toEqual([]);
  expect(blocked.length, 'the credentialed fetch was attempted').toBeGreaterThanOrEqual(1);
  for (const reason of blocked) expect(reason, 'stopped by the sandbox CSP, before the network').toMatch(/csp/i);

  // The sandbox document itself is opaque: even code that escaped the worker would find nothing.
  const sandbox = page.frames().find((frame) => frame.url().includes('/sandbox.html'));
  if (!sandbox) throw new Error('the sandbox iframe is not in the page');
  const fromSandbox = await sandbox.evaluate(() => {
    const probe = (read: () => unknown) => {
      try {
        return String(read());
      } catch (error) {
        return `blocked: ${(error as Error).name}`;
      }
    };
    return {
      origin: self.origin,
      cookie: probe(() => document.cookie),
      storage: probe(() => localStorage.getItem('pairlane-secret')),
      parent: probe(() => window.parent.document.cookie),
    };
  });
  expect(fromSandbox.origin).toBe('null');
  expect(fromSandbox.cookie).toMatch(/^blocked: SecurityError/);
  expect(fromSandbox.storage).toMatch(/^blocked: SecurityError/);
  expect(fromSandbox.parent).toMatch(/^blocked: SecurityError/);
});
