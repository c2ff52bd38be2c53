import type { GhostText } from '../../shared/session/selectGhostText.ts';

/** True when two selections of ghost text would render the same. */
export function sameGhostText(a: GhostText | null, b: GhostText | null): boolean {
  if (a === null || b === null) return a === b;
  return a.requestId === b.requestId && a.path === b.path && a.at === b.at && a.text === b.text;
}
