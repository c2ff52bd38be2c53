import type { Page } from '@playwright/test';
import type { HarnessReadiness } from '../client/harness/HarnessApi.ts';
import type { RuntimeKind, WorkspaceFiles } from '../client/runtime/Runtime.ts';
import { RUNTIME_DEFAULTS } from '../client/runtime/Runtime.ts';
import { blockNonLoopback } from '../server/chromiumLaunchOptions.ts';
import { expect, test as base } from './fixtures.ts';
import { findTest, outcomeOf, programRun, startRun, startTest, stdoutText, testRun, traceOf, userOutput } from './harnessCalls.ts';

export interface RuntimeContractOptions {
  /**
   * When the runtime cannot boot here (WebContainer without its host), skip every test with
   * the reason instead of failing. Off for runtimes that must always work (the worker runtime).
   */
  skipWhenUnavailable?: boolean;
  /** Passed to the harness when it creates the runtime. */
  bootTimeoutMs?: number;
}

/** One page with one runtime, shared by the tests of a Playwright worker, as one tab would. */
interface RuntimeUnderTest {
  page: Page;
  readiness: HarnessReadiness;
}

const ESC = '\u001b';

/**
 * The runtime contract: what every runtime (worker, WebContainer) must do, checked through the
 * harness page in real Chromium. Each implementation has a spec file that calls this with its
 * kind; the tests are the same for all.
 */
export function defineRuntimeContract(kind: RuntimeKind, options: RuntimeContractOptions = {}): void {
  const title = `runtime contract: ${kind}`;
  const test = base.extend<object, { runtimeUnderTest: RuntimeUnderTest }>({
    runtimeUnderTest: [
      async ({ browser }, use) => {
        const baseURL = process.env.PAIRLANE_E2E_URL;
        if (!baseURL) throw new Error('PAIRLANE_E2E_URL is not set: run e2e through e2e/playwright.config.ts');
        const context = await browser.newContext({ baseURL });
        await blockNonLoopback(context);
        const page = await context.newPage();
        await page.goto('/harness.html');
        await page.waitForFunction(() => window.pairlaneHarness !== undefined);
        const runtimeOptions = options.bootTimeoutMs === undefined ? {} : { bootTimeoutMs: options.bootTimeoutMs };
        await page.evaluate(([k, o]) => window.pairlaneHarness!.create(k, o), [kind, runtimeOptions] as const);
        const readiness = await page.evaluate(() => window.pairlaneHarness!.ready());
        if (readiness.ok && kind === 'webcontainer') {
          // The first run installs vitest and tsx (npm install); do it here, not inside the first test's time.
          await page.evaluate(() => window.pairlaneHarness!.run({ entry: 'warm-up.mjs', files: { 'warm-up.mjs': '' } }));
        }
        await use({ page, readiness });
        await page.evaluate(() => window.pairlaneHarness!.dispose()).catch(() => undefined);
        await context.close();
      },
      { scope: 'worker', timeout: 300_000 },
    ],
  });

  test.describe(title, () => {
    test.beforeEach(({ runtimeUnderTest }) => {
      const { readiness } = runtimeUnderTest;
      if (!readiness.ok && options.skipWhenUnavailable) {
        test.skip(true, `${kind} runtime cannot boot here: ${readiness.reason}`);
      }
      expect(readiness, `the ${kind} runtime boots`).toMatchObject({ ok: true });
    });

    test.describe('programs', () => {
      test("streams a program's console output in order, while it runs", async ({ runtimeUnderTest: { page } }) => {
        const id = await startRun(page, {
          entry: 'src/main.ts',
          files: {
            'src/main.ts': [
              "const greeting: string = 'one';",
              'console.log(greeting);',
              "console.log('two');",
              "console.error('oops');",
              "setTimeout(() => console.log('three'), 2500);",
            ].join('\n'),
          },
        });
        await expect.poll(async () => stdoutText((await traceOf(page, id)).output), { timeout: 20_000 }).toContain('two');
        const midway = await traceOf(page, id);
        expect(midway.endedAtMs, 'output arrives before the run ends').toBeUndefined();

        const outcome = await outcomeOf(page, id);
        expect(outcome.kind === 'program' && outcome.result.status).toBe('ok');
        expect(userOutput((await traceOf(page, id)).output)).toEqual([
          { stream: 'stdout', text: 'one\ntwo\n' },
          { stream: 'stderr', text: 'oops\n' },
          { stream: 'stdout', text: 'three\n' },
        ]);
      });

      test("reports a program's uncaught error at its original TypeScript line", async ({ runtimeUnderTest: { page } }) => {
        const { result, trace } = await programRun(page, {
          entry: 'src/main.ts',
          files: {
            'src/util.ts': [
              'export interface Shape {',
              "  kind: 'circle' | 'square';",
              '  size: number;',
              '}',
              '',
              'export function area(shape: Shape): number {',
              "  if (shape.kind === 'circle') return Math.PI * shape.size ** 2;",
              '  throw new Error(`kaboom: no formula for ${shape.kind}`);',
              '}',
            ].join('\n'),
            'src/main.ts': [
              "import { area, type Shape } from './util.ts';",
              '',
              'type Maybe<T> = T | undefined;',
              "const shapes: Shape[] = [{ kind: 'circle', size: 1 }, { kind: 'square', size: 2 }];",
              'let last: Maybe<number>;',
              "console.log('start');",
              'for (const shape of shapes) last = area(shape);',
              'console.log(last);',
            ].join('\n'),
          },
        });
        expect(result.status).toBe('error');
        expect(result.error?.message).toContain('kaboom: no formula for square');
        expect(result.error?.location).toMatchObject({ file: 'src/util.ts', line: 8 });
        expect(stdoutText(trace.output)).toBe('start\n');
      });

      test('reports a syntax error as a build-error diagnostic with file and line', async ({ runtimeUnderTest: { page } }) => {
        const { result } = await programRun(page, {
          entry: 'src/main.ts',
          files: { 'src/main.ts': "const a: number = 1;\nconst b = a +;\nconsole.log(b);\n" },
        });
        expect(result.status).toBe('build-error');
        expect(result.diagnostics[0]?.severity).toBe('error');
        expect(result.diagnostics[0]?.location).toMatchObject({ file: 'src/main.ts', line: 2 });
      });

      test('names the missing module of an unknown import', async ({ runtimeUnderTest: { page } }) => {
        const { result } = await programRun(page, {
          entry: 'src/main.ts',
          files: { 'src/main.ts': "import leftPad from 'left-pad-nowhere';\nconsole.log(leftPad('x', 3));\n" },
        });
        expect(result.status).toBe('build-error');
        expect(result.diagnostics.map((d) => d.message).join('\n')).toContain('left-pad-nowhere');
      });

      test('stops an infinite loop at the time limit, and the next run works', async ({ runtimeUnderTest: { page } }) => {
        const timeoutMs = 2_000;
        const { result, trace } = await programRun(page, {
          entry: 'src/main.ts',
          files: { 'src/main.ts': "console.log('spinning');\nlet n = 0;\nwhile (true) {\n  n += 1;\n}\n" },
          timeoutMs,
        });
        expect(result.status).toBe('timeout');
        expect(trace.endedAtMs ?? Infinity, 'the run ends soon after its limit').toBeLessThan(timeoutMs + 15_000);
        expect(stdoutText(trace.output), 'what it printed before spinning is kept').toBe('spinning\n');

        const next = await programRun(page, { entry: 'src/main.ts', files: { 'src/main.ts': "console.log('alive');\n" } });
        expect(next.result.status).toBe('ok');
        expect(stdoutText(next.trace.output)).toBe('alive\n');
      });

      test('stop() ends a running program, and the next run works', async ({ runtimeUnderTest: { page } }) => {
        const id = await startRun(page, {
          entry: 'src/main.ts',
          files: { 'src/main.ts': "let n = 0;\nsetInterval(() => console.log(`tick ${++n}`), 50);\n" },
          timeoutMs: 60_000,
        });
        await expect.poll(async () => stdoutText((await traceOf(page, id)).output), { timeout: 20_000 }).toContain('tick 1');
        await page.evaluate(() => window.pairlaneHarness!.stop());
        const outcome = await outcomeOf(page, id);
        expect(outcome.kind === 'program' && outcome.result.status).toBe('stopped');

        const next = await programRun(page, { entry: 'src/main.ts', files: { 'src/main.ts': "console.log('after stop');\n" } });
        expect(next.result.status).toBe('ok');
        expect(stdoutText(next.trace.output)).toBe('after stop\n');
      });

      test('truncates megabytes of output with a system note', async ({ runtimeUnderTest: { page } }) => {
        const { result, trace } = await programRun(page, {
          entry: 'src/main.ts',
          files: {
            // 30 000 lines of 100 bytes: 3 MB, three times the cap.
            'src/main.ts': "const line = 'x'.repeat(99);\nfor (let i = 0; i < 30_000; i += 1) console.log(line);\nconsole.log('done');\n",
          },
          timeoutMs: 30_000,
        });
        expect(result.status).toBe('ok');
        const bytes = new TextEncoder().encode(stdoutText(trace.output)).length;
        expect(bytes).toBeLessThanOrEqual(RUNTIME_DEFAULTS.maxOutputBytes);
        expect(bytes).toBeGreaterThan(RUNTIME_DEFAULTS.maxOutputBytes * 0.9);
        const notes = trace.output.filter((c) => c.stream === 'system').map((c) => c.text);
        expect(notes.join('\n')).toMatch(/truncat/i);
      });
    });

    test.describe('tests', () => {
      test('counts passed, failed, skipped and todo tests, and streams each result', async ({ runtimeUnderTest: { page } }) => {
        const files: WorkspaceFiles = {
          'src/count.test.ts': [
            "import { describe, it, expect } from 'vitest';",
            '',
            "describe('counting', () => {",
            "  it('passes one', () => { expect(1).toBe(1); });",
            "  it('passes two', () => { expect([1]).toEqual([1]); });",
            "  it('fails', () => { expect(2).toBe(3); });",
            "  it.skip('is skipped', () => { throw new Error('never runs'); });",
            "  it.todo('is todo');",
            '});',
          ].join('\n'),
          'src/other.test.ts': "import { it } from 'vitest';\nit('is not asked for', () => {});\n",
        };
        const { report, trace } = await testRun(page, { files, testFiles: ['src/count.test.ts'] });
        expect(report.status).toBe('failed');
        expect(report.counts).toEqual({ passed: 2, failed: 1, skipped: 1, todo: 1, total: 5 });
        expect(report.files.map((f) => [f.file, f.status])).toEqual([['src/count.test.ts', 'failed']]);
        const failed = findTest(report, 'src/count.test.ts', 'counting > fails');
        expect(failed).toMatchObject({ name: 'fails', ancestors: ['counting'], status: 'failed' });
        expect(findTest(report, 'src/count.test.ts', 'counting > is skipped').status).toBe('skipped');
        expect(findTest(report, 'src/count.test.ts', 'counting > is todo').status).toBe('todo');

        const streamed = new Map(trace.testResults.map((t) => [t.fullName, t.status]));
        for (const name of ['counting > passes one', 'counting > passes two', 'counting > fails']) {
          expect(streamed.get(name), `${name} was streamed`).toBe(findTest(report, 'src/count.test.ts', name).status);
        }
      });

      test('gives a failed expect its message, a plain-text diff and the TypeScript line', async ({ runtimeUnderTest: { page } }) => {
        const { report } = await testRun(page, {
          files: {
            'src/user.test.ts': [
              "import { test, expect } from 'vitest';",
              '',
              'interface User {',
              '  name: string;',
              '  roles: string[];',
              '}',
              '',
              "const make = (name: string): User => ({ name, roles: ['reader'] });",
              '',
              "test('user has the editor role', () => {",
              "  const user: User = make('ada');",
              "  expect(user).toEqual({ name: 'ada', roles: ['editor'] });",
              '});',
            ].join('\n'),
          },
        });
        expect(report.status).toBe('failed');
        const error = findTest(report, 'src/user.test.ts', 'user has the editor role').error;
        expect(error?.message).toMatch(/expected .* to (?:deeply )?equal/i);
        expect(error?.diff).toMatch(/^- Expected/m);
        expect(error?.diff).toMatch(/^\+ Received/m);
        expect(error?.diff).toMatch(/^-.*"editor"/m);
        expect(error?.diff).toMatch(/^\+.*"reader"/m);
        expect(`${error?.message}${error?.diff}`).not.toContain(ESC);
        expect(error?.location).toMatchObject({ file: 'src/user.test.ts', line: 12 });
      });

      test('reports a test file that throws at top level as a failed file with its error', async ({ runtimeUnderTest: { page } }) => {
        const { report } = await testRun(page, {
          files: {
            'src/boom.test.ts': [
              "import { test } from 'vitest';",
              'const config: Record<string, string> = {};',
              "if (!config.url) throw new Error('top-level boom: no url configured');",
              "test('never runs', () => {});",
            ].join('\n'),
            'src/fine.test.ts': "import { test, expect } from 'vitest';\ntest('fine', () => { expect(1 + 1).toBe(2); });\n",
          },
        });
        expect(report.status).toBe('failed');
        const boom = report.files.find((f) => f.file === 'src/boom.test.ts');
        expect(boom?.status).toBe('failed');
        expect(boom?.error?.message).toContain('top-level boom: no url configured');
        expect(boom?.error?.location).toMatchObject({ file: 'src/boom.test.ts', line: 3 });
        expect(boom?.tests.filter((t) => t.status === 'passed')).toEqual([]);
        expect(findTest(report, 'src/fine.test.ts', 'fine').status).toBe('passed');
      });

      test('reports a syntax error in a test file as a build-error diagnostic with file and line', async ({ runtimeUnderTest: { page } }) => {
        const { report } = await testRun(page, {
          files: {
            'src/broken.test.ts': [
              "import { test, expect } from 'vitest';",
              '',
              "test('adds', () => {",
              '  const total = 1 +;',
              '  expect(total).toBe(1);',
              '});',
            ].join('\n'),
          },
        });
        expect(report.status).toBe('build-error');
        const diagnostic = report.diagnostics.find((d) => d.location?.file === 'src/broken.test.ts');
        expect(diagnostic, JSON.stringify(report.diagnostics)).toBeDefined();
        expect(diagnostic?.severity).toBe('error');
        expect(diagnostic?.location?.line).toBe(4);
      });

      test('runs the files that build next to one that does not: the run failed, not a build error', async ({ runtimeUnderTest: { page } }) => {
        const { report } = await testRun(page, {
          files: {
            'src/broken.test.ts': "import { test } from 'vitest';\ntest('x', () => {\n  const = 1;\n});\n",
            'src/fine.test.ts': "import { test, expect } from 'vitest';\ntest('fine', () => { expect(2 * 2).toBe(4); });\n",
          },
        });
        expect(report.status).toBe('failed');
        expect(report.diagnostics.find((d) => d.location?.file === 'src/broken.test.ts')?.location?.line).toBe(3);
        expect(report.files.find((f) => f.file === 'src/broken.test.ts')?.status).toBe('failed');
        expect(findTest(report, 'src/fine.test.ts', 'fine').status).toBe('passed');
        expect(report.counts).toMatchObject({ passed: 1, failed: 0 });
      });

      test('fails a test run with no test files, saying so', async ({ runtimeUnderTest: { page } }) => {
        const { report } = await testRun(page, { files: { 'src/main.ts': "console.log('no tests here');\n" } });
        expect(report.status).toBe('failed');
        expect(report.files).toEqual([]);
        expect(report.diagnostics.map((d) => d.message).join('\n')).toMatch(/no test files/i);
      });

      test('names the missing module of an unknown import in a test file', async ({ runtimeUnderTest: { page } }) => {
        const { report } = await testRun(page, {
          files: {
            'src/slug.test.ts': [
              "import { expect, test } from 'vitest';",
              "import { slugify } from './slugify.ts';",
              "test('slugs', () => { expect(slugify('A B')).toBe('a-b'); });",
            ].join('\n'),
          },
        });
        expect(report.status).toBe('build-error');
        expect(report.diagnostics.map((d) => d.message).join('\n')).toContain('slugify');
      });

      test('stops a test stuck in an infinite loop at the time limit, and the next run works', async ({ runtimeUnderTest: { page } }) => {
        const timeoutMs = 3_000;
        const { report, trace } = await testRun(page, {
          files: { 'src/spin.test.ts': "import { test } from 'vitest';\ntest('spins', () => {\n  while (true) {}\n});\n" },
          timeoutMs,
        });
        expect(report.status).toBe('timeout');
        expect(trace.endedAtMs ?? Infinity, 'the run ends soon after its limit').toBeLessThan(timeoutMs + 15_000);

        const next = await testRun(page, {
          files: { 'src/ok.test.ts': "import { test, expect } from 'vitest';\ntest('ok', () => { expect(true).toBe(true); });\n" },
        });
        expect(next.report.status).toBe('passed');
        expect(next.report.counts.passed).toBe(1);
      });

      test('stop() ends a running test run, and the next run works', async ({ runtimeUnderTest: { page } }) => {
        const id = await startTest(page, {
          timeoutMs: 120_000,
          files: {
            'src/wait.test.ts': [
              "import { it } from 'vitest';",
              "it('waits a long time', async () => {",
              "  console.log('test started');",
              '  await new Promise((resolve) => setTimeout(resolve, 60_000));',
              '}, 90_000);',
            ].join('\n'),
          },
        });
        await expect
          .poll(async () => stdoutText((await traceOf(page, id)).output), { timeout: 60_000 })
          .toContain('test started');
        await page.evaluate(() => window.pairlaneHarness!.stop());
        const outcome = await outcomeOf(page, id);
        expect(outcome.kind === 'test' && outcome.report.status).toBe('stopped');

        const next = await testRun(page, {
          files: { 'src/ok.test.ts': "import { test, expect } from 'vitest';\ntest('ok', () => { expect(1).toBe(1); });\n" },
        });
        expect(next.report.status).toBe('passed');
      });

      test('works without imports (globals) and with jest\'s xit, xdescribe, fit and xtest', async ({ runtimeUnderTest: { page } }) => {
        const { report } = await testRun(page, {
          files: {
            'src/globals.test.ts': [
              "describe('globals', () => {",
              "  it('has describe, it and expect', () => { expect([1, 2]).toContain(2); });",
              "  xit('is skipped by xit', () => { throw new Error('never'); });",
              "  xdescribe('skipped by xdescribe', () => {",
              "    it('inside', () => { throw new Error('never'); });",
              '  });',
              '});',
            ].join('\n'),
            'src/focus.test.ts': [
              "import { fit, it, xtest, expect } from '@jest/globals';",
              "fit('is focused by fit', () => { expect(true).toBe(true); });",
              "it('is left out next to fit', () => { throw new Error('never'); });",
              "xtest('is skipped by xtest', () => { throw new Error('never'); });",
            ].join('\n'),
          },
        });
        const statuses = Object.fromEntries(report.files.flatMap((f) => f.tests.map((t) => [t.fullName, t.status])));
        expect(statuses).toEqual({
          'globals > has describe, it and expect': 'passed',
          'globals > is skipped by xit': 'skipped',
          'globals > skipped by xdescribe > inside': 'skipped',
          'is focused by fit': 'passed',
          'is left out next to fit': 'skipped',
          'is skipped by xtest': 'skipped',
        });
        expect(report.status).toBe('passed');
      });

      test("works with imports from 'vitest' and from '@jest/globals'", async ({ runtimeUnderTest: { page } }) => {
        const { report } = await testRun(page, {
          files: {
            'src/vi.test.ts': [
              "import { describe, it, expect, vi } from 'vitest';",
              "describe('vitest api', () => {",
              "  it('spies', () => {",
              '    const fn = vi.fn((x: number) => x + 1);',
              '    expect(fn(2)).toBe(3);',
              '    expect(fn).toHaveBeenCalledWith(2);',
              '  });',
              '});',
            ].join('\n'),
            'src/jest.test.ts': [
              "import { describe, test, expect, jest, beforeEach } from '@jest/globals';",
              'let calls = 0;',
              'beforeEach(() => { calls += 1; });',
              "describe('jest api', () => {",
              "  test('mocks', () => {",
              '    const fn = jest.fn((x: number) => x * 2);',
              '    expect(fn(2)).toBe(4);',
              '    expect(fn).toHaveBeenCalledTimes(1);',
              '    expect(calls).toBe(1);',
              '  });',
              '});',
            ].join('\n'),
          },
        });
        expect(report.status).toBe('passed');
        expect(report.counts).toMatchObject({ passed: 2, failed: 0, total: 2 });
      });

      test('.only focuses a test and .skip skips one', async ({ runtimeUnderTest: { page } }) => {
        const { report } = await testRun(page, {
          files: {
            'src/only.test.ts': [
              "import { it, expect } from 'vitest';",
              "it.only('focused', () => { expect(true).toBe(true); });",
              "it('not focused', () => { throw new Error('should not run next to .only'); });",
            ].join('\n'),
            'src/skip.test.ts': [
              "import { it, describe } from 'vitest';",
              "describe.skip('skipped block', () => {",
              "  it('inside', () => { throw new Error('never'); });",
              '});',
              "it.skip('skipped test', () => { throw new Error('never'); });",
              "it('runs', () => {});",
            ].join('\n'),
          },
        });
        expect(findTest(report, 'src/only.test.ts', 'focused').status).toBe('passed');
        expect(findTest(report, 'src/only.test.ts', 'not focused').status).toBe('skipped');
        expect(findTest(report, 'src/skip.test.ts', 'skipped block > inside').status).toBe('skipped');
        expect(findTest(report, 'src/skip.test.ts', 'skipped test').status).toBe('skipped');
        expect(findTest(report, 'src/skip.test.ts', 'runs').status).toBe('passed');
        expect(report.status).toBe('passed');
      });

      test('.each names a test per row and .todo counts as todo', async ({ runtimeUnderTest: { page } }) => {
        const { report } = await testRun(page, {
          files: {
            'src/each.test.ts': [
              "import { describe, it, test, expect } from 'vitest';",
              "describe('add', () => {",
              "  it.each([[1, 1, 2], [2, 3, 5], [4, 4, 8]])('add(%i, %i) = %i', (a, b, sum) => {",
              '    expect(a + b).toBe(sum);',
              '  });',
              "  test.each([{ a: 1, b: 2, sum: 3 }])('$a + $b = $sum', ({ a, b, sum }) => {",
              '    expect(a + b).toBe(sum);',
              '  });',
              "  it.todo('subtracts');",
              '});',
            ].join('\n'),
          },
        });
        expect(report.files[0]?.tests.map((t) => [t.fullName, t.status])).toEqual([
          ['add > add(1, 1) = 2', 'passed'],
          ['add > add(2, 3) = 5', 'passed'],
          ['add > add(4, 4) = 8', 'passed'],
          ['add > 1 + 2 = 3', 'passed'],
          ['add > subtracts', 'todo'],
        ]);
        expect(report.counts).toEqual({ passed: 4, failed: 0, skipped: 0, todo: 1, total: 5 });
      });

      test('runs hooks in order around tests, nested blocks included', async ({ runtimeUnderTest: { page } }) => {
        const { report } = await testRun(page, {
          files: {
            'src/hooks.test.ts': [
              "import { describe, it, expect, beforeAll, beforeEach, afterEach, afterAll } from 'vitest';",
              'const log: string[] = [];',
              "beforeAll(() => { log.push('beforeAll'); });",
              "beforeEach(() => { log.push('beforeEach'); });",
              "afterEach(() => { log.push('afterEach'); });",
              "afterAll(() => { log.push('afterAll'); });",
              "describe('inner', () => {",
              "  beforeEach(() => { log.push('inner beforeEach'); });",
              "  afterEach(() => { log.push('inner afterEach'); });",
              "  it('first', () => { log.push('first'); });",
              '});',
              "it('second', () => {",
              "  expect(log).toEqual(['beforeAll', 'beforeEach', 'inner beforeEach', 'first', 'inner afterEach', 'afterEach', 'beforeEach']);",
              '});',
            ].join('\n'),
          },
        });
        expect(report.files[0]?.tests.map((t) => [t.fullName, t.status, t.error?.message])).toEqual([
          ['inner > first', 'passed', undefined],
          ['second', 'passed', undefined],
        ]);
        expect(report.status).toBe('passed');
      });

      test('awaits async tests and reports a rejection as a failure', async ({ runtimeUnderTest: { page } }) => {
        const { report } = await testRun(page, {
          files: {
            'src/async.test.ts': [
              "import { it, expect } from 'vitest';",
              "it('awaits', async () => {",
              '  const value = await new Promise<number>((resolve) => setTimeout(() => resolve(42), 30));',
              '  expect(value).toBe(42);',
              '});',
              "it('rejects', async () => {",
              '  await new Promise((resolve) => setTimeout(resolve, 10));',
              "  throw new Error('async nope');",
              '});',
              "it('uses .resolves', async () => {",
              '  await expect(Promise.resolve(3)).resolves.toBe(3);',
              '});',
            ].join('\n'),
          },
        });
        expect(findTest(report, 'src/async.test.ts', 'awaits').status).toBe('passed');
        const rejected = findTest(report, 'src/async.test.ts', 'rejects');
        expect(rejected.status).toBe('failed');
        expect(rejected.error?.message).toContain('async nope');
        expect(rejected.error?.location).toMatchObject({ file: 'src/async.test.ts', line: 8 });
        expect(findTest(report, 'src/async.test.ts', 'uses .resolves').status).toBe('passed');
      });

      test('applies the default per-test timeout and a test’s own', async ({ runtimeUnderTest: { page } }) => {
        const { report } = await testRun(page, {
          testTimeoutMs: 500,
          files: {
            'src/timeout.test.ts': [
              "import { it } from 'vitest';",
              'const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));',
              "it('outlives the default', async () => { await sleep(1_500); });",
              "it('outlives its own shorter limit', async () => { await sleep(1_000); }, 100);",
              "it('fits its own longer limit', async () => { await sleep(800); }, 3_000);",
              "it('is quick', () => {});",
            ].join('\n'),
          },
        });
        const file = 'src/timeout.test.ts';
        for (const name of ['outlives the default', 'outlives its own shorter limit']) {
          const t = findTest(report, file, name);
          expect(t.status, name).toBe('failed');
          expect(t.error?.message, name).toMatch(/timed? ?out/i);
        }
        expect(findTest(report, file, 'fits its own longer limit').status).toBe('passed');
        expect(findTest(report, file, 'is quick').status).toBe('passed');
        expect(report.status).toBe('failed');
      });
    });
  });
}
