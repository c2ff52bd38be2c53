import type { SnapshotFrom } from 'xstate';
import { continuationAt } from './continuationAt.ts';
import type { sessionMachine } from './sessionMachine.ts';

/** Ghost text to render: `text` at offset `at` of `path`, for the suggestion `requestId`. */
export interface GhostText {
  readonly requestId: string;
  readonly path: string;
  readonly at: number;
  readonly text: string;
}

/**
 * What ghost text to show now, or null. Only in `streaming` and `shown`, and only what is left of
 * the followed suggestion after what the person typed since it was asked for; so nothing of a
 * cancelled, superseded or typed-over suggestion is ever returned.
 */
export function selectGhostText(snapshot: SnapshotFrom<typeof sessionMachine>): GhostText | null {
  if (!snapshot.matches({ fastLane: 'streaming' }) && !snapshot.matches({ fastLane: 'shown' })) return null;
  const { active, cursor } = snapshot.context.fast;
  if (active === null || cursor === null) return null;
  const continuation = continuationAt(active.anchor, active.text, cursor);
  if (continuation.kind !== 'remaining') return null;
  return { requestId: active.requestId, path: cursor.path, at: cursor.offset, text: continuation.text };
}
