/**
 * Python runtime benchmark: Pyodide's cold boot in a fresh tab, and a warm run of a 30-test
 * unittest suite through the Python runtime, beside CPython running the same suite natively on
 * this machine (the ratio is for information: one is CPython in WebAssembly in a browser worker,
 * the other native).
 *
 *   npm run bench:python
 *
 * Figures: cold boot (a fresh browser context, empty cache: page loaded → runtime ready, which
 * includes fetching Pyodide's ~13 MB from the local server); warm test run p50/p95 (from the
 * call to the report); CPython `python3 -m unittest` wall time per process (interpreter start
 * included) and the suite alone inside one process. The last line is one JSON object.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import type {} from '../client/harness/HarnessApi.ts';
import { blockNonLoopback, chromiumLaunchOptions } from '../server/chromiumLaunchOptions.ts';
import { createServer } from '../server/createServer.ts';
import { percentile } from './percentile.ts';

const COLD_BOOTS = 3;
const WARM_RUNS = 15;
const NATIVE_RUNS = 7;
const clientDir = path.resolve(process.env.PAIRLANE_CLIENT_DIR || 'dist/client');

/** A small module and a 30-test unittest suite that does real work in each test. */
function suiteFiles(): Record<string, string> {
  const shapes = [
    'import math',
    '',
    'def primes(limit):',
    '    sieve = [True] * (limit + 1)',
    '    sieve[0:2] = [False, False]',
    '    for n in range(2, int(limit ** 0.5) + 1):',
    '        if sieve[n]:',
    '            sieve[n * n :: n] = [False] * len(range(n * n, limit + 1, n))',
    '    return [n for n, is_prime in enumerate(sieve) if is_prime]',
    '',
    'def words(text):',
    '    counts = {}',
    '    for word in text.lower().split():',
    '        counts[word] = counts.get(word, 0) + 1',
    '    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))',
    '',
    'def area(kind, size):',
    "    return math.pi * size ** 2 if kind == 'circle' else size ** 2",
    '',
  ].join('\n');
  const tests: string[] = ['import unittest', '', 'from shapes import area, primes, words', '', '', 'class SuiteTest(unittest.TestCase):'];
  for (let i = 0; i < 30; i += 1) {
    const limit = 2_000 + i * 100;
    if (i % 3 === 0) tests.push(`    def test_primes_${i}(self):`, `        found = primes(${limit})`, '        self.assertEqual(found[:5], [2, 3, 5, 7, 11])', `        self.assertTrue(all(p <= ${limit} for p in found))`, '');
    else if (i % 3 === 1) tests.push(`    def test_words_${i}(self):`, `        text = ' '.join(['alpha beta gamma alpha'] * ${50 + i})`, `        self.assertEqual(words(text)[0], ('alpha', ${2 * (50 + i)}))`, '');
    else tests.push(`    def test_area_${i}(self):`, `        self.assertAlmostEqual(area('circle', ${i}), 3.141592653589793 * ${i} ** 2)`, `        self.assertEqual(area('square', ${i}), ${i * i})`, '');
  }
  return { 'shapes.py': shapes, 'test_suite.py': `${tests.join('\n')}\n` };
}

interface NativeFigures {
  version: string;
  processMs: number[];
  suiteMs: number[];
}

function nativeRuns(files: Record<string, string>): NativeFigures | { unavailable: string } {
  // The interpreter itself, not a launcher shim (pyenv's is a shell script that would add its own start-up).
  const found = spawnSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' });
  if (found.status !== 0) return { unavailable: 'python3 is not installed (apt-get install python3)' };
  const python = found.stdout.trim();
  const version = spawnSync(python, ['--version'], { encoding: 'utf8' });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pairlane-python-bench-'));
  for (const [file, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, file), text);
  const processMs: number[] = [];
  const suiteMs: number[] = [];
  const inProcess = [
    'import time, unittest',
    'suite = unittest.defaultTestLoader.loadTestsFromName("test_suite")',
    'started = time.perf_counter()',
    'result = unittest.TestResult()',
    'suite.run(result)',
    'assert result.wasSuccessful() and result.testsRun == 30, result.errors + result.failures',
    'print((time.perf_counter() - started) * 1000)',
  ].join('\n');
  for (let i = 0; i < NATIVE_RUNS; i += 1) {
    const started = performance.now();
    const run = spawnSync(python, ['-m', 'unittest', '-q', 'test_suite'], { cwd: dir, encoding: 'utf8' });
    processMs.push(performance.now() - started);
    if (run.status !== 0) throw new Error(`CPython failed on the suite:\n${run.stdout}\n${run.stderr}`);
    const timed = spawnSync(python, ['-c', inProcess], { cwd: dir, encoding: 'utf8' });
    if (timed.status !== 0) throw new Error(`CPython failed on the suite:\n${timed.stderr}`);
    suiteMs.push(Number(timed.stdout.trim()));
  }
  fs.rmSync(dir, { recursive: true, force: true });
  return { version: (version.stdout || version.stderr).trim(), processMs, suiteMs };
}

async function coldBoot(browser: Browser, url: string): Promise<number> {
  const context = await browser.newContext();
  await blockNonLoopback(context);
  const page = await context.newPage();
  await page.goto(`${url}/harness.html`);
  await page.waitForFunction(() => window.pairlaneHarness !== undefined);
  const ms = await page.evaluate(async () => {
    const started = performance.now();
    await window.pairlaneHarness!.create('python');
    const readiness = await window.pairlaneHarness!.ready();
    if (!readiness.ok) throw new Error(readiness.reason);
    return performance.now() - started;
  });
  await context.close();
  return ms;
}

const round = (ms: number): number => Math.round(ms * 10) / 10;

async function main(): Promise<void> {
  const files = suiteFiles();
  const server = await createServer({ host: '127.0.0.1', port: 0, clientDir });
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    const boots: number[] = [];
    for (let i = 0; i < COLD_BOOTS; i += 1) boots.push(await coldBoot(browser, server.url));
    console.log(`cold boot (fresh context, empty cache): ${boots.map((ms) => `${Math.round(ms)} ms`).join(', ')}`);

    const context = await browser.newContext();
    await blockNonLoopback(context);
    const page = await context.newPage();
    await page.goto(`${server.url}/harness.html`);
    await page.waitForFunction(() => window.pairlaneHarness !== undefined);
    await page.evaluate(async () => {
      await window.pairlaneHarness!.create('python');
      await window.pairlaneHarness!.ready();
    });
    const warm: number[] = [];
    for (let i = 0; i <= WARM_RUNS; i += 1) {
      const { ms, passed } = await page.evaluate(async (f) => {
        const started = performance.now();
        const { outcome } = await window.pairlaneHarness!.test({ files: f });
        const ended = performance.now() - started;
        return { ms: ended, passed: outcome.kind === 'test' ? outcome.report.counts.passed : -1 };
      }, files);
      if (passed !== 30) throw new Error(`the suite did not pass in Pyodide (${passed} passed)`);
      if (i > 0) warm.push(ms); // the first run warms the interpreter's caches
    }
    await context.close();
    console.log(`warm 30-test unittest run in Pyodide: p50 ${Math.round(percentile(warm, 50))} ms, p95 ${Math.round(percentile(warm, 95))} ms`);

    const native = nativeRuns(files);
    const warmP50 = percentile(warm, 50);
    const figures: Record<string, unknown> = {
      bench: 'python',
      coldBootMs: { runs: boots.map(round), p50: round(percentile(boots, 50)) },
      warmTestRunMs: { runs: WARM_RUNS, p50: round(warmP50), p95: round(percentile(warm, 95)), tests: 30 },
    };
    if ('unavailable' in native) {
      console.log(`CPython: ${native.unavailable}`);
      figures.cpython = native;
    } else {
      const processP50 = percentile(native.processMs, 50);
      const suiteP50 = percentile(native.suiteMs, 50);
      console.log(`${native.version} natively: python3 -m unittest p50 ${Math.round(processP50)} ms per process; the suite alone p50 ${suiteP50.toFixed(1)} ms`);
      figures.cpython = { version: native.version, processMsP50: round(processP50), suiteMsP50: round(suiteP50) };
      figures.ratio = { warmRunVsNativeProcess: round(warmP50 / processP50), warmRunVsNativeSuite: round(warmP50 / suiteP50) };
    }
    figures.loadAverage = os.loadavg().map((l) => Math.round(l * 100) / 100);
    console.log(JSON.stringify(figures));
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();
