import type { SessionEvent } from '../../shared/session/SessionEvent.ts';
import type { RuntimeStatus } from '../runtime/selectRuntime.ts';

/** The runtime glue's report of the runtime selection to the session machine. */
export type RuntimeStatusEvent = Extract<SessionEvent, { type: 'runtime.ready' } | { type: 'runtime.failed' }>;

/**
 * What the session must hear when the runtime selection's status becomes `status`, given the
 * event sent last (undefined before any): `runtime.ready` with the active runtime's kind when it
 * can take runs (again, or another one took over), `runtime.failed` with the active runtime's own
 * reason when it cannot; null when nothing changed for the machine (still booting, the same
 * runtime still ready, only the background runtime's state moved).
 */
export function runtimeStatusEvent(status: RuntimeStatus, last: RuntimeStatusEvent | undefined): RuntimeStatusEvent | null {
  if (status.phase === 'booting') return null;
  if (status.phase === 'ready') {
    if (last?.type === 'runtime.ready' && last.runtime === status.active) return null;
    return { type: 'runtime.ready', runtime: status.active };
  }
  const own = status.active === 'webcontainer' ? status.webcontainer : status.worker;
  const reason = own.phase === 'failed' ? own.reason : status.label;
  if (last?.type === 'runtime.failed' && last.reason === reason) return null;
  return { type: 'runtime.failed', reason };
}
