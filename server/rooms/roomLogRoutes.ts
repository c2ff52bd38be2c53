import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { RoomId } from '../../shared/roomMessage.ts';
import { RoomEvent } from '../../shared/rooms/roomEvent.ts';
import {
  ROOM_LOG_MAX_LIMIT,
  parseRoomLogCursor,
  type RoomLogCursor,
  type RoomLogError,
  type RoomLogPage,
  type RoomNotesResponse,
} from '../../shared/rooms/replay/roomLogApi.ts';
import { crossOriginHeaders } from '../crossOriginHeaders.ts';
import type { RoomStore } from '../store/RoomStore.ts';
import { verifyRoomToken } from './roomToken.ts';

export interface RoomLogRoutesOptions {
  store: RoomStore;
  /** The key that signs room tokens (loadRoomSecret). */
  secret: Uint8Array;
  /** Epoch ms, for token expiry. Default Date.now. */
  now?: () => number;
}

/** Handles the request when it is one of the room log routes (and answers it); false leaves it to the next handler. */
export type RoomLogRoutes = (req: IncomingMessage, res: ServerResponse) => boolean;

const ROUTE = /^\/api\/rooms\/([^/]+)\/(log|notes)$/;
const Events = z.array(RoomEvent);

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, {
    ...crossOriginHeaders,
    'Content-Type': 'application/json; charset=utf-8',
    // The log is private to the host and changes as the session goes on: never kept by a cache.
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(JSON.stringify(body));
}

function refuse(res: ServerResponse, status: number, code: RoomLogError['code'], reason: string, message: string, extra: Record<string, string> = {}): void {
  if (status === 405) res.setHeader('Allow', 'GET');
  for (const [name, value] of Object.entries(extra)) res.setHeader(name, value);
  send(res, status, { code, reason, message } satisfies RoomLogError);
}

/** The token from `Authorization: Bearer <token>`, or undefined. */
function bearerOf(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1];
}

/**
 * The host's read-only HTTP API on a room: its event log, paged (`GET /api/rooms/<id>/log?after=<at>:<seq>&limit=<n>`),
 * and its notes (`GET /api/rooms/<id>/notes`). Only the room's host may read them: the request
 * carries the host's room token as `Authorization: Bearer`, checked like a join (signature,
 * expiry, room), then its role. The token travels in a header, never in the URL, so it stays out
 * of access logs. Every answer is JSON, never cached, with the app's cross-origin headers.
 */
export function roomLogRoutes(options: RoomLogRoutesOptions): RoomLogRoutes {
  const now = options.now ?? Date.now;
  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const route = ROUTE.exec(url.pathname);
    if (!route) return false;
    void answer(req, res, url, decodeURIComponent(route[1] ?? ''), route[2] === 'log' ? 'log' : 'notes').catch((error: unknown) => {
      console.error('room log: the store failed:', error);
      if (!res.headersSent) refuse(res, 503, 'store-unavailable', 'store-unavailable', 'The room store is unavailable; try again.');
      else res.destroy();
    });
    return true;
  };

  async function answer(req: IncomingMessage, res: ServerResponse, url: URL, roomId: string, what: 'log' | 'notes'): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      refuse(res, 405, 'method-not-allowed', 'method-not-allowed', 'Only GET is allowed here.');
      return;
    }
    if (!RoomId.safeParse(roomId).success) {
      refuse(res, 404, 'room-not-found', 'room-not-found', 'There is no such room.');
      return;
    }
    const token = bearerOf(req);
    if (!token) {
      refuse(res, 401, 'no-token', 'no-token', "Send the host's room token as Authorization: Bearer <token>.", { 'WWW-Authenticate': 'Bearer' });
      return;
    }
    const verdict = verifyRoomToken(options.secret, token, roomId, now());
    if (!verdict.ok) {
      refuse(res, 401, 'bad-token', verdict.reason, `The room token was refused: ${verdict.reason}.`, { 'WWW-Authenticate': 'Bearer error="invalid_token"' });
      return;
    }
    if (verdict.claims.role !== 'host') {
      refuse(res, 403, 'forbidden', 'host-only', `Only the host can replay this session; your invite is a${verdict.claims.role === 'observer' ? 'n observer' : ' guest'}'s.`);
      return;
    }
    const room = await options.store.getRoom(roomId);
    // A signed token for a room that is gone (or never stored) is not a forbidden request, just a missing room.
    if (!room) {
      refuse(res, 404, 'room-not-found', 'room-not-found', 'There is no such room.');
      return;
    }
    if (what === 'notes') {
      const notes = await options.store.readNotes(roomId);
      send(res, 200, { roomId, text: notes?.text ?? '', updatedAt: notes?.updatedAt ?? null } satisfies RoomNotesResponse);
      return;
    }
    const query = pageQuery(url);
    if (typeof query === 'string') {
      refuse(res, 400, 'invalid-request', 'invalid-query', query);
      return;
    }
    const stored = await options.store.listEvents(roomId, { ...(query.after ? { after: query.after } : {}), limit: query.limit });
    // The store validated them on the way in; checked again on the way out so a client never gets a malformed event.
    const events = Events.parse(stored);
    const last = events.at(-1);
    const page: RoomLogPage = {
      roomId,
      room: { createdAt: room.createdAt, hostId: room.hostId, hostName: room.hostName },
      events,
      next: events.length === query.limit && last ? { at: last.at, seq: last.seq } : null,
    };
    send(res, 200, page);
  }
}

/** The page asked for, or why the query is refused. */
function pageQuery(url: URL): { after?: RoomLogCursor; limit: number } | string {
  const afterText = url.searchParams.get('after');
  const limitText = url.searchParams.get('limit');
  let after: RoomLogCursor | undefined;
  if (afterText !== null && afterText !== '') {
    after = parseRoomLogCursor(afterText);
    if (!after) return '"after" must be <at>:<seq>, the "next" of the previous page.';
  }
  let limit = ROOM_LOG_MAX_LIMIT;
  if (limitText !== null && limitText !== '') {
    limit = /^\d{1,6}$/.test(limitText) ? Number(limitText) : Number.NaN;
    if (!(limit >= 1 && limit <= ROOM_LOG_MAX_LIMIT)) return `"limit" must be a whole number from 1 to ${ROOM_LOG_MAX_LIMIT}.`;
  }
  return after ? { after, limit } : { limit };
}
