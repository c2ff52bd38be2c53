import type { RoomEvent } from '../../shared/rooms/roomEvent.ts';
import { RoomLogError, RoomLogPage, formatRoomLogCursor, type RoomLogCursor } from '../../shared/rooms/replay/roomLogApi.ts';

/** The whole log of a room, as the replay needs it. */
export interface RoomLog {
  roomId: string;
  room: RoomLogPage['room'];
  events: RoomEvent[];
}

/** Why the log could not be read: the server's typed refusal, or what went wrong on the way. */
export class RoomLogLoadError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly reason: string,
    message: string,
  ) {
    super(message);
    this.name = 'RoomLogLoadError';
  }
}

/**
 * Reads every page of a room's event log with the host's token (GET /api/rooms/<id>/log), each
 * page checked against the schema, and reports progress as pages arrive.
 */
export async function fetchRoomLog(room: { roomId: string; token: string }, options: { signal?: AbortSignal; onProgress?: (events: number) => void } = {}): Promise<RoomLog> {
  const events: RoomEvent[] = [];
  let after: RoomLogCursor | null = null;
  let info: RoomLogPage['room'] | undefined;
  do {
    const query: string = after ? `?after=${encodeURIComponent(formatRoomLogCursor(after))}` : '';
    const response: Response = await fetch(`/api/rooms/${encodeURIComponent(room.roomId)}/log${query}`, {
      headers: { Authorization: `Bearer ${room.token}` },
      cache: 'no-store',
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const body: unknown = await response.json().catch(() => undefined);
    if (!response.ok) {
      const refusal = RoomLogError.safeParse(body);
      if (refusal.success) throw new RoomLogLoadError(response.status, refusal.data.code, refusal.data.reason, refusal.data.message);
      throw new RoomLogLoadError(response.status, 'http', String(response.status), `The server answered ${response.status} ${response.statusText}.`);
    }
    const page = RoomLogPage.safeParse(body);
    if (!page.success) throw new RoomLogLoadError(response.status, 'invalid-response', 'schema', 'The server sent a log this page cannot read (a different version?).');
    info = page.data.room;
    events.push(...page.data.events);
    options.onProgress?.(events.length);
    after = page.data.next;
  } while (after);
  return { roomId: room.roomId, room: info, events };
}
