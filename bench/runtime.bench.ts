/**
 * Runtime benchmark: how fast the edit → test-result loop is in the browser, beside vitest in
 * Node on the same files, measured in the same run.
 *
 *   npm run bench:runtime
 *
 * Figures: warm edit-to-test-result (p50/p95 over repeated edits) for the 5-file, 50-test project
 * in Chromium through the worker runtime; `vitest run` cold on the same files (median of
 * repeated process starts); page load to editor ready (cold cache); JS transferred for that page
 * load, gzip. The last line is one JSON object with every figure.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
// For the type of window.pairlaneHarness, which the harness page sets.
import type {} from '../client/harness/HarnessApi.ts';
import { blockNonLoopback, chromiumLaunchOptions } from '../server/chromiumLaunchOptions.ts';
import { createServer } from '../server/createServer.ts';
import { BENCH_PROJECT_TESTS, benchProject } from './benchProject.ts';
import { percentile } from './percentile.ts';

const WARM_RUNS = 30;
const VITEST_RUNS = 5;
const PAGE_LOADS = 5;
const clientDir = path.resolve(process.env.PAIRLANE_CLIENT_DIR || 'dist/client');

function vitestColdRuns(): number[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pairlane-bench-'));
  for (const [file, text] of Object.entries(benchProject())) {
    fs.mkdirSync(path.join(dir, path.dirname(file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  const vitest = path.resolve('node_modules/vitest/vitest.mjs');
  const times: number[] = [];
  for (let i = 0; i < VITEST_RUNS; i++) {
    const started = performance.now();
    const result = spawnSync(process.execPath, [vitest, 'run', '--root', dir, '--reporter=dot'], { cwd: dir, encoding: 'utf8' });
    times.push(performance.now() - started);
    if (result.status !== 0) throw new Error(`vitest failed on the bench project:\n${result.stdout}\n${result.stderr}`);
  }
  fs.rmSync(dir, { recursive: true, force: true });
  return times;
}

async function main(): Promise<void> {
  const server = await createServer({ host: '127.0.0.1', port: 0, clientDir });
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    // Warm edit-to-test-result: the runtime is booted and has run once; each iteration is an
    // edit (new file contents) followed by a full test run, timed from the call to the report.
    const context = await browser.newContext();
    await blockNonLoopback(context);
    const page = await context.newPage();
    await page.goto(`${server.url}/harness.html`);
    await page.waitForFunction(() => document.documentElement.dataset.harness === 'ready');
    const boot = await page.evaluate(async () => {
      await window.pairlaneHarness!.create('worker');
      return window.pairlaneHarness!.ready();
    });
    if (!boot.ok) throw new Error(`worker runtime did not boot: ${boot.reason}`);

    const coldStarted = performance.now();
    const first = await page.evaluate((files) => window.pairlaneHarness!.test({ files }), benchProject(0));
    const firstRunMs = performance.now() - coldStarted;
    if (first.outcome.kind !== 'test' || first.outcome.report.counts.passed !== BENCH_PROJECT_TESTS) {
      throw new Error(`bench project did not pass in the browser: ${JSON.stringify(first.outcome).slice(0, 2000)}`);
    }

    const projects = Array.from({ length: WARM_RUNS }, (_, i) => benchProject(i + 1));
    const warm = await page.evaluate(async (revisions) => {
      const times: number[] = [];
      for (const files of revisions) {
        const started = performance.now();
        const { outcome } = await window.pairlaneHarness!.test({ files });
        times.push(performance.now() - started);
        if (outcome.kind !== 'test' || outcome.report.status !== 'passed') throw new Error('a warm run failed');
      }
      return times;
    }, projects);
    await context.close();

    // Page load to editor ready, each in a fresh context (empty cache), plus the JS it moved.
    const loads: number[] = [];
    let jsGzipBytes = 0;
    let jsTransferredBytes = 0;
    let jsFiles = 0;
    for (let i = 0; i < PAGE_LOADS; i++) {
      const ctx = await browser.newContext();
      await blockNonLoopback(ctx);
      const p = await ctx.newPage();
      const jsUrls = new Set<string>();
      p.on('response', (response) => {
        const url = new URL(response.url());
        if (url.pathname.endsWith('.js')) jsUrls.add(url.pathname);
      });
      await p.goto(server.url);
      await p.waitForFunction(() => performance.getEntriesByName('pairlane:editor-ready').length > 0, undefined, { timeout: 60_000 });
      loads.push(await p.evaluate(() => performance.getEntriesByName('pairlane:editor-ready')[0]!.startTime));
      if (i === 0) {
        jsFiles = jsUrls.size;
        for (const pathname of jsUrls) {
          const file = path.join(clientDir, pathname);
          jsGzipBytes += fs.existsSync(`${file}.gz`) ? fs.statSync(`${file}.gz`).size : fs.statSync(file).size;
        }
        jsTransferredBytes = await p.evaluate(() =>
          performance
            .getEntriesByType('resource')
            .filter((e) => e.name.endsWith('.js'))
            .reduce((total, e) => total + (e as PerformanceResourceTiming).encodedBodySize, 0),
        );
      }
      await ctx.close();
    }

    const vitest = vitestColdRuns();
    const warmP50 = percentile(warm, 50);
    const vitestMedian = percentile(vitest, 50);
    const figures = {
      bench: 'runtime',
      project: { files: 5, tests: BENCH_PROJECT_TESTS },
      warmEditToResultMs: { p50: round(warmP50), p95: round(percentile(warm, 95)), runs: WARM_RUNS },
      firstRunAfterBootMs: round(firstRunMs),
      vitestColdRunMs: { median: round(vitestMedian), runs: VITEST_RUNS },
      ratioVitestColdToWarm: round(vitestMedian / warmP50),
      pageLoadToEditorReadyMs: { p50: round(percentile(loads, 50)), max: round(Math.max(...loads)), loads: PAGE_LOADS },
      js: { files: jsFiles, gzipBytes: jsGzipBytes, transferredBytes: jsTransferredBytes },
      // Other work on the machine slows every figure; the 1-minute load says how busy it was.
      machine: { cpus: os.cpus().length, node: process.version, loadAverage1m: round(os.loadavg()[0] ?? 0) },
    };
    console.log(`warm edit → test result   p50 ${figures.warmEditToResultMs.p50} ms, p95 ${figures.warmEditToResultMs.p95} ms (${WARM_RUNS} runs; target < 250 ms)`);
    console.log(`vitest run (cold, Node)   median ${figures.vitestColdRunMs.median} ms (${VITEST_RUNS} runs)`);
    console.log(`ratio vitest cold / warm  ${figures.ratioVitestColdToWarm}× (target ≥ 5×)`);
    console.log(`page load → editor ready  p50 ${figures.pageLoadToEditorReadyMs.p50} ms (cold cache)`);
    console.log(`JS for first load         ${jsFiles} files, ${(jsGzipBytes / 1024).toFixed(0)} KiB gzip, ${(jsTransferredBytes / 1024).toFixed(0)} KiB as sent`);
    console.log(JSON.stringify(figures));
  } finally {
    await browser.close();
    await server.close();
  }
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

await main();
