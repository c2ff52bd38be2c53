import { createActor, type Actor, type ActorOptions } from 'xstate';
import type { SessionClock } from './SessionClock.ts';
import type { SessionInput } from './SessionContext.ts';
import { sessionMachine } from './sessionMachine.ts';

/** What a session actor needs: its services, and one clock for both its delays and `now()`. */
export interface SessionActorOptions extends Omit<SessionInput, 'clock'> {
  readonly clock: SessionClock;
  /** An inspection observer (e.g. Stately's inspector, client/ai/inspectSession.ts); none by default. */
  readonly inspect?: ActorOptions<typeof sessionMachine>['inspect'];
}

/**
 * Creates (does not start) a session actor whose delays and measurements use the same clock. In
 * the app the clock wraps `performance.now()` and the global timers; tests pass a `SimulatedClock`.
 */
export function createSessionActor(options: SessionActorOptions): Actor<typeof sessionMachine> {
  const { clock, inspect, ...input } = options;
  return createActor(sessionMachine, { clock, input: { ...input, clock }, ...(inspect === undefined ? {} : { inspect }) });
}
