import { clearAllMocks, fn, isMockFunction, resetAllMocks, restoreAllMocks, spyOn } from '@vitest/spy';
import { FakeTimers } from './FakeTimers.ts';

export interface ViDeps {
  scope: typeof globalThis;
  /** Real timers, captured before user code ran (fake timers must not slow vi.waitFor down). */
  setTimer(fn: () => void, ms: number): () => void;
  now(): number;
}

type WaitOptions = number | { timeout?: number; interval?: number };

/**
 * vitest's `vi` (also `jest`): mocks and spies from @vitest/spy, fake timers, waitFor/waitUntil,
 * stubGlobal/stubEnv. Module mocking (vi.mock) needs a module graph the offline bundle does not
 * keep, so it says so instead of silently doing nothing.
 */
export function createVi(deps: ViDeps): Record<string, unknown> {
  const timers = new FakeTimers(deps.scope);
  const stubbedGlobals = new Map<string, PropertyDescriptor | undefined>();
  const stubbedEnv = new Map<string, string | undefined>();
  const env = (): Record<string, string | undefined> => {
    const processLike = (deps.scope as { process?: { env?: Record<string, string | undefined> } }).process;
    return processLike?.env ?? {};
  };
  const vi: Record<string, unknown> = {
    fn,
    spyOn,
    isMockFunction,
    mocked: <T>(value: T) => value,
    clearAllMocks: () => (clearAllMocks(), vi),
    resetAllMocks: () => (resetAllMocks(), vi),
    restoreAllMocks: () => (restoreAllMocks(), vi),
    hoisted: <T>(factory: () => T) => factory(),

    useFakeTimers: (config?: { now?: number | Date }) => {
      const start = config?.now === undefined ? Date.now() : new Date(config.now).getTime();
      timers.install(start);
      return vi;
    },
    useRealTimers: () => (timers.uninstall(), vi),
    isFakeTimers: () => timers.isFake(),
    advanceTimersByTime: (ms: number) => (requireFake('advanceTimersByTime'), timers.advanceBy(ms), vi),
    advanceTimersByTimeAsync: async (ms: number) => (requireFake('advanceTimersByTimeAsync'), await timers.advanceByAsync(ms), vi),
    advanceTimersToNextTimer: (steps?: number) => (requireFake('advanceTimersToNextTimer'), timers.advanceToNext(steps), vi),
    runAllTimers: () => (requireFake('runAllTimers'), timers.runAll(), vi),
    runAllTimersAsync: async () => (requireFake('runAllTimersAsync'), await timers.runAllAsync(), vi),
    runOnlyPendingTimers: () => (requireFake('runOnlyPendingTimers'), timers.runOnlyPending(), vi),
    runAllTicks: () => vi,
    getTimerCount: () => timers.count(),
    clearAllTimers: () => (timers.clear(), vi),
    setSystemTime: (time: number | string | Date) => {
      if (timers.isFake()) timers.setSystemTime(time);
      return vi;
    },
    getMockedSystemTime: () => (timers.isFake() ? new Date(timers.now()) : null),
    getRealSystemTime: () => deps.now(),

    stubGlobal: (name: string, value: unknown) => {
      if (!stubbedGlobals.has(name)) stubbedGlobals.set(name, Object.getOwnPropertyDescriptor(deps.scope, name));
      Object.defineProperty(deps.scope, name, { value, writable: true, configurable: true, enumerable: true });
      return vi;
    },
    unstubAllGlobals: () => {
      for (const [name, descriptor] of stubbedGlobals) {
        if (descriptor) Object.defineProperty(deps.scope, name, descriptor);
        else delete (deps.scope as unknown as Record<string, unknown>)[name];
      }
      stubbedGlobals.clear();
      return vi;
    },
    stubEnv: (name: string, value: string | undefined) => {
      const vars = env();
      if (!stubbedEnv.has(name)) stubbedEnv.set(name, vars[name]);
      if (value === undefined) delete vars[name];
      else vars[name] = value;
      return vi;
    },
    unstubAllEnvs: () => {
      const vars = env();
      for (const [name, value] of stubbedEnv) {
        if (value === undefined) delete vars[name];
        else vars[name] = value;
      }
      stubbedEnv.clear();
      return vi;
    },

    waitFor: <T>(callback: () => T | Promise<T>, options?: WaitOptions) =>
      poll(callback, options, deps, (value, error) => (error === undefined ? { done: true, value } : { done: false, error })),
    waitUntil: <T>(callback: () => T | Promise<T>, options?: WaitOptions) =>
      poll(callback, options, deps, (value, error) => (error === undefined && value ? { done: true, value } : { done: false, error })),
    dynamicImportSettled: () => Promise.resolve(),
    resetModules: () => vi,
  };
  for (const name of ['mock', 'doMock', 'unmock', 'doUnmock', 'importActual', 'importMock']) {
    vi[name] = () => {
      throw new Error(`vi.${name}() is not supported by the offline runtime (it bundles modules ahead of time); spy on an imported object with vi.spyOn() instead`);
    };
  }
  function requireFake(name: string): void {
    if (!timers.isFake()) throw new Error(`vi.${name}() needs fake timers: call vi.useFakeTimers() first`);
  }
  return vi;
}

function poll<T>(
  callback: () => T | Promise<T>,
  options: WaitOptions | undefined,
  deps: ViDeps,
  check: (value: T | undefined, error: unknown) => { done: true; value: T | undefined } | { done: false; error: unknown },
): Promise<T | undefined> {
  const timeout = typeof options === 'number' ? options : (options?.timeout ?? 1000);
  const interval = typeof options === 'object' ? (options.interval ?? 50) : 50;
  const startedAt = deps.now();
  return new Promise((resolve, reject) => {
    const attempt = async () => {
      let outcome: ReturnType<typeof check>;
      try {
        outcome = check(await callback(), undefined);
      } catch (error) {
        outcome = check(undefined, error ?? new Error('waitFor callback threw'));
      }
      if (outcome.done) return resolve(outcome.value);
      if (deps.now() - startedAt >= timeout) {
        return reject(outcome.error ?? new Error(`Timed out in waitUntil after ${timeout}ms`));
      }
      deps.setTimer(() => void attempt(), interval);
    };
    void attempt();
  });
}
