import type { ParentToSandbox, SandboxToParent, WorkerStart } from './sandboxProtocol.ts';
import { workerBootstrap } from './workerBootstrap.ts';
import type { PythonInit } from './python/pythonProtocol.ts';
import { startPythonSandbox } from './python/startPythonSandbox.ts';

/*
 * The sandbox document. It only starts, feeds and kills user-code workers for the app that
 * embeds it; it never runs user code itself, so it stays responsive while a run spins. A run
 * ends when the app says so ("kill", also sent when the run finished on its own).
 *
 * Each worker is started from a classic blob that imports the runner (workerBootstrap.ts).
 */

let bootstrapUrl: string | undefined;

const toParent = (message: SandboxToParent) => window.parent.postMessage(message, '*');

const spawn = (): Worker | undefined => (bootstrapUrl ? new Worker(bootstrapUrl, { name: 'pairlane-user-code' }) : undefined);

/**
 * Workers started ahead of time, so a run does not wait for the runner to load and compile. Two,
 * so that a run that follows right on the previous one still finds a warm worker.
 */
const SPARES = 2;
const spares: Worker[] = [];

/** Tops the spares up; called only between runs, where starting workers takes no CPU from a run. */
function refill(): void {
  while (spares.length < SPARES) {
    const worker = spawn();
    if (!worker) return;
    spares.push(worker);
  }
}
let current: { runId: number; worker: Worker } | undefined;

function end(runId: number): void {
  if (current?.runId !== runId) return;
  current.worker.terminate();
  current = undefined;
  refill();
}

function start(runId: number, message: Extract<ParentToSandbox, { type: 'run' }>, port: MessagePort | undefined): void {
  if (current) end(current.runId);
  if (!port) {
    toParent({ type: 'worker-failed', runId, message: 'the run came without its report port' });
    return;
  }
  const worker = spares.shift() ?? spawn();
  if (!worker) {
    toParent({ type: 'worker-failed', runId, message: 'the sandbox has no runner yet' });
    return;
  }
  current = { runId, worker };
  worker.onerror = (event) => {
    event.preventDefault();
    if (current?.worker !== worker) return;
    toParent({ type: 'worker-failed', runId, message: event.message || 'the user-code worker could not start' });
    end(runId);
  };
  const start: WorkerStart = { job: message.job, port };
  worker.postMessage(start, [port]);
}

window.addEventListener('message', (event: MessageEvent<ParentToSandbox>) => {
  // Only the embedding app gives orders; anything else (user code cannot reach this window, but
  // another frame could try) is ignored.
  if (event.source !== window.parent) return;
  const message = event.data as ParentToSandbox | PythonInit;
  if (message?.type === 'python-init') {
    // The Python runtime's own sandbox: one warm Pyodide worker instead of a worker per run.
    const port = event.ports[0];
    if (port) startPythonSandbox(message, port);
    return;
  }
  if (message?.type === 'init') {
    if (bootstrapUrl) return;
    const runnerUrl = URL.createObjectURL(new Blob([message.runnerSource], { type: 'text/javascript' }));
    bootstrapUrl = URL.createObjectURL(new Blob([workerBootstrap(runnerUrl, 'test runner')], { type: 'text/javascript' }));
    refill();
    toParent({ type: 'sandbox-ready' });
  } else if (message?.type === 'run') start(message.runId, message, event.ports[0]);
  else if (message?.type === 'kill') {
    end(message.runId);
    toParent({ type: 'killed', runId: message.runId });
  }
});

toParent({ type: 'sandbox-loaded' });
