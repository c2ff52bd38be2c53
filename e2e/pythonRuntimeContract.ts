import type { Page } from '@playwright/test';
import type { HarnessReadiness } from '../client/harness/HarnessApi.ts';
import { RUNTIME_DEFAULTS } from '../client/runtime/Runtime.ts';
import { blockNonLoopback } from '../server/chromiumLaunchOptions.ts';
import { expect, test as base } from './fixtures.ts';
import { findTest, outcomeOf, programRun, startRun, startTest, stdoutText, testRun, traceOf, userOutput } from './harnessCalls.ts';

interface PythonUnderTest {
  page: Page;
  readiness: HarnessReadiness;
}

/**
 * The runtime contract's cases that apply to Python, in Python, run against the Python runtime
 * through the harness page in real Chromium. `stopBy` picks how Stop ends a run: 'auto' (the
 * interrupt buffer: the sandbox is cross-origin isolated here) or 'terminate' (the path a page
 * without cross-origin isolation takes); both must leave the next run working.
 */
export function definePythonRuntimeContract(stopBy: 'auto' | 'terminate'): void {
  const test = base.extend<object, { python: PythonUnderTest }>({
    python: [
      async ({ browser }, use) => {
        const baseURL = process.env.PAIRLANE_E2E_URL;
        if (!baseURL) throw new Error('PAIRLANE_E2E_URL is not set: run e2e through e2e/playwright.config.ts');
        const context = await browser.newContext({ baseURL });
        await blockNonLoopback(context);
        const page = await context.newPage();
        await page.goto('/harness.html');
        await page.waitForFunction(() => window.pairlaneHarness !== undefined);
        await page.evaluate((s) => window.pairlaneHarness!.create('python', { stopBy: s }), stopBy);
        const readiness = await page.evaluate(() => window.pairlaneHarness!.ready());
        await use({ page, readiness });
        await page.evaluate(() => window.pairlaneHarness!.dispose()).catch(() => undefined);
        await context.close();
      },
      { scope: 'worker', timeout: 120_000 },
    ],
  });

  test.describe(`runtime contract: python (stop by ${stopBy})`, () => {
    test.beforeEach(({ python }) => {
      expect(python.readiness, 'Pyodide boots offline').toMatchObject({ ok: true });
    });

    test.describe('programs', () => {
      test("streams a program's stdout and stderr in order, while it runs", async ({ python: { page } }) => {
        const id = await startRun(page, { entry: 'src/main.py', files: { 'src/main.py': "import sys, time\ngreeting: str = 'one'\nprint(greeting)\nprint('two')\nprint('oops', file=sys.stderr)\ntime.sleep(2.5)\nprint('three')\n" } });
        await expect.poll(async () => stdoutText((await traceOf(page, id)).output), { timeout: 20_000 }).toContain('two');
        expect((await traceOf(page, id)).endedAtMs, 'output arrives before the run ends').toBeUndefined();
        const outcome = await outcomeOf(page, id);
        expect(outcome.kind === 'program' && outcome.result.status).toBe('ok');
        expect(userOutput((await traceOf(page, id)).output)).toEqual([
          { stream: 'stdout', text: 'one\ntwo\n' },
          { stream: 'stderr', text: 'oops\n' },
          { stream: 'stdout', text: 'three\n' },
        ]);
      });

      test("reports a program's uncaught exception at its line in the module that raised it", async ({ python: { page } }) => {
        const { result, trace } = await programRun(page, {
          entry: 'src/main.py',
          files: {
            'src/shapes.py': "import math\n\ndef area(kind: str, size: float) -> float:\n    if kind == 'circle':\n        return math.pi * size ** 2\n    raise ValueError(f'kaboom: no formula for {kind}')\n",
            'src/main.py': "from shapes import area\n\nprint('start')\nfor kind in ['circle', 'square']:\n    last = area(kind, 2)\nprint(last)\n",
          },
        });
        expect(result.status).toBe('error');
        expect(result.error?.message).toContain('ValueError: kaboom: no formula for square');
        expect(result.error?.location).toMatchObject({ file: 'src/shapes.py', line: 6 });
        expect(result.error?.stack).toContain('src/main.py');
        expect(stdoutText(trace.output)).toBe('start\n');
      });

      test('reports a syntax error as a build-error diagnostic at its line', async ({ python: { page } }) => {
        const { result } = await programRun(page, { entry: 'main.py', files: { 'main.py': 'a = 1\nb = a +\nprint(b)\n' } });
        expect(result.status).toBe('build-error');
        expect(result.diagnostics[0]).toMatchObject({ severity: 'error', location: { file: 'main.py', line: 2 } });
        expect(result.diagnostics[0]?.message).toMatch(/SyntaxError/);
      });

      test('says which imported package is not available offline', async ({ python: { page } }) => {
        const { result } = await programRun(page, { entry: 'main.py', files: { 'main.py': 'import json\nimport numpy as np\nprint(np.zeros(3))\n' } });
        expect(result.status).toBe('build-error');
        expect(result.diagnostics).toHaveLength(1);
        expect(result.diagnostics[0]?.message).toContain("'numpy'");
        expect(result.diagnostics[0]?.message).toMatch(/not available offline/);
        expect(result.diagnostics[0]?.location).toMatchObject({ file: 'main.py', line: 2 });
      });

      test('stops an infinite loop at the time limit, and the next run works', async ({ python: { page } }) => {
        await programRun(page, { entry: 'main.py', files: { 'main.py': 'import builtins\nbuiltins.pairlane_marker = 42\n' } });
        const timeoutMs = 2_000;
        const { result, trace } = await programRun(page, { entry: 'main.py', timeoutMs, files: { 'main.py': "print('spinning')\nn = 0\nwhile True:\n    n += 1\n" } });
        expect(result.status).toBe('timeout');
        expect(trace.endedAtMs ?? Infinity).toBeLessThan(timeoutMs + 15_000);
        expect(stdoutText(trace.output)).toBe('spinning\n');

        const next = await programRun(page, { entry: 'main.py', files: { 'main.py': "import builtins\nprint('alive', getattr(builtins, 'pairlane_marker', None))\n" } });
        expect(next.result.status).toBe('ok');
        // Interrupted, the interpreter is the same warm one; terminated, it is a fresh one.
        expect(stdoutText(next.trace.output)).toBe(stopBy === 'auto' ? 'alive 42\n' : 'alive None\n');
      });

      test('stop() ends a running program, and the next run works', async ({ python: { page } }) => {
        const id = await startRun(page, { entry: 'main.py', timeoutMs: 60_000, files: { 'main.py': "import time\nn = 0\nwhile True:\n    n += 1\n    print(f'tick {n}')\n    time.sleep(0.05)\n" } });
        await expect.poll(async () => stdoutText((await traceOf(page, id)).output), { timeout: 20_000 }).toContain('tick 1');
        await page.evaluate(() => window.pairlaneHarness!.stop());
        const outcome = await outcomeOf(page, id);
        expect(outcome.kind === 'program' && outcome.result.status).toBe('stopped');
        const next = await programRun(page, { entry: 'main.py', files: { 'main.py': "print('after stop')\n" } });
        expect(next.result.status).toBe('ok');
        expect(stdoutText(next.trace.output)).toBe('after stop\n');
      });

      test('answers input() through the listener, and reads end of file when there is no answer', async ({ python: { page } }) => {
        const id = await startRun(page, { entry: 'main.py', files: { 'main.py': "name = input('Your name? ')\nprint(f'Hello, {name}!')\ntry:\n    input()\nexcept EOFError:\n    print('no more input')\n" } });
        await expect.poll(async () => (await traceOf(page, id)).inputRequests, { timeout: 20_000 }).toBe(1);
        expect(stdoutText((await traceOf(page, id)).output)).toBe('Your name? ');
        await page.evaluate((i) => window.pairlaneHarness!.answerInput(i, 'Ada'), id);
        await expect.poll(async () => (await traceOf(page, id)).inputRequests, { timeout: 20_000 }).toBe(2);
        await page.evaluate((i) => window.pairlaneHarness!.answerInput(i, null), id);
        const outcome = await outcomeOf(page, id);
        expect(outcome.kind === 'program' && outcome.result.status).toBe('ok');
        expect(stdoutText((await traceOf(page, id)).output)).toBe('Your name? Hello, Ada!\nno more input\n');
      });

      test('truncates megabytes of output with a system note', async ({ python: { page } }) => {
        const { result, trace } = await programRun(page, {
          entry: 'main.py',
          timeoutMs: 30_000,
          files: { 'main.py': "line = 'x' * 99\nfor _ in range(30_000):\n    print(line)\nprint('done')\n" },
        });
        expect(result.status).toBe('ok');
        const bytes = new TextEncoder().encode(stdoutText(trace.output)).length;
        expect(bytes).toBeLessThanOrEqual(RUNTIME_DEFAULTS.maxOutputBytes);
        expect(bytes).toBeGreaterThan(RUNTIME_DEFAULTS.maxOutputBytes * 0.9);
        expect(trace.output.filter((c) => c.stream === 'system').map((c) => c.text).join('\n')).toMatch(/truncat/i);
      });
    });

    test.describe('tests', () => {
      test('runs unittest cases and pytest-style functions: counts, statuses, streamed results', async ({ python: { page } }) => {
        const { report, trace } = await testRun(page, {
          testFiles: ['tests/test_count.py'],
          files: {
            'tests/test_count.py': [
              'import unittest',
              '',
              'def test_passes():',
              '    assert 1 + 1 == 2',
              '',
              'def test_fails():',
              '    assert 2 == 3',
              '',
              '@unittest.skip("not today")',
              'def test_skipped():',
              '    raise RuntimeError("never runs")',
              '',
              'class Counting(unittest.TestCase):',
              '    def test_equal(self):',
              '        self.assertEqual([1], [1])',
              '',
              '    @unittest.skip("later")',
              '    def test_skipped_too(self):',
              '        pass',
              '',
              'class TestPlain:',
              '    def test_method(self):',
              '        assert "a" in "abc"',
            ].join('\n'),
            'tests/test_other.py': 'def test_not_asked_for():\n    pass\n',
          },
        });
        expect(report.status).toBe('failed');
        expect(report.runtime).toBe('python');
        expect(report.counts).toEqual({ passed: 3, failed: 1, skipped: 2, todo: 0, total: 6 });
        expect(report.files.map((f) => [f.file, f.status])).toEqual([['tests/test_count.py', 'failed']]);
        expect(findTest(report, 'tests/test_count.py', 'Counting > test_equal')).toMatchObject({ name: 'test_equal', ancestors: ['Counting'], status: 'passed' });
        expect(findTest(report, 'tests/test_count.py', 'TestPlain > test_method').status).toBe('passed');
        expect(findTest(report, 'tests/test_count.py', 'test_skipped').status).toBe('skipped');
        expect(findTest(report, 'tests/test_count.py', 'test_passes').location).toMatchObject({ file: 'tests/test_count.py', line: 3 });
        const streamed = new Map(trace.testResults.map((t) => [t.fullName, t.status]));
        for (const name of ['test_passes', 'test_fails', 'Counting > test_equal']) expect(streamed.get(name)).toBe(findTest(report, 'tests/test_count.py', name).status);
      });

      test('gives a failing plain assert its line and the values of both operands', async ({ python: { page } }) => {
        const { report } = await testRun(page, {
          files: {
            'stats.py': 'def mean(values):\n    return sum(values) / len(values)\n',
            'test_stats.py': 'from stats import mean\n\n\ndef test_mean():\n    values = [1, 2, 3, 4]\n    assert mean(values) == 3\n',
          },
        });
        const failed = findTest(report, 'test_stats.py', 'test_mean');
        expect(failed.status).toBe('failed');
        expect(failed.error?.message).toContain('assert 2.5 == 3');
        expect(failed.error?.message).toContain('mean(values) == 3');
        expect(failed.error).toMatchObject({ expected: '3', actual: '2.5', location: { file: 'test_stats.py', line: 6 } });
        expect(failed.error?.diff).toContain('- 3');
        expect(failed.error?.diff).toContain('+ 2.5');
      });

      test("gives a failing unittest assertion its message and line", async ({ python: { page } }) => {
        const { report } = await testRun(page, {
          files: { 'roles_test.py': "import unittest\n\nclass Roles(unittest.TestCase):\n    def test_editor(self):\n        roles = ['reader']\n        self.assertIn('editor', roles)\n" },
        });
        const failed = findTest(report, 'roles_test.py', 'Roles > test_editor');
        expect(failed.error?.message).toContain("'editor' not found in ['reader']");
        expect(failed.error?.location).toMatchObject({ file: 'roles_test.py', line: 6 });
      });

      test('fails a test file that raises at import, and still runs the others', async ({ python: { page } }) => {
        const { report } = await testRun(page, {
          files: {
            'test_boom.py': "import os\n\nraise RuntimeError('top-level boom: no url configured')\n\ndef test_never():\n    pass\n",
            'test_fine.py': 'def test_fine():\n    assert 1 + 1 == 2\n',
          },
        });
        expect(report.status).toBe('failed');
        const boom = report.files.find((f) => f.file === 'test_boom.py');
        expect(boom?.status).toBe('failed');
        expect(boom?.error?.message).toContain('top-level boom');
        expect(boom?.error?.location).toMatchObject({ file: 'test_boom.py', line: 3 });
        expect(findTest(report, 'test_fine.py', 'test_fine').status).toBe('passed');
      });

      test('reports a syntax error in a test file as a build-error diagnostic at its line', async ({ python: { page } }) => {
        const { report } = await testRun(page, { files: { 'test_broken.py': 'def test_adds():\n    total = 1 +\n    assert total == 1\n' } });
        expect(report.status).toBe('build-error');
        expect(report.diagnostics.find((d) => d.location?.file === 'test_broken.py')?.location?.line).toBe(2);
      });

      test('runs the files that load next to one that does not: the run failed, not a build error', async ({ python: { page } }) => {
        const { report } = await testRun(page, {
          files: { 'test_broken.py': 'def test_x(:\n    pass\n', 'test_fine.py': 'def test_fine():\n    assert 2 * 2 == 4\n' },
        });
        expect(report.status).toBe('failed');
        expect(report.diagnostics.find((d) => d.location?.file === 'test_broken.py')?.location?.line).toBe(1);
        expect(report.files.find((f) => f.file === 'test_broken.py')?.status).toBe('failed');
        expect(report.counts).toMatchObject({ passed: 1, failed: 0 });
      });

      test('fails a test run with no Python test files, saying so', async ({ python: { page } }) => {
        const { report } = await testRun(page, { files: { 'main.py': "print('no tests here')\n" } });
        expect(report.status).toBe('failed');
        expect(report.files).toEqual([]);
        expect(report.diagnostics.map((d) => d.message).join('\n')).toMatch(/no python test files/i);
      });

      test('says pytest and other packages are not available offline', async ({ python: { page } }) => {
        const { report } = await testRun(page, { files: { 'test_fixture.py': 'import pytest\n\n@pytest.fixture\ndef value():\n    return 1\n' } });
        expect(report.status).toBe('build-error');
        expect(report.diagnostics[0]?.message).toMatch(/pytest is not available offline/);
        expect(report.diagnostics[0]?.location).toMatchObject({ file: 'test_fixture.py', line: 1 });
      });

      test('stops a test stuck in an infinite loop at the time limit, and the next run works', async ({ python: { page } }) => {
        const timeoutMs = 3_000;
        const { report, trace } = await testRun(page, { timeoutMs, files: { 'test_spin.py': 'def test_spins():\n    while True:\n        pass\n' } });
        expect(report.status).toBe('timeout');
        expect(trace.endedAtMs ?? Infinity).toBeLessThan(timeoutMs + 15_000);
        expect(findTest(report, 'test_spin.py', 'test_spins').error?.message).toMatch(/time limit/);
        const next = await testRun(page, { files: { 'test_ok.py': 'def test_ok():\n    assert True\n' } });
        expect(next.report.status).toBe('passed');
        expect(next.report.counts.passed).toBe(1);
      });

      test('stop() ends a running test run, and the next run works', async ({ python: { page } }) => {
        const id = await startTest(page, { timeoutMs: 120_000, files: { 'test_wait.py': "import time\n\ndef test_waits():\n    print('test started')\n    time.sleep(60)\n" } });
        await expect.poll(async () => stdoutText((await traceOf(page, id)).output), { timeout: 30_000 }).toContain('test started');
        await page.evaluate(() => window.pairlaneHarness!.stop());
        const outcome = await outcomeOf(page, id);
        expect(outcome.kind === 'test' && outcome.report.status).toBe('stopped');
        const next = await testRun(page, { files: { 'test_ok.py': 'def test_ok():\n    assert 1 == 1\n' } });
        expect(next.report.status).toBe('passed');
      });
    });
  });
}
