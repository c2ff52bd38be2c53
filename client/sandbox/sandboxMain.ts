import type { ParentToSandbox, SandboxToParent, WorkerStart } from './sandboxProtocol.ts';
import { WORKER_HANDOFF_KEY } from './workerHandoff.ts';
import type { PythonInit } from './python/pythonProtocol.ts';
import { startPythonSandbox } from './python/startPythonSandbox.ts';

/**
 * The sandbox document. It only starts, feeds and kills user-code workers for the app that
 * embeds it; it never runs user code itself, so it stays responsive while a run spins. A run
 * ends when the app says so ("kill", also sent when the run finished on its own).
 *
 * An opaque origin can start a worker only from a blob, and Chromium refuses blob *module*
 * workers there, so each worker is a classic one whose blob imports the runner module, itself a
 * blob made once from the source the app sends ("init"): starting a worker touches no network,
 * and the runner's names stay out of the global scope user code shares.
 */
function bootstrapFor(runnerUrl: string): string {
  return `
const early = [];
const keep = (event) => early.push(event.data);
self.addEventListener('message', keep);
self[Symbol.for(${JSON.stringify(WORKER_HANDOFF_KEY)})] = { early, release: () => self.removeEventListener('message', keep) };
import(${JSON.stringify(runnerUrl)}).catch((error) => {
  // Rethrown outside the promise so it reaches the sandbox as the worker's error event.
  setTimeout(() => { throw new Error('the test runner could not be loaded: ' + (error && error.message)); });
});
`;
}

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
    bootstrapUrl = URL.createObjectURL(new Blob([bootstrapFor(runnerUrl)], { type: 'text/javascript' }));
    refill();
    toParent({ type: 'sandbox-ready' });
  } else if (message?.type === 'run') start(message.runId, message, event.ports[0]);
  else if (message?.type === 'kill') {
    end(message.runId);
    toParent({ type: 'killed', runId: message.runId });
  }
});

toParent({ type: 'sandbox-loaded' });
