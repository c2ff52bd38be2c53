import type { SnapshotFrom } from 'xstate';
import type { FinishedRun, RunRequest } from './SessionServices.ts';
import type { sessionMachine } from './sessionMachine.ts';

export type RuntimeState = 'booting' | 'ready' | 'running' | 'stopping' | 'failed';

/** What the run controls and the status bar render. */
export interface RuntimeView {
  readonly state: RuntimeState;
  /** The runtime's name once booted. */
  readonly name: string | null;
  readonly failure: string | null;
  readonly current: RunRequest | null;
  readonly queue: readonly RunRequest[];
  readonly last: FinishedRun | null;
  /** The person may press Run now (it starts, or waits for the run going on). */
  readonly canRun: boolean;
  /** The person may press Stop now. */
  readonly canStop: boolean;
}

const STATES: readonly RuntimeState[] = ['booting', 'ready', 'running', 'stopping', 'failed'];

export function selectRuntime(snapshot: SnapshotFrom<typeof sessionMachine>): RuntimeView {
  const state = STATES.find((s) => snapshot.matches({ runtime: s })) ?? 'booting';
  const { runtime, services } = snapshot.context;
  return {
    state,
    name: runtime.name,
    failure: runtime.failure,
    current: runtime.current,
    queue: runtime.queue,
    last: runtime.last,
    canRun: services.runtime !== undefined && state !== 'failed',
    canStop: state === 'running',
  };
}
