import { chromium } from 'playwright-core';
import { z } from 'zod';
import { isPythonTestFile } from '../../shared/isPythonTestFile.ts';
import { mergeTestReports } from '../../shared/mergeTestReports.ts';
import { OutputChunk, TestReport } from '../../shared/testReport.ts';
import { blockNonLoopback, chromiumLaunchOptions } from '../chromiumLaunchOptions.ts';
import { createServer } from '../createServer.ts';
import { runtimesForFolder, type CliRuntime } from './runtimesForFolder.ts';

export interface BrowserTestRun {
  /** The built client (with harness.html) to serve. */
  clientDir: string;
  files: Record<string, string>;
  /** Time limit for the whole test run (the runtime's own default when omitted). */
  timeoutMs?: number;
}

export interface BrowserTestResult {
  report: TestReport;
  output: OutputChunk[];
}

/**
 * What the CLI calls on the harness page's `window.pairlaneHarness`. The page's own type lives in
 * client/ (client/harness/HarnessApi.ts), which server code may not import; the answers are
 * checked with the shared zod schemas below instead, which is the check that matters at a
 * process boundary anyway.
 */
interface HarnessForCli {
  create(kind: CliRuntime): Promise<void>;
  ready(): Promise<unknown>;
  test(request: { files: Record<string, string>; testFiles?: string[]; timeoutMs?: number }): Promise<unknown>;
}
type HarnessGlobal = { pairlaneHarness: HarnessForCli };

const Readiness = z.union([z.object({ ok: z.literal(true) }), z.object({ ok: z.literal(false), reason: z.string() })]);
const TestAnswer = z.object({
  outcome: z.union([
    z.object({ kind: z.literal('test'), report: TestReport }),
    z.object({ kind: z.literal('rejected'), message: z.string() }),
  ]),
  trace: z.object({ output: z.array(OutputChunk) }),
});

/** Margin past the run's own time limit before the CLI gives up on the page. */
const PAGE_MARGIN_MS = 30_000;

/**
 * Runs the workspace's tests the way the playground does: serves the built client on a free
 * loopback port, opens the harness page in headless Chromium (every request beyond loopback
 * aborted) and runs them with the worker runtime, Python test files with Pyodide (both, one
 * after the other, for a folder that has both, merged into one report).
 */
export async function runTestsInBrowser(run: BrowserTestRun): Promise<BrowserTestResult> {
  const server = await createServer({ clientDir: run.clientDir, port: 0, host: '127.0.0.1' });
  const browser = await chromium.launch(chromiumLaunchOptions()).catch(async (error: unknown) => {
    await server.close();
    throw error;
  });
  try {
    const context = await browser.newContext();
    await blockNonLoopback(context);
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.setDefaultTimeout((run.timeoutMs ?? 30_000) + PAGE_MARGIN_MS);

    await page.goto(`${server.url}/harness.html`);
    await page.waitForFunction(() => 'pairlaneHarness' in globalThis, undefined, { timeout: 30_000 }).catch(() => {
      throw new Error(`The harness page did not start${pageErrors.length ? `: ${pageErrors.join('; ')}` : ''}.`);
    });
    const reports: TestReport[] = [];
    const output: OutputChunk[] = [];
    for (const kind of runtimesForFolder(Object.keys(run.files))) {
      const name = kind === 'python' ? 'Python runtime (Pyodide)' : 'worker runtime';
      await page.evaluate((k) => (globalThis as unknown as HarnessGlobal).pairlaneHarness.create(k), kind);
      const readiness = Readiness.parse(await page.evaluate(() => (globalThis as unknown as HarnessGlobal).pairlaneHarness.ready()));
      if (!readiness.ok) throw new Error(`The ${name} did not start: ${readiness.reason}`);
      const testFiles = kind === 'python' ? Object.keys(run.files).filter(isPythonTestFile).sort() : undefined;
      const request = { files: run.files, ...(testFiles ? { testFiles } : {}), ...(run.timeoutMs === undefined ? {} : { timeoutMs: run.timeoutMs }) };
      const answer = TestAnswer.parse(await page.evaluate((r) => (globalThis as unknown as HarnessGlobal).pairlaneHarness.test(r), request));
      if (answer.outcome.kind === 'rejected') throw new Error(`The ${name} failed: ${answer.outcome.message}`);
      reports.push(answer.outcome.report);
      output.push(...answer.trace.output);
    }
    const [first, second] = reports;
    if (!first) throw new Error('No runtime ran the tests.');
    return { report: second ? mergeTestReports(first, second) : first, output };
  } finally {
    await browser.close().catch(() => undefined);
    await server.close();
  }
}
