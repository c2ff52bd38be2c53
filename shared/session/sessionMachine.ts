import { fastLaneRegion } from './fastLaneRegion.ts';
import { quickEditRegion } from './quickEditRegion.ts';
import { initialSessionContext } from './initialSessionContext.ts';
import { sessionSetup } from './sessionSetup.ts';

/**
 * The session machine: the one place where a person's AI session decides what happens, from which
 * the client renders. Pure: it opens no socket, touches no DOM and keeps no timers of its own.
 * Time comes from the clock given to the actor (`createActor(sessionMachine, { clock, input })`,
 * or `createSessionActor`), and everything it does to the world goes through the `SessionServices`
 * in its input; answers come back as events (`SessionEvent`).
 *
 * Parallel regions, one per lane, so each lane's states stay small and a lane can watch another
 * (`stateIn`): the fast lane keeps quiet while a quick edit is open.
 * - `fastLane`: ghost-text suggestions (fastLaneRegion.ts);
 * - `quickEdit`: targeted changes of a selection (quickEditRegion.ts);
 * - later `runtime` (booting, ready, running, stopping) and `deepLane` (proposed, planning,
 *   working, steer queued, reviewing, applied, discarded, failed, budget-limited) join as regions
 *   of their own on the same setup, with their events and services added to the same types.
 *
 * docs/SESSION_MACHINE.md describes the states, events and rules.
 */
export const sessionMachine = sessionSetup.createMachine({
  id: 'session',
  type: 'parallel',
  context: ({ input }) => initialSessionContext(input),
  states: {
    fastLane: fastLaneRegion,
    quickEdit: quickEditRegion,
  },
});
