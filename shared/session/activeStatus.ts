import { continuationAt } from './continuationAt.ts';
import type { FastLaneContext } from './SessionContext.ts';

/**
 * Where the followed suggestion stands at the current cursor:
 * - `none`: no suggestion is followed;
 * - `waiting`: nothing to show yet (no text, or the person typed everything that has arrived);
 * - `streaming`: text to show, more coming;
 * - `complete`: text to show, all arrived;
 * - `exhausted`: all arrived and the person typed all of it;
 * - `diverged`: the person typed something it does not say, or the cursor left it.
 */
export type ActiveStatus = 'none' | 'waiting' | 'streaming' | 'complete' | 'exhausted' | 'diverged';

/** The status of `fast.active` at `fast.cursor`. */
export function activeStatus(fast: FastLaneContext): ActiveStatus {
  const active = fast.active;
  if (active === null) return 'none';
  if (fast.cursor === null) return 'diverged';
  const continuation = continuationAt(active.anchor, active.text, fast.cursor);
  if (continuation.kind === 'diverged') return 'diverged';
  if (continuation.kind === 'remaining') return active.complete ? 'complete' : 'streaming';
  return active.complete ? 'exhausted' : 'waiting';
}
