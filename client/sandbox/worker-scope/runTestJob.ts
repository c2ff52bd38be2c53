import { TEST_API_KEY } from '../testApiExports.ts';
import type { BundleModule } from '../sandboxProtocol.ts';
import { checkAssertionCounts, resetAssertionState } from './createExpect.ts';
import type { TestKit } from './createTestKit.ts';
import { executeTestFile } from './executeTestFile.ts';
import { installProcessShim, ProcessExit } from './installProcessShim.ts';
import { interpretModes } from './interpretModes.ts';
import { ProgressReporter } from './ProgressReporter.ts';
import { TestCollector } from './TestCollector.ts';
import { ancestorsOf, testsUnder } from './testTree.ts';
import type { WorkerEnv } from './WorkerEnv.ts';

/** vitest's default hookTimeout. */
const HOOK_TIMEOUT_MS = 10_000;

/**
 * Runs test files one after another in this worker: each is imported (its top level and describe
 * bodies declare the tests), its modes settled (`.only` across the file), then executed, every
 * result streamed as it lands. The test API is installed as globals and behind the 'vitest' /
 * '@jest/globals' imports the bundler rewired.
 */
export async function runTestJob(files: readonly BundleModule[], testTimeoutMs: number, env: WorkerEnv, kit: TestKit): Promise<void> {
  const scope = env.scope as typeof globalThis & Record<string | symbol, unknown>;
  const { state, expect, vi, api } = kit;

  installProcessShim(scope, {
    entry: files[0]?.file ?? '',
    nodeEnv: 'test',
    output: env.output,
    onExit: (code) => {
      throw new Error(`process.exit(${code}) was called while tests were running`);
    },
    now: env.now,
  });
  env.onUncaught((error) => {
    if (error instanceof ProcessExit) return;
    if (state.current) state.current.errors.push(error);
    else state.fileErrors.push(error);
  });

  Object.defineProperty(scope, Symbol.for(TEST_API_KEY), { value: api, configurable: true });
  for (const [name, value] of Object.entries(api)) {
    Object.defineProperty(scope, name, { value, writable: true, configurable: true });
  }

  const progress = new ProgressReporter(env);
  for (const file of files) {
    const startedAt = env.now();
    const collector = new TestCollector(file.file);
    state.collector = collector;
    state.fileErrors = [];
    let loadError: unknown;
    try {
      await env.loader.load(file);
      await collector.collect();
    } catch (error) {
      loadError = error;
    }
    state.collector = undefined;
    if (loadError !== undefined) {
      env.output.flush();
      env.post({ type: 'file-done', file: file.file, durationMs: env.now() - startedAt, error: env.serializeError(loadError) });
      continue;
    }

    interpretModes(collector.root);
    const fileErrors = await executeTestFile(collector.root, {
      file: file.file,
      testTimeoutMs,
      hookTimeoutMs: Math.max(HOOK_TIMEOUT_MS, testTimeoutMs),
      setTimer: env.setTimer,
      now: env.now,
      serializeError: env.serializeError,
      onTestStart: (test) => progress.start({ file: file.file, name: test.name, ancestors: ancestorsOf(test), ...(test.declaredAt ? { declaredAt: test.declaredAt } : {}) }),
      onTestResult: (result) => progress.finish(result),
      state,
      beforeTest: (running) => resetAssertionState(expect, running.fullName),
      afterTest: () => checkAssertionCounts(expect),
      contextExpect: expect,
    });
    // Fake timers and stubs belong to the file that set them.
    (vi.useRealTimers as () => void)();
    (vi.unstubAllGlobals as () => void)();
    (vi.unstubAllEnvs as () => void)();

    progress.flush();
    const errors = [...fileErrors, ...state.fileErrors.map((e) => env.serializeError(e))];
    if (testsUnder(collector.root).length === 0 && errors.length === 0) {
      errors.push({ message: `No test found in ${file.file}: declare tests with it() or test()` });
    }
    env.output.flush();
    const [first, ...rest] = errors;
    env.post({
      type: 'file-done',
      file: file.file,
      durationMs: env.now() - startedAt,
      ...(first ? { error: rest.length ? { ...first, message: [first, ...rest].map((e) => e.message).join('\n\n') } : first } : {}),
    });
  }
  env.output.flush();
  env.post({ type: 'tests-done' });
}
