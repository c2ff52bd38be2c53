import { z } from 'zod';
import { RoomEvent } from '../roomEvent.ts';

/**
 * The host's HTTP API on a room's log (server/rooms/roomLogRoutes.ts), both sides' schemas:
 *
 * - `GET /api/rooms/<id>/log?after=<at>:<seq>&limit=<n>` → RoomLogPage (oldest first);
 * - `GET /api/rooms/<id>/notes` → RoomNotesResponse;
 *
 * each with `Authorization: Bearer <the host's room token>`. Refusals are RoomLogError JSON.
 */

/** The most events one page holds (an edit event can carry up to 1 MiB of update). */
export const ROOM_LOG_MAX_LIMIT = 1000;

/** Where a page ends: pass it back as `after` for the next page. */
export const RoomLogCursor = z.object({ at: z.number().int().nonnegative(), seq: z.number().int().nonnegative() });
export type RoomLogCursor = z.infer<typeof RoomLogCursor>;

export const RoomLogPage = z.object({
  roomId: z.string(),
  room: z.object({ createdAt: z.number().int(), hostId: z.string(), hostName: z.string() }),
  events: z.array(RoomEvent),
  /** The cursor for the next page, or null when this page reached the end of the log. */
  next: RoomLogCursor.nullable(),
});
export type RoomLogPage = z.infer<typeof RoomLogPage>;

export const RoomNotesResponse = z.object({ roomId: z.string(), text: z.string(), updatedAt: z.number().int().nullable() });
export type RoomNotesResponse = z.infer<typeof RoomNotesResponse>;

/**
 * - 400 invalid-request (a bad cursor or limit); 401 no-token / bad-token (reason: the token
 *   check's, e.g. "expired"); 403 forbidden (reason "host-only"); 404 room-not-found / not-found;
 *   405 method-not-allowed; 503 store-unavailable.
 */
export const RoomLogErrorCode = z.enum(['invalid-request', 'no-token', 'bad-token', 'forbidden', 'room-not-found', 'not-found', 'method-not-allowed', 'store-unavailable']);
export type RoomLogErrorCode = z.infer<typeof RoomLogErrorCode>;

export const RoomLogError = z.object({ code: RoomLogErrorCode, reason: z.string(), message: z.string() });
export type RoomLogError = z.infer<typeof RoomLogError>;

/** `<at>:<seq>`, the form the `after` query parameter takes. */
export function formatRoomLogCursor(cursor: RoomLogCursor): string {
  return `${cursor.at}:${cursor.seq}`;
}

/** The cursor in an `after` parameter, or undefined when it is not `<at>:<seq>` with two non-negative integers. */
export function parseRoomLogCursor(text: string): RoomLogCursor | undefined {
  const match = /^(\d{1,16}):(\d{1,16})$/.exec(text);
  if (!match) return undefined;
  const cursor = RoomLogCursor.safeParse({ at: Number(match[1]), seq: Number(match[2]) });
  return cursor.success && Number.isSafeInteger(cursor.data.at) && Number.isSafeInteger(cursor.data.seq) ? cursor.data : undefined;
}
