import type { SnapshotFrom } from 'xstate';
import type { InterruptReason } from './InterruptReason.ts';
import type { ProviderStatus } from './ProviderStatus.ts';
import type { sessionMachine } from './sessionMachine.ts';

/** The fast lane's resting and working states, as the UI names them. */
export type FastLaneState = 'idle' | 'debouncing' | 'requesting' | 'streaming' | 'shown' | 'accepted' | 'dismissed' | 'interrupted' | 'error';

/** What a status indicator shows for the fast lane. */
export type FastLaneStatus = {
  readonly inFlight: number;
  /** Automatic requests are paused until this clock time (a budget or rate limit), if later than now. */
  readonly pausedUntil: number;
} & (
  | { readonly state: Exclude<FastLaneState, 'interrupted' | 'error'> }
  | { readonly state: 'interrupted'; readonly reason: InterruptReason; readonly requestId: string }
  | { readonly state: 'error'; readonly status: ProviderStatus; readonly message: string; readonly requestId: string }
);

const STATES: readonly FastLaneState[] = ['idle', 'debouncing', 'requesting', 'streaming', 'shown', 'accepted', 'dismissed', 'interrupted', 'error'];

/** The fast lane's state for a status indicator: with the reason of an interruption and the status of an error. */
export function selectFastLaneStatus(snapshot: SnapshotFrom<typeof sessionMachine>): FastLaneStatus {
  const { fast } = snapshot.context;
  const common = { inFlight: fast.inFlight.length, pausedUntil: fast.pausedUntil };
  // Transient states never rest in a snapshot; every resting one is in STATES.
  const state = STATES.find((s) => snapshot.matches({ fastLane: s })) ?? 'idle';
  if (state === 'interrupted' && fast.interruption !== null) return { ...common, state, reason: fast.interruption.reason, requestId: fast.interruption.requestId };
  if (state === 'error' && fast.error !== null) return { ...common, state, status: fast.error.status, message: fast.error.message, requestId: fast.error.requestId };
  if (state === 'interrupted' || state === 'error') return { ...common, state: 'idle' };
  return { ...common, state };
}
