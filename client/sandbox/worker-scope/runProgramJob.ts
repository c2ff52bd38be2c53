import type { BundleModule } from '../sandboxProtocol.ts';
import { installProcessShim, ProcessExit } from './installProcessShim.ts';
import type { WorkerEnv } from './WorkerEnv.ts';

/** How long the program must stay idle (no timers, module settled) before it counts as finished. */
const IDLE_GRACE_MS = 10;

type TimerId = ReturnType<typeof setTimeout>;

/**
 * Runs a program the way Node would: evaluate the entry (top-level await included), then keep
 * going while timers are pending; finish when nothing is left to do, at the first uncaught error
 * or unhandled rejection, or at process.exit(). Host promises (crypto.subtle, Blob.text…) are not
 * timers: the short idle grace lets the usual quick ones settle before the program counts as done.
 */
export function runProgramJob(entry: BundleModule, env: WorkerEnv): void {
  const scope = env.scope as typeof globalThis & Record<string, unknown>;
  let finished = false;
  let moduleSettled = false;
  let activity = 0;
  const pending = new Set<TimerId>();

  const finish = (error?: unknown, exitCode?: number) => {
    if (finished) return;
    finished = true;
    env.output.flush();
    const realError = error instanceof ProcessExit ? undefined : error;
    env.post({
      type: 'program-done',
      ...(realError !== undefined ? { error: env.serializeError(realError) } : {}),
      ...(exitCode !== undefined ? { exitCode } : {}),
    });
  };

  installProcessShim(scope, { entry: entry.file, nodeEnv: 'development', output: env.output, onExit: (code) => finish(undefined, code), now: env.now });
  env.onUncaught((error) => {
    if (error instanceof ProcessExit) return;
    finish(error ?? new Error('Uncaught error'));
  });

  const realSetTimeout = scope.setTimeout.bind(scope);
  const realClearTimeout = scope.clearTimeout.bind(scope);
  const realSetInterval = scope.setInterval.bind(scope);
  const realClearInterval = scope.clearInterval.bind(scope);

  const checkIdle = () => {
    if (finished || !moduleSettled || pending.size > 0) return;
    const seen = activity;
    env.setTimer(() => {
      if (!finished && moduleSettled && pending.size === 0 && activity === seen) finish();
    }, IDLE_GRACE_MS);
  };
  const run = (handler: unknown, args: unknown[]) => {
    activity += 1;
    try {
      if (typeof handler === 'function') (handler as (...a: unknown[]) => unknown)(...args);
      else (0, eval)(String(handler));
    } finally {
      checkIdle();
    }
  };
  scope.setTimeout = ((handler: unknown, ms?: number, ...args: unknown[]) => {
    activity += 1;
    const id: TimerId = realSetTimeout(() => {
      pending.delete(id);
      run(handler, args);
    }, ms);
    pending.add(id);
    return id;
  }) as typeof setTimeout;
  scope.setInterval = ((handler: unknown, ms?: number, ...args: unknown[]) => {
    activity += 1;
    const id: TimerId = realSetInterval(() => run(handler, args), ms);
    pending.add(id);
    return id;
  }) as typeof setInterval;
  scope.clearTimeout = ((id?: TimerId) => {
    if (id !== undefined) pending.delete(id);
    realClearTimeout(id);
    checkIdle();
  }) as typeof clearTimeout;
  scope.clearInterval = ((id?: TimerId) => {
    if (id !== undefined) pending.delete(id);
    realClearInterval(id);
    checkIdle();
  }) as typeof clearInterval;

  env.loader.load(entry).then(
    () => {
      moduleSettled = true;
      checkIdle();
    },
    (error: unknown) => finish(error),
  );
}
