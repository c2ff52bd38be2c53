import { WORKER_HANDOFF_KEY } from './workerHandoff.ts';

/**
 * The source of a classic worker that imports a runner module from a blob URL. An opaque origin
 * can start a worker only from a blob, and Chromium refuses blob *module* workers there, so each
 * worker is a classic one whose blob imports the runner module, itself a blob made once from the
 * source the app sends: starting a worker touches no network, and the runner's names stay out of
 * the global scope user code shares. Messages that arrive while the module loads are kept for it
 * (see workerHandoff.ts). `runnerName` names the runner in the error a failed import raises.
 */
export function workerBootstrap(runnerUrl: string, runnerName: string): string {
  return `
const early = [];
const keep = (event) => early.push(event.data);
self.addEventListener('message', keep);
self[Symbol.for(${JSON.stringify(WORKER_HANDOFF_KEY)})] = { early, release: () => self.removeEventListener('message', keep) };
import(${JSON.stringify(runnerUrl)}).catch((error) => {
  // Rethrown outside the promise so it reaches the sandbox as the worker's error event.
  setTimeout(() => { throw new Error(${JSON.stringify(`the ${runnerName} could not be loaded: `)} + (error && error.message)); });
});
`;
}
