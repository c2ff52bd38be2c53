import { WORKER_HANDOFF_KEY, type WorkerHandoff } from './workerHandoff.ts';
import { startUserCodeWorker } from './worker-scope/startUserCodeWorker.ts';

/**
 * Entry of the user-code worker, imported as a module (so the runner's names stay out of the
 * global scope user code shares) by the classic blob the sandbox starts each worker from.
 */
const scope = self as unknown as DedicatedWorkerGlobalScope & Record<symbol, WorkerHandoff | undefined>;
const key = Symbol.for(WORKER_HANDOFF_KEY);
const handoff = scope[key];
delete scope[key];
handoff?.release();
startUserCodeWorker(scope, handoff?.early ?? []);
