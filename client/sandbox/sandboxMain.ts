import runnerUrl from './userCode.worker.ts?worker&url';
import type { ParentToSandbox, SandboxToParent, WorkerStart } from './sandboxProtocol.ts';
import { WORKER_HANDOFF_KEY } from './workerHandoff.ts';

/**
 * The sandbox document. It only starts, feeds and kills user-code workers for the app that
 * embeds it; it never runs user code itself, so it stays responsive while a run spins. A run
 * ends when the app says so ("kill", also sent when the run finished on its own).
 *
 * An opaque origin can start a worker only from a blob, and Chromium refuses blob *module*
 * workers there, so each worker is a classic one whose blob imports the runner module from our
 * origin (a CORS load with Origin: null, so no credentials; CSP allows 'self'). Messages that
 * arrive while it loads are kept for it.
 */
const runnerHref = new URL(runnerUrl, location.href).href;
const bootstrapSource = `
const early = [];
const keep = (event) => early.push(event.data);
self.addEventListener('message', keep);
self[Symbol.for(${JSON.stringify(WORKER_HANDOFF_KEY)})] = { early, release: () => self.removeEventListener('message', keep) };
import(${JSON.stringify(runnerHref)}).catch((error) => {
  // Rethrown outside the promise so it reaches the sandbox as the worker's error event.
  setTimeout(() => { throw new Error('the test runner could not be loaded: ' + (error && error.message)); });
});
`;
const bootstrapUrl = URL.createObjectURL(new Blob([bootstrapSource], { type: 'text/javascript' }));

const toParent = (message: SandboxToParent) => window.parent.postMessage(message, '*');

const spawn = () => new Worker(bootstrapUrl, { name: 'pairlane-user-code' });

/** Started ahead of time so a run does not wait for the runner to load and compile. */
let spare: Worker | undefined = spawn();
let current: { runId: number; worker: Worker } | undefined;

function end(runId: number): void {
  if (current?.runId !== runId) return;
  current.worker.terminate();
  current = undefined;
  // The next run's worker starts now, not while this one ran: on a small machine its loading
  // would take CPU from the run being measured.
  spare ??= spawn();
}

function start(runId: number, message: Extract<ParentToSandbox, { type: 'run' }>, port: MessagePort | undefined): void {
  if (current) end(current.runId);
  if (!port) {
    toParent({ type: 'worker-failed', runId, message: 'the run came without its report port' });
    return;
  }
  const worker = spare ?? spawn();
  spare = undefined;
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
  const message = event.data;
  if (message?.type === 'run') start(message.runId, message, event.ports[0]);
  else if (message?.type === 'kill') {
    end(message.runId);
    toParent({ type: 'killed', runId: message.runId });
  }
});

toParent({ type: 'sandbox-ready' });
