import type { GhostText } from '../../shared/session/selectGhostText.ts';

/** The ghost text to show at `offset` of the file `path`: the machine's ghost only where it belongs, else null. */
export function ghostFor(ghost: GhostText | null, path: string | undefined, offset: number): GhostText | null {
  if (ghost === null || path === undefined || ghost.path !== path || ghost.at !== offset || ghost.text === '') return null;
  return ghost;
}
