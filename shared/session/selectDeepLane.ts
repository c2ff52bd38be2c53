import type { SnapshotFrom } from 'xstate';
import type { DeepLaneContext, DeepProposal } from './SessionContext.ts';
import type { sessionMachine } from './sessionMachine.ts';

/** The deep lane's states, as the UI names them. */
export type DeepLaneState =
  | 'proposed'
  | 'planning'
  | 'working'
  | 'steerQueued'
  | 'reviewing'
  | 'applied'
  | 'discarded'
  | 'failed'
  | 'budgetLimited'
  | 'interrupted';

/** What the deep-lane panel renders: the state and everything the context knows of the task. */
export interface DeepLaneView extends Omit<DeepLaneContext, 'metricPending' | 'proposal'> {
  readonly state: DeepLaneState;
  readonly proposal: DeepProposal;
  /** A task is running: steering and interrupting make sense. */
  readonly running: boolean;
  /** Files of the result not applied yet (reviewing). */
  readonly toApply: readonly string[];
}

const STATES: readonly DeepLaneState[] = ['proposed', 'planning', 'working', 'steerQueued', 'reviewing', 'applied', 'discarded', 'failed', 'budgetLimited', 'interrupted'];

/** The deep lane to render, or null when nothing is proposed. */
export function selectDeepLane(snapshot: SnapshotFrom<typeof sessionMachine>): DeepLaneView | null {
  const state = STATES.find((s) => snapshot.matches({ deepLane: s }));
  const { deep } = snapshot.context;
  if (state === undefined || deep.proposal === null) return null;
  const { metricPending: _pending, ...view } = deep;
  return {
    ...view,
    proposal: deep.proposal,
    state,
    running: state === 'planning' || state === 'working' || state === 'steerQueued',
    toApply: deep.files.filter((f) => !deep.applied.includes(f.path)).map((f) => f.path),
  };
}
