import { z } from 'zod';
import { presenceColor } from './presenceColor.ts';

/**
 * Who a person is, in their awareness state under `user`. The `color` a tab sends is not trusted
 * nor needed: everyone derives a person's colour from their id (`presenceColor`), so the same
 * person has the same readable colour on every screen.
 */
const awarenessUserSchema = z.object({
  personId: z.string().min(1).max(200),
  name: z.string().min(1).max(100),
  color: z.string().max(100).optional(),
  role: z.enum(['host', 'guest', 'observer']).optional(),
});

/** A person as the presence UI shows them; `color` is `presenceColor(personId)`, a `#rrggbb`. */
export interface PresenceUser {
  personId: string;
  name: string;
  color: string;
  role?: 'host' | 'guest' | 'observer';
}

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
    const parsed = awarenessUserSchema.safeParse(state.user);
    if (!parsed.success) continue;
    const { personId, name, role } = parsed.data;
    const user: PresenceUser = { personId, name, color: presenceColor(personId), ...(role ? { role } : {}) };
    const cursor = presenceCursorSchema.safeParse(state.cursor);
    peers.push({ clientId, user, cursor: cursor.success ? cursor.data : undefined });
  }
  return peers.sort((a, b) => a.user.name.localeCompare(b.user.name) || a.clientId - b.clientId);
}
