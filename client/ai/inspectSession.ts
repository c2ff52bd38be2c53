import type { ActorOptions } from 'xstate';
import type { sessionMachine } from '../../shared/session/sessionMachine.ts';

/** What `createSessionActor` takes as `inspect`. */
export type SessionInspect = NonNullable<ActorOptions<typeof sessionMachine>['inspect']>;

/**
 * With `?inspect` in the page's URL, opens Stately's browser inspector on the session machine and
 * returns the `inspect` option for `createSessionActor`; otherwise undefined. The inspector is
 * imported only then, so a page without the flag loads none of it. The context it is shown leaves
 * out the services and the clock (functions, and the socket behind them).
 */
export async function inspectSession(search: string = window.location.search): Promise<SessionInspect | undefined> {
  if (!new URLSearchParams(search).has('inspect')) return undefined;
  const { createBrowserInspector } = await import('@statelyai/inspect');
  const inspector = createBrowserInspector({
    sanitizeContext: (context) => Object.fromEntries(Object.entries(context).filter(([key]) => key !== 'services' && key !== 'clock')),
  });
  return inspector.inspect;
}
