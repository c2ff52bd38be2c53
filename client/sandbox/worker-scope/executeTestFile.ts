import type { RawError, RawTestResult } from '../sandboxProtocol.ts';
import { ancestorsOf, testsUnder, type Hook, type SuiteNode, type TestContext, type TestNode } from './testTree.ts';

/** The test being run, as @vitest/expect sees it (`result`, `promises`, `onFinished` are its fields). */
export class RunningTest {
  /** Soft assertion failures, already processed by @vitest/expect. */
  result?: { state: string; errors?: unknown[] };
  /** Async assertions nobody awaited; the test waits for them before it ends. */
  promises?: Promise<unknown>[];
  onFinished?: (() => void)[];
  readonly errors: unknown[] = [];
  readonly finishedCallbacks: (() => unknown)[] = [];
  readonly failedCallbacks: (() => unknown)[] = [];
  readonly abort = new AbortController();
  skipped = false;

  constructor(readonly node: TestNode, readonly fullName: string) {}

  get name(): string {
    return this.node.name;
  }
}

export interface ExecuteEnv {
  file: string;
  testTimeoutMs: number;
  hookTimeoutMs: number;
  /** A timer user code cannot replace; returns its cancel function. */
  setTimer(fn: () => void, ms: number): () => void;
  now(): number;
  serializeError(error: unknown): RawError;
  onTestStart(test: TestNode): void;
  onTestResult(result: RawTestResult): void;
  /** Shared with the worker's unhandled-error handler and onTestFinished. */
  state: { current?: RunningTest };
  /** Resets expect's counters before a test and enforces expect.assertions() after it. */
  beforeTest(test: RunningTest): void;
  afterTest(test: RunningTest): void;
  /** The `expect` handed to tests through their context. */
  contextExpect: unknown;
}

const SKIP = Symbol('pairlane.skip');

/**
 * Runs a collected (and mode-settled) test file: beforeAll/afterAll once per suite, beforeEach
 * outermost first and afterEach innermost first around every test, each body and hook under its
 * time limit. Every test's result is reported as soon as it is known. Returns the errors that
 * belong to the file rather than to a test (a failing afterAll, a describe body that threw).
 */
export async function executeTestFile(root: SuiteNode, env: ExecuteEnv): Promise<RawError[]> {
  const fileErrors: RawError[] = [];
  await runSuite(root, env, fileErrors);
  return fileErrors;
}

async function runSuite(suite: SuiteNode, env: ExecuteEnv, fileErrors: RawError[]): Promise<void> {
  if (suite.collectError !== undefined) {
    fileErrors.push(prefixed(env.serializeError(suite.collectError), `describe("${suite.name}") failed while collecting`));
    return;
  }
  const tests = testsUnder(suite);
  if (suite.mode !== 'run' || !tests.some((t) => t.mode === 'run')) {
    for (const child of suite.children) {
      if (child.kind === 'test') reportNotRun(child, env);
      else await runSuite(child, env, fileErrors);
    }
    return;
  }

  const teardowns: (() => unknown)[] = [];
  let beforeAllError: unknown;
  for (const hook of suite.hooks.beforeAll) {
    try {
      const cleanup = await runHook(hook, [suite], env, 'beforeAll');
      if (typeof cleanup === 'function') teardowns.push(cleanup as () => unknown);
    } catch (error) {
      beforeAllError = error;
      break;
    }
  }

  if (beforeAllError === undefined) {
    for (const child of suite.children) {
      if (child.kind === 'test') await runTest(child, env);
      else await runSuite(child, env, fileErrors);
    }
  } else {
    const error = prefixed(env.serializeError(beforeAllError), 'beforeAll hook failed');
    for (const test of tests) {
      if (test.mode !== 'run') reportNotRun(test, env);
      else env.onTestResult({ ...baseResult(test, env.file), status: 'failed', durationMs: 0, error });
    }
  }

  for (const hook of [...suite.hooks.afterAll].reverse()) {
    try {
      await runHook(hook, [suite], env, 'afterAll');
    } catch (error) {
      fileErrors.push(prefixed(env.serializeError(error), 'afterAll hook failed'));
    }
  }
  for (const teardown of teardowns.reverse()) {
    try {
      await teardown();
    } catch (error) {
      fileErrors.push(prefixed(env.serializeError(error), 'beforeAll cleanup failed'));
    }
  }
}

async function runTest(test: TestNode, env: ExecuteEnv): Promise<void> {
  if (test.mode !== 'run') {
    reportNotRun(test, env);
    return;
  }
  const base = baseResult(test, env.file);
  const running = new RunningTest(test, base.ancestors.concat(test.name).join(' > '));
  const startedAt = env.now();
  env.onTestStart(test);
  env.state.current = running;
  env.beforeTest(running);
  const context = createContext(running, env);
  const chain = suiteChain(test);
  const teardowns: (() => unknown)[] = [];

  try {
    for (const suite of chain) {
      for (const hook of suite.hooks.beforeEach) {
        const cleanup = await runHook(hook, [context, suite], env, 'beforeEach');
        if (typeof cleanup === 'function') teardowns.push(cleanup as () => unknown);
      }
    }
    const fn = test.fn;
    if (fn) {
      await withTimeout(() => callWithDone(fn, context), test.timeoutMs ?? env.testTimeoutMs, env, 'Test', () => running.abort.abort());
    }
    if (running.promises?.length) await Promise.all(running.promises);
    env.afterTest(running);
  } catch (error) {
    if (error === SKIP) running.skipped = true;
    else running.errors.push(error);
  }

  for (const suite of [...chain].reverse()) {
    for (const hook of [...suite.hooks.afterEach].reverse()) {
      await collectErrors(running, () => runHook(hook, [context, suite], env, 'afterEach'));
    }
  }
  for (const teardown of teardowns.reverse()) await collectErrors(running, teardown);
  for (const warn of running.onFinished ?? []) warn();
  for (const callback of running.finishedCallbacks) await collectErrors(running, callback);

  if (running.errors.length > 0 || (running.result?.errors?.length ?? 0) > 0) {
    for (const callback of running.failedCallbacks) await collectErrors(running, callback);
  }
  if (env.state.current === running) env.state.current = undefined;
  // Serialized once: processing an assertion error rewrites its expected/actual in place.
  const errors = [...running.errors, ...(running.result?.errors ?? [])].map((e) => env.serializeError(e));

  let status: RawTestResult['status'] = running.skipped && errors.length === 0 ? 'skipped' : errors.length ? 'failed' : 'passed';
  let error = combine(errors);
  if (test.fails && !running.skipped) {
    status = errors.length ? 'passed' : 'failed';
    error = errors.length ? undefined : { message: 'Expect test to fail' };
  }
  env.onTestResult({ ...base, status, durationMs: Math.max(0, env.now() - startedAt), ...(error ? { error } : {}) });
}

function reportNotRun(test: TestNode, env: ExecuteEnv): void {
  env.onTestResult({ ...baseResult(test, env.file), status: test.mode === 'todo' ? 'todo' : 'skipped', durationMs: 0 });
}

function baseResult(test: TestNode, file: string): Omit<RawTestResult, 'status' | 'durationMs'> {
  return { file, name: test.name, ancestors: ancestorsOf(test), ...(test.declaredAt ? { declaredAt: test.declaredAt } : {}) };
}

/** The suites around a test, outermost (the file) first. */
function suiteChain(test: TestNode): SuiteNode[] {
  const chain: SuiteNode[] = [];
  for (let suite: SuiteNode | undefined = test.parent; suite; suite = suite.parent) chain.unshift(suite);
  return chain;
}

function createContext(running: RunningTest, env: ExecuteEnv): TestContext {
  return {
    task: { name: running.name, fullName: running.fullName, file: env.file },
    expect: env.contextExpect,
    signal: running.abort.signal,
    skip: () => {
      throw SKIP;
    },
    onTestFinished: (fn) => running.finishedCallbacks.push(fn),
    onTestFailed: (fn) => running.failedCallbacks.push(fn),
  };
}

function runHook(hook: Hook, args: unknown[], env: ExecuteEnv, name: string): Promise<unknown> {
  return withTimeout(() => callWithDone(hook.fn, ...args), hook.timeoutMs ?? env.hookTimeoutMs, env, `Hook ${name}`);
}

async function collectErrors(running: RunningTest, fn: () => unknown): Promise<void> {
  try {
    await fn();
  } catch (error) {
    if (error !== SKIP) running.errors.push(error);
  }
}

/** Runs `run` under a time limit (a body that never yields is the run's time limit's problem). */
function withTimeout<T>(run: () => T | Promise<T>, ms: number, env: ExecuteEnv, what: string, onTimeout?: () => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const cancel =
      ms > 0 && Number.isFinite(ms)
        ? env.setTimer(() => {
            if (settled) return;
            settled = true;
            onTimeout?.();
            reject(new Error(`${what} timed out in ${ms}ms.\nIf it needs longer, pass a timeout as the last argument, e.g. it(name, fn, ${Math.max(ms * 2, 10_000)}).`));
          }, ms)
        : () => {};
    Promise.resolve()
      .then(run)
      .then(
        (value) => {
          if (settled) return;
          settled = true;
          cancel();
          resolve(value);
        },
        (error: unknown) => {
          if (settled) return;
          settled = true;
          cancel();
          reject(error);
        },
      );
  });
}

/**
 * Calls a test or hook body. A body whose first parameter is named like jest's callback
 * (`done`, `cb`, `callback`, `next`) gets one and is finished when it is called; any other body
 * gets the arguments as they are (vitest passes the test context).
 */
function callWithDone(fn: (...args: never[]) => unknown, ...args: unknown[]): unknown {
  if (!usesDoneCallback(fn)) return (fn as (...a: unknown[]) => unknown)(...args);
  return new Promise<void>((resolve, reject) => {
    const done = (error?: unknown) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve());
    done.fail = (message?: unknown) => reject(new Error(String(message ?? 'failed')));
    const returned = (fn as (...a: unknown[]) => unknown)(done, ...args.slice(1));
    if (returned && typeof (returned as Promise<unknown>).then === 'function') (returned as Promise<unknown>).then(undefined, reject);
  });
}

function usesDoneCallback(fn: (...args: never[]) => unknown): boolean {
  if (fn.length === 0) return false;
  const source = Function.prototype.toString.call(fn);
  const first = /^(?:async\s*)?(?:function\s*\*?\s*[\w$]*\s*)?\(?\s*([\w$]+)/.exec(source)?.[1];
  return first !== undefined && /^(?:done|cb|callback|next|finish)$/i.test(first) && !source.startsWith('async');
}

function combine(errors: RawError[]): RawError | undefined {
  const [first, ...rest] = errors;
  if (!first || rest.length === 0) return first;
  return { ...first, message: `${first.message}\n\n…and ${rest.length} more: ${rest.map((e) => e.message).join('; ')}` };
}

function prefixed(error: RawError, prefix: string): RawError {
  return { ...error, message: `${prefix}: ${error.message}` };
}
