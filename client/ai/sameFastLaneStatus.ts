import type { FastLaneStatus } from '../../shared/session/selectFastLaneStatus.ts';

/** True when two fast-lane statuses would show the same (every snapshot builds a new object). */
export function sameFastLaneStatus(a: FastLaneStatus, b: FastLaneStatus): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof FastLaneStatus>;
  for (const key of keys) if (a[key] !== b[key]) return false;
  return true;
}
