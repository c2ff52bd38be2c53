/**
 * The replay's address: `/?room=<id>&view=replay#token=<host token>`. The token rides in the
 * fragment, like an invite's, so it never reaches a server log or a Referer; the page sends it
 * to the API in a header. Tiny and dependency-free: client/main.tsx imports it to decide, before
 * anything else loads, whether this page is the replay (whose code then loads as its own chunk).
 */
export function replayLink(room: { roomId: string; token: string }): string {
  return `/?room=${encodeURIComponent(room.roomId)}&view=replay#token=${encodeURIComponent(room.token)}`;
}

/** The room and token when `location` is a replay link, else undefined (token '' when the fragment lacks one). */
export function readReplayLink(location: { search: string; hash: string }): { roomId: string; token: string } | undefined {
  const params = new URLSearchParams(location.search);
  const roomId = params.get('room');
  if (params.get('view') !== 'replay' || !roomId) return undefined;
  const token = new URLSearchParams(location.hash.replace(/^#/, '')).get('token') ?? '';
  return { roomId, token };
}

/** Opens the replay of a room in a new tab (the host's "Replay" button). */
export function openReplay(room: { roomId: string; token: string }): void {
  window.open(replayLink(room), '_blank', 'noopener');
}
