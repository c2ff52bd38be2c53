import type { WorkerMessage, WorkerStart } from '../sandboxProtocol.ts';
import { BundleLoader } from './BundleLoader.ts';
import { createTestKit, warmUpTestKit } from './createTestKit.ts';
import { captureConsole } from './captureConsole.ts';
import { OutputSink } from './OutputSink.ts';
import { runProgramJob } from './runProgramJob.ts';
import { runTestJob } from './runTestJob.ts';
import { serializeError } from './serializeError.ts';
import type { WorkerEnv } from './WorkerEnv.ts';

/**
 * The user-code worker: started fresh for every run (and killed after it), it waits for one job
 * and the port to report on, then runs the program or the test files the job holds. Everything it needs from the platform is
 * captured here, before any user code can replace it.
 */
export function startUserCodeWorker(scope: DedicatedWorkerGlobalScope, early: readonly unknown[] = []): void {
  const setTimeoutReal = scope.setTimeout.bind(scope);
  const clearTimeoutReal = scope.clearTimeout.bind(scope);
  const now = scope.performance.now.bind(scope.performance);
  const setTimer = (fn: () => void, ms: number) => {
    const id = setTimeoutReal(fn, ms);
    return () => clearTimeoutReal(id);
  };
  // Deep user stacks pass through the runner's frames; keep enough of them to reach user code.
  (Error as { stackTraceLimit?: number }).stackTraceLimit = 50;

  let uncaught: (error: unknown) => void = () => {};
  scope.addEventListener('error', (event) => {
    event.preventDefault();
    uncaught(event.error ?? new Error(event.message));
  });
  scope.addEventListener('unhandledrejection', (event) => {
    event.preventDefault();
    uncaught(event.reason);
  });

  const loader = new BundleLoader();
  const kit = createTestKit({ scope: scope as unknown as typeof globalThis, setTimer, now, locate: loader.locate });
  let started = false;
  // Warm up only while idle: a job that is already waiting goes first.
  setTimer(() => {
    if (!started) warmUpTestKit(kit);
  }, 0);

  const onStart = ({ job, port }: WorkerStart) => {
    if (started) return;
    started = true;
    // Everything goes to the app on the run's own port, past the sandbox document.
    const post = (message: WorkerMessage) => port.postMessage(message);
    const output = new OutputSink({
      post: (chunks, droppedBytes) => post({ type: 'output', chunks, droppedBytes }),
      maxBytes: job.maxOutputBytes,
      now,
      setTimer: (fn, ms) => void setTimer(fn, ms),
    });
    captureConsole(console, (stream, text) => output.write(stream, text), loader.rewrite, now);
    const env: WorkerEnv = {
      scope: scope as unknown as typeof globalThis,
      post,
      loader,
      output,
      setTimer,
      now,
      serializeError: (error) => serializeError(error, loader.rewrite),
      onUncaught: (handler) => {
        uncaught = handler;
      },
    };
    if (job.kind === 'program') runProgramJob(job.entry, env);
    else
      void runTestJob(job.files, job.testTimeoutMs, env, kit).catch((error: unknown) => {
        // A bug of the runner, not of the tests: keep its own frames, they are the only clue.
        const raw = env.serializeError(error);
        const message = `The test runner failed: ${raw.message}${raw.stack ? `\n${raw.stack.split('\n').slice(1, 6).join('\n')}` : ''}`;
        post({ type: 'file-done', file: job.files[0]?.file ?? '', durationMs: 0, error: { message } });
        post({ type: 'tests-done' });
      });
  };
  scope.addEventListener('message', (event: MessageEvent<WorkerStart>) => onStart(event.data));
  const first = early[0];
  if (first !== undefined) onStart(first as WorkerStart);
}
