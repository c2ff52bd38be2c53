import { randomBytes, randomUUID } from 'node:crypto';
import type { Server, Socket } from 'socket.io';
import {
  isRoomMessageType,
  type RoomClientToServerEvents,
  type RoomErrorMessage,
  type RoomInvite,
  type RoomServerMessage,
  type RoomServerToClientEvents,
} from '../../shared/roomMessage.ts';
import { REPORTED_EVENT_LIMITS } from '../../shared/rooms/reportedRoomEvent.ts';
import { DEFAULT_ROOM_POLICY, checkRoomAction, type RoomAction, type RoomRefusal, type RoomRole } from '../../shared/rooms/roomPolicy.ts';
import { RateLimiter } from '../rateLimiter.ts';
import type { RoomStore } from '../store/RoomStore.ts';
import { dispatchRoomMessage, type RoomMessageHandlers } from './dispatchRoomMessage.ts';
import type { Room, RoomRefusalRecord } from './Room.ts';
import type { RoomPeer } from './RoomPeer.ts';
import { realClock, type RoomClock } from './RoomClock.ts';
import { RoomRegistry } from './RoomRegistry.ts';
import { signRoomToken, verifyRoomToken } from './roomToken.ts';
import { groupCommitStore } from './groupCommitStore.ts';
import { compactFrameOf, takeCompactEvents, writeFrame } from './takeCompactEvents.ts';

export interface AttachRoomsOptions {
  store: RoomStore;
  /** Signs and checks room tokens (loadRoomSecret); never sent to a client. */
  secret: Uint8Array;
  /** How long an empty room stays loaded. Default 30 s. */
  graceMs?: number;
  /** Default: the real clock. */
  clock?: RoomClock;
  /** Per connection, for room messages. Default ROOM_LIMITS'. */
  rateLimit?: { messagesPerSecond: number; burst: number };
  /** Told of every refused room message (default: one JSON line on stderr). */
  onRefused?: (record: RoomRefusalRecord) => void;
}

/** What the server (or a test) can do with the rooms besides the socket protocol. */
export interface Rooms {
  /** Creates a room hosted by `hostName`, with a first guest and observer invite. */
  createRoom(input: { hostName: string; guestName?: string; observerName?: string }): Promise<{ roomId: string; host: RoomInvite; guest: RoomInvite; observer: RoomInvite }>;
  /** An invite for one more person (the host's call is checked by the socket handler). */
  invite(roomId: string, role: RoomRole, name: string, ttlSeconds?: number): RoomInvite;
  /**
   * Whether this connection may do `action` (an AI lane, a run) in every room it is in; for the
   * handlers outside the rooms protocol (the relay's suggest, quick-edit, deep-start). A connection
   * in no room is not limited by any. A refusal is logged in the room as a "refused" event.
   */
  checkAction(socket: object, action: RoomAction, event: string): { ok: true } | { ok: false; reason: RoomRefusal; roomId: string };
  /**
   * Who a connection is in the room it joined first: the person its token names and the room, for
   * budgets that follow a person across tabs and belong to a room; undefined in no room.
   */
  identityOf(socket: object): { personId: string; roomId: string } | undefined;
  readonly registry: RoomRegistry;
  /** Stores everything rooms hold and frees them (call before closing the store). */
  close(): Promise<void>;
}

/** Rooms one connection may be in at once, and rooms it may create per minute: a tab needs one or two. */
const MAX_ROOMS_PER_CONNECTION = 8;
const ROOM_CREATIONS_PER_MINUTE = 5;

const HOST_TTL_SECONDS = 30 * 24 * 3600;
const INVITE_TTL_SECONDS = 7 * 24 * 3600;

type RoomSocket = Socket<RoomClientToServerEvents, RoomServerToClientEvents>;

function defaultOnRefused(record: RoomRefusalRecord): void {
  console.warn(JSON.stringify({ at: new Date().toISOString(), event: 'room-refused', ...record }));
}

function newId(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}

/**
 * Serves shared rooms on an existing Socket.IO server: registers the rooms protocol
 * (shared/roomMessage.ts) on every connection, each event through dispatchRoomMessage (size,
 * schema, then the handler), with its own rate limit, and checks the sender's token-given role
 * and the room policy on every message. Events that are not room events are left alone.
 */
export function attachRooms<L extends object, E extends object>(io: Server<L, E>, options: AttachRoomsOptions): Rooms {
  const clock = options.clock ?? realClock;
  const onRefused = options.onRefused ?? defaultOnRefused;
  const rate = options.rateLimit ?? { messagesPerSecond: 200, burst: 400 };
  // The appends of all rooms waiting at once are written as one statement (group commit across rooms).
  const store = groupCommitStore(options.store);
  const registry = new RoomRegistry({
    store,
    clock,
    graceMs: options.graceMs ?? 30_000,
    onRefused,
    sendToMany: (peers, message) => {
      // A keystroke's frame is encoded once and written to each connection as it is.
      const frame = compactFrameOf(message);
      const ids: string[] = [];
      for (const peer of peers) {
        const socket = sockets.get(peer.connectionId);
        if (socket === undefined) peer.send(message);
        else if (frame) writeFrame(socket, frame);
        else ids.push(socket.id);
      }
      // Encoded once for all of them, written to each connection in turn (never with no room: that would be everyone).
      if (ids.length > 0) (io.to(ids) as unknown as { emit(event: string, payload: RoomServerMessage): boolean }).emit(message.type, message);
    },
    onBroken: (room, error) => {
      console.error(`room ${room.id}: the store failed; the room was dropped and its members asked to rejoin:`, error);
      for (const forget of brokenListeners) forget(room);
    },
  });
  const brokenListeners = new Set<(room: Room) => void>();
  /** Each connection's socket, for sending to many at once (by its id: every socket is in a room of its own id). */
  const sockets = new Map<string, Socket>();
  /** Each connection's rooms, by its socket, for checkAction. */
  const memberships = new WeakMap<object, Map<string, { room: Room; peer: RoomPeer }>>();

  const invite = (roomId: string, role: RoomRole, name: string, ttlSeconds = INVITE_TTL_SECONDS, personId = `p-${newId(9)}`): RoomInvite => {
    const iat = Math.floor(clock.now() / 1000);
    const token = signRoomToken(options.secret, { room: roomId, role, sub: personId, name, iat, exp: iat + ttlSeconds });
    return { role, personId, name, token, link: `/?room=${encodeURIComponent(roomId)}#token=${token}`, expiresAt: (iat + ttlSeconds) * 1000 };
  };

  const createRoom: Rooms['createRoom'] = async (input) => {
    const roomId = newId(9);
    const host = invite(roomId, 'host', input.hostName, HOST_TTL_SECONDS);
    await store.createRoom({ id: roomId, createdAt: clock.now(), hostId: host.personId, hostName: input.hostName, policy: DEFAULT_ROOM_POLICY });
    return {
      roomId,
      host,
      guest: invite(roomId, 'guest', input.guestName ?? 'Guest'),
      observer: invite(roomId, 'observer', input.observerName ?? 'Observer'),
    };
  };

  io.on('connection', (untyped: Socket) => {
    // The server's own event maps do not include the rooms protocol; this connection speaks it too.
    const socket = untyped as unknown as RoomSocket;
    const connectionId = randomUUID();
    sockets.set(connectionId, untyped);
    const limiter = new RateLimiter(rate.messagesPerSecond, rate.burst, () => clock.now());
    const joined = new Map<string, { room: Room; peer: RoomPeer }>();
    memberships.set(untyped, joined);
    // Reported events have a bucket of their own, well below the sync's: they are a log, not the document.
    const reports = new RateLimiter(REPORTED_EVENT_LIMITS.eventsPerSecond, REPORTED_EVENT_LIMITS.burst, () => clock.now());
    const creations = new RateLimiter(ROOM_CREATIONS_PER_MINUTE / 60, ROOM_CREATIONS_PER_MINUTE, () => clock.now());
    const send = (message: RoomServerMessage): void => {
      const frame = compactFrameOf(message);
      if (frame) writeFrame(untyped, frame);
      else (socket.emit as (event: string, payload: RoomServerMessage) => boolean)(message.type, message);
    };
    const sendError = (error: RoomErrorMessage): void => send(error);
    const refuseOutside = (refused: string, code: RoomErrorMessage['code'], message: string, extra: Partial<RoomErrorMessage> = {}): void => {
      sendError({ type: 'room-error', code, message, refused, ...extra });
      onRefused({ roomId: extra.roomId ?? '', connectionId, refused, code, reason: extra.reason });
    };
    const forgetBroken = (room: Room): void => {
      if (joined.get(room.id)?.room === room) joined.delete(room.id);
    };
    brokenListeners.add(forgetBroken);

    /** The membership a message for `roomId` needs, or a `not-in-room` refusal. */
    const membership = (event: string, roomId: string, ackId?: number) => {
      const found = joined.get(roomId);
      if (!found) refuseOutside(event, 'not-in-room', `You have not joined room "${roomId}"`, { roomId, ...(ackId === undefined ? {} : { ackId }) });
      return found;
    };

    const leave = (roomId: string): void => {
      const found = joined.get(roomId);
      if (!found) return;
      joined.delete(roomId);
      found.room.leave(connectionId);
      registry.released(found.room);
    };

    // Once per connection, not per message.
    const handlers: RoomMessageHandlers = {
      'room-create': async (message) => {
        if (!creations.take()) {
          refuseOutside('room-create', 'rate-limited', `At most ${ROOM_CREATIONS_PER_MINUTE} rooms a minute`, { requestId: message.requestId });
          return;
        }
        const created = await createRoom(message);
        send({ type: 'room-created', requestId: message.requestId, ...created });
      },
      'room-invite': (message) => {
        const found = membership('room-invite', message.roomId);
        if (!found) return;
        const check = checkRoomAction(found.room.policy, found.peer.person, 'invite');
        if (!check.ok) {
          found.room.refuse(found.peer, 'room-invite', 'forbidden', 'Only the host invites', { reason: check.reason });
          return;
        }
        send({ type: 'room-invited', requestId: message.requestId, roomId: message.roomId, invite: invite(message.roomId, message.role, message.name, message.ttlSeconds) });
      },
      'room-join': async (message) => {
        const verdict = verifyRoomToken(options.secret, message.token, message.roomId, clock.now());
        if (!verdict.ok) {
          refuseOutside('room-join', 'bad-token', `The invite was refused: ${verdict.reason}`, { roomId: message.roomId, reason: verdict.reason });
          return;
        }
        // Joining again (a client that resyncs) starts over cleanly.
        leave(message.roomId);
        if (joined.size >= MAX_ROOMS_PER_CONNECTION) {
          refuseOutside('room-join', 'forbidden', `At most ${MAX_ROOMS_PER_CONNECTION} rooms per connection`, { roomId: message.roomId, reason: 'too-many-rooms' });
          return;
        }
        let room: Room | undefined;
        try {
          room = await registry.open(message.roomId);
        } catch (error) {
          console.error(`room ${message.roomId}: could not be loaded:`, error);
          sendError({ type: 'room-error', code: 'store-unavailable', message: 'The room could not be loaded; try again.', roomId: message.roomId, refused: 'room-join' });
          return;
        }
        if (!room) {
          refuseOutside('room-join', 'room-not-found', `There is no room "${message.roomId}"`, { roomId: message.roomId });
          return;
        }
        if (socket.disconnected) {
          registry.released(room);
          return;
        }
        const { claims } = verdict;
        const peer: RoomPeer = { connectionId, person: { personId: claims.sub, name: claims.name, role: claims.role }, send };
        joined.set(message.roomId, { room, peer });
        room.join(peer);
      },
      'room-leave': (message) => leave(message.roomId),
      'room-sync': (message) => {
        const found = membership('room-sync', message.roomId, message.ackId);
        if (found) found.room.receiveSync(found.peer, message);
      },
      'room-awareness': (message) => {
        const found = membership('room-awareness', message.roomId);
        if (found) found.room.receiveAwareness(found.peer, message.data);
      },
      'room-policy': async (message) => {
        const found = membership('room-policy', message.roomId);
        if (found) await found.room.changePolicy(found.peer, message.change);
      },
      'room-notes': async (message) => {
        const found = membership('room-notes', message.roomId);
        if (found) await found.room.notes(found.peer, message.text);
      },
      'room-event': (message) => {
        const found = membership('room-event', message.roomId);
        if (!found) return;
        if (!reports.take()) {
          // Told and in the server log, not in the room's: a flood of refusals would be a flood of entries.
          refuseOutside('room-event', 'rate-limited', `More than ${REPORTED_EVENT_LIMITS.eventsPerSecond} reported events per second; "${message.event.kind}" was dropped`, {
            roomId: message.roomId,
          });
          return;
        }
        found.room.reportEvent(found.peer, message.event);
      },
    };

    const receive = (event: string, args: unknown[]): void => {
      if (!isRoomMessageType(event)) return;
      if (!limiter.take()) {
        // The dropped update's ackId goes back, so the client stops waiting for it (it resends on rejoin).
        const { roomId, ackId } = (typeof args[0] === 'object' && args[0] !== null ? args[0] : {}) as { roomId?: unknown; ackId?: unknown };
        if (event === 'room-sync' && typeof roomId === 'string') joined.get(roomId)?.room.droppedSyncOf(connectionId);
        refuseOutside(event, 'rate-limited', `More than ${rate.messagesPerSecond} room messages per second; "${event}" was dropped`, {
          ...(typeof roomId === 'string' ? { roomId: roomId.slice(0, 64) } : {}),
          ...(typeof ackId === 'number' && Number.isInteger(ackId) && ackId >= 0 ? { ackId } : {}),
        });
        return;
      }
      void dispatchRoomMessage(event, args, handlers).then((error) => {
        if (!error) return;
        // For someone in the room, the refusal goes into its log too (bad input is part of the session's story).
        const found = error.roomId === undefined ? undefined : joined.get(error.roomId);
        if (found) {
          const { type: _type, code, message, refused: _refused, roomId: _roomId, ...extra } = error;
          found.room.refuse(found.peer, event, code, message, extra);
          return;
        }
        sendError(error);
        onRefused({ roomId: error.roomId ?? '', connectionId, refused: event, code: error.code, reason: error.reason });
      });
    };
    socket.onAny((event: string, ...args: unknown[]) => receive(event, args));
    // A keystroke's compact event comes the same way, below Socket.IO's per-packet work.
    const stopTaking = takeCompactEvents(untyped, receive);

    socket.on('disconnect', () => {
      stopTaking();
      sockets.delete(connectionId);
      brokenListeners.delete(forgetBroken);
      for (const roomId of [...joined.keys()]) leave(roomId);
    });
  });

  const checkAction: Rooms['checkAction'] = (socket, action, event) => {
    for (const { room, peer } of memberships.get(socket)?.values() ?? []) {
      const check = checkRoomAction(room.policy, peer.person, action);
      if (!check.ok) {
        room.refuse(peer, event, 'forbidden', `Refused by the room policy: ${check.reason}`, { reason: check.reason });
        return { ok: false, reason: check.reason, roomId: room.id };
      }
    }
    return { ok: true };
  };

  const identityOf: Rooms['identityOf'] = (socket) => {
    for (const { room, peer } of memberships.get(socket)?.values() ?? []) return { personId: peer.person.personId, roomId: room.id };
    return undefined;
  };

  return {
    createRoom,
    checkAction,
    identityOf,
    invite: (roomId, role, name, ttlSeconds) => invite(roomId, role, name, ttlSeconds),
    registry,
    close: () => registry.close(),
  };
}
