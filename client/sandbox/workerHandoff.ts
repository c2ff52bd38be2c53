/**
 * Registry key (Symbol.for) under which the sandbox's worker bootstrap leaves, for the runner
 * module it imports, the messages that arrived while the module loaded. The runner takes them
 * and deletes the key before any user code runs.
 */
export const WORKER_HANDOFF_KEY = 'pairlane.userCodeWorker';

export interface WorkerHandoff {
  early: unknown[];
  /** Stops the bootstrap's buffering listener (the runner listens from now on). */
  release(): void;
}
