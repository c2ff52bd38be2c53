import { and } from 'xstate';
import { deepLaneSetup } from './deepLaneSetup.ts';

const refuseSteer = (reason: 'stale-turn' | 'no-turn-yet' | 'already-queued' | 'not-running') => ({ type: 'refuseSteer', params: { reason } }) as const;

/** The events of a running task (planning, working, steer queued), apart from steering and progress. */
const running = {
  'deep.interrupt': { target: 'interrupted', actions: 'interruptTask' },
  'deep.result': { guard: 'ofTask', target: 'reviewing', actions: 'takeResult' },
  'deep.failed': { guard: 'ofTask', target: 'failed', actions: 'failTask' },
  'deep.budget': { guard: 'ofTask', target: 'budgetLimited', actions: 'limitTask' },
  'deep.interrupted': { guard: 'ofTask', target: 'interrupted', actions: 'taskInterrupted' },
  // The runtime started a queued run of the task (the runtime region handled the event first).
  'run.finished': { actions: 'markRunsStarted' },
  'runtime.ready': { actions: 'markRunsStarted' },
} as const;

/** A steer while a task runs: refused if it names a turn that is over or there is no turn yet, else sent for the next turn. */
const steer = [
  { guard: and(['steerGiven', 'steerStale']), actions: refuseSteer('stale-turn') },
  { guard: and(['steerGiven', 'noTurnYet']), actions: refuseSteer('no-turn-yet') },
  { guard: 'steerGiven', target: 'steerQueued', actions: 'sendSteer' },
] as const;

const progress = { guard: 'ofTask', actions: 'takeProgress' } as const;
/** Every progress event of the task while it works or a steer waits: taken, no state change. */
const inProgress = {
  'deep.started': progress,
  'deep.turn': progress,
  'deep.text': progress,
  'deep.usage': progress,
  'deep.plan': progress,
  'deep.toolCall': progress,
  'deep.toolFinished': progress,
  'deep.diff': progress,
  'deep.tests': progress,
} as const;
/** Progress that shows the task is past planning (a plan, a tool call, a diff, test results). */
const working = { guard: 'ofTask', target: 'working', actions: 'takeProgress' } as const;

/** Where a task ended (or was dropped): a new proposal starts over; closing empties the panel. */
const ended = {
  'deep.propose': { guard: 'proposalGiven', target: 'proposed', actions: 'propose' },
  'deep.close': { target: 'idle', actions: 'closeTask' },
  'deep.steer': { guard: 'steerGiven', actions: refuseSteer('not-running') },
} as const;

/** Reviews the files a task staged before it failed or ran out of budget; nothing to review, nothing happens. */
const review = { guard: 'stagedToReview', target: 'reviewing', actions: 'reviewStaged' } as const;

/**
 * The deep lane: a task the server runs as a loop (model turn → tool calls → results), proposed
 * by the machine or asked for by the person, started with one key, steered and interrupted while
 * it runs, and reviewed before anything of it reaches the workspace.
 *
 * idle → proposed → planning → working ⇄ steerQueued → reviewing → applied | discarded, and
 * failed (with the server's status), budgetLimited (which budget) or interrupted from a running
 * state. A failed or budget-limited task that staged files can still be reviewed (`deep.review`). No delays: the budgets, wall time included, are enforced by the server, which says so.
 */
export const deepLaneRegion = deepLaneSetup.createStateConfig({
  initial: 'idle',
  states: {
    idle: { on: { 'deep.propose': { guard: 'proposalGiven', target: 'proposed', actions: 'propose' }, 'deep.steer': ended['deep.steer'] } },
    /** Waiting for the one-key confirm; the proposal carries the context over. */
    proposed: {
      on: {
        'deep.confirm': { guard: 'deepServed', target: 'planning', actions: 'startTask' },
        'deep.decline': { target: 'idle', actions: 'decline' },
        'deep.propose': { guard: 'proposalGiven', target: 'proposed', reenter: true, actions: 'propose' },
        'deep.steer': ended['deep.steer'],
      },
    },
    /** Started, no plan yet. */
    planning: {
      on: {
        ...running,
        'deep.steer': steer,
        'deep.started': progress,
        'deep.turn': progress,
        'deep.text': progress,
        'deep.usage': progress,
        'deep.plan': working,
        'deep.toolCall': working,
        'deep.toolFinished': working,
        'deep.diff': working,
        'deep.tests': working,
      },
    },
    /** The plan is known; model turns and tool calls go on. */
    working: {
      on: {
        ...running,
        'deep.steer': steer,
        ...inProgress,
      },
    },
    /** A steer was sent and waits for the next model turn. */
    steerQueued: {
      on: {
        ...running,
        'deep.steer': { guard: 'steerGiven', actions: refuseSteer('already-queued') },
        // Back to where the task was: working once past planning.
        'deep.steerAccepted': [
          { guard: and(['ofTask', 'pastPlanning']), target: 'working', actions: 'steerTaken' },
          { guard: 'ofTask', target: 'planning', actions: 'steerTaken' },
        ],
        'deep.steerRefused': [
          { guard: and(['ofTask', 'pastPlanning']), target: 'working', actions: 'steerRefusedByServer' },
          { guard: 'ofTask', target: 'planning', actions: 'steerRefusedByServer' },
        ],
        ...inProgress,
      },
    },
    /** The result: the multi-file diff with the tests before and after; apply all, apply per file, or discard. */
    reviewing: {
      on: {
        'deep.applyAll': { guard: 'filesToApply', target: 'applied', actions: 'applyResult' },
        'deep.applyFile': [
          { guard: 'lastFileToApply', target: 'applied', actions: 'applyResult' },
          { guard: 'fileToApply', actions: 'applyResult' },
        ],
        'deep.discard': { target: 'discarded', actions: 'discardResult' },
        'deep.steer': ended['deep.steer'],
        // A budget's ending that arrives while its staged files are reviewed brings the figures.
        'deep.failed': { guard: 'budgetEnding', actions: 'takeFigures' },
      },
    },
    applied: { on: ended },
    discarded: { on: ended },
    /** Failed; what it staged before (if anything) can still be reviewed, as a partial result. */
    failed: { on: { ...ended, 'deep.review': review } },
    /** A budget ran out; the server's `failed` "budget" that follows brings the figures. What it staged can be reviewed. */
    budgetLimited: { on: { ...ended, 'deep.failed': { guard: 'budgetEnding', actions: 'failTask' }, 'deep.review': review } },
    /** Stopped at once; the server's `interrupted` that follows brings the figures. */
    interrupted: { on: { ...ended, 'deep.interrupted': { guard: 'ofTask', actions: 'taskInterrupted' } } },
  },
});
