import { assign } from 'xstate';
import { deepLaneRegion } from './deepLaneRegion.ts';
import { deepLaneSetup } from './deepLaneSetup.ts';
import { fastLaneRegion } from './fastLaneRegion.ts';
import { quickEditRegion } from './quickEditRegion.ts';
import { initialSessionContext } from './initialSessionContext.ts';
import { runtimeRegion } from './runtimeRegion.ts';

/**
 * The session machine: the one place where a person's AI session decides what happens, from which
 * the client renders. Pure: it opens no socket, touches no DOM and keeps no timers of its own.
 * Time comes from the clock given to the actor (`createActor(sessionMachine, { clock, input })`,
 * or `createSessionActor`), and everything it does to the world goes through the `SessionServices`
 * in its input; answers come back as events (`SessionEvent`).
 *
 * Parallel regions, one per lane, so each lane's states stay small and a lane can watch another
 * (`stateIn`): the fast lane keeps quiet while a quick edit is open; a quick edit hands over to
 * the deep lane only while that is free.
 * - `fastLane`: ghost-text suggestions (fastLaneRegion.ts);
 * - `quickEdit`: targeted changes of a selection, handed to the deep lane when a promotion
 *   criterion holds (quickEditRegion.ts, promotionReasons.ts);
 * - `runtime`: booting, ready, running, stopping, failed; the person's runs and the deep lane's
 *   run tool calls, one at a time (runtimeRegion.ts);
 * - `deepLane`: proposed, planning, working, steer queued, reviewing, applied, discarded, failed,
 *   budget-limited, interrupted (deepLaneRegion.ts).
 * The runtime region comes before the deep lane: for an event both hear (a run tool call, an
 * interrupt), the runtime decides first and the deep lane records what it decided.
 *
 * docs/SESSION_MACHINE.md describes the states, events and rules.
 */
export const sessionMachine = deepLaneSetup.createMachine({
  id: 'session',
  type: 'parallel',
  context: ({ input }) => initialSessionContext(input),
  on: {
    'ai.models': { actions: assign({ models: ({ event }) => ({ fast: event.fast, deep: event.deep }) }) },
  },
  states: {
    fastLane: fastLaneRegion,
    quickEdit: quickEditRegion,
    runtime: runtimeRegion,
    deepLane: deepLaneRegion,
  },
});
