import { z } from 'zod';

/** A colour as awareness carries it: only `#rrggbb`, so it can go into a style sheet as it is. */
const colorSchema = z.string().regex(/^#[0-9a-fA-F]{6}$/);

/** Who a person is, in their awareness state under `user`. */
export const presenceUserSchema = z.object({
  personId: z.string().min(1).max(200),
  name: z.string().min(1).max(100),
  color: colorSchema,
  role: z.enum(['host', 'guest', 'observer']).optional(),
});
export type PresenceUser = z.infer<typeof presenceUserSchema>;

/**
 * Where a person's cursor is, in their awareness state under `cursor`: the file and the selection
 * as Yjs relative positions (JSON), which keep pointing at the same characters while others edit.
 * `anchor` is where the selection started, `head` where the caret is.
 */
export const presenceCursorSchema = z.object({
  path: z.string().min(1).max(260),
  anchor: z.json(),
  head: z.json(),
});
export type PresenceCursor = z.infer<typeof presenceCursorSchema>;

/** One other tab in the room, as the presence UI shows it. */
export interface Peer {
  /** The awareness client id (one per tab). */
  clientId: number;
  user: PresenceUser;
  cursor: PresenceCursor | undefined;
}

/**
 * The other people's valid states, one per tab, ordered by name then client id; `self` (this
 * tab's client id) is left out. A state that does not parse (another version, a hostile peer) is
 * skipped, not trusted: the names and colours go into the page.
 */
export function readPeers(states: ReadonlyMap<number, Readonly<Record<string, unknown>>>, self: number): Peer[] {
  const peers: Peer[] = [];
  for (const [clientId, state] of states) {
    if (clientId === self) continue;
    const user = presenceUserSchema.safeParse(state.user);
    if (!user.success) continue;
    const cursor = presenceCursorSchema.safeParse(state.cursor);
    peers.push({ clientId, user: user.data, cursor: cursor.success ? cursor.data : undefined });
  }
  return peers.sort((a, b) => a.user.name.localeCompare(b.user.name) || a.clientId - b.clientId);
}
