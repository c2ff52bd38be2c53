import { z } from 'zod';
import { AiAttribution } from './rooms/aiAttribution.ts';
import { BROADCAST_EVENT_KINDS, ReportedRoomEvent, RunPayload, RunResultPayload } from './rooms/reportedRoomEvent.ts';
import { AiPolicy, PersonId, RoomPolicyChange, RoomPolicyState, RoomRole } from './rooms/roomPolicy.ts';

/**
 * The rooms protocol, both directions, one zod schema per message keyed by `type` (the Socket.IO
 * event name). Document and presence bytes travel as binary attachments (Uint8Array), framed the
 * way Yjs' own y-protocols frames them:
 *
 * - `room-sync.data` is a y-protocols sync message: step 1 (a state vector), step 2 (the update
 *   the other side lacks) or an update. Either side sends step 1 after `room-joined`; the other
 *   answers with step 2. A client's step 2 and updates carry an `ackId`; the server sends
 *   `room-ack` with it once the update is durably stored (never before).
 * - `room-awareness.data` is a y-protocols awareness update (cursors, selections, names).
 *
 * Every message after `room-join` names its room, so one connection can be in several rooms and
 * a message for a room the connection has not joined is refused (`not-in-room`).
 */

/** Bounds on room messages; the server refuses larger ones with `too-large` and the room goes on. */
export const ROOM_LIMITS = {
  /** A sync message (a whole document in a step 2). Below the transport's frame limit, so refusing is ours. */
  maxSyncBytes: 512 * 1024,
  /** An awareness update (one person's cursors and name). */
  maxAwarenessBytes: 16 * 1024,
  /** Everything else, as JSON. */
  maxMessageBytes: 64 * 1024,
  maxNotesChars: 32 * 1024,
  messagesPerSecond: 200,
  burst: 400,
} as const;

/** What a room id may hold (at most 64 of these): the schema's, and the fast paths' (shared/rooms/parseRoomSyncFast.ts). */
export const ROOM_ID_PATTERN = /^[A-Za-z0-9_-]+$/;
export const RoomId = z.string().min(1).max(64).regex(ROOM_ID_PATTERN);
const PersonName = z.string().trim().min(1).max(64);
/** Bytes (Socket.IO delivers a Buffer on Node and an ArrayBuffer-backed Uint8Array in browsers). */
const Bytes = (max: number) =>
  z.custom<Uint8Array>((value) => value instanceof Uint8Array, { message: 'expected binary data' }).refine((bytes) => bytes.byteLength <= max, {
    message: `larger than ${max} bytes`,
  });
const AckId = z.number().int().nonnegative();
/** The client's id for a request that is answered once (create, invite). */
const RequestId = z.string().min(1).max(128);

// ---- client → server ----

/** Anyone connected may create a room and becomes its host. Answered by `room-created`. */
export const RoomCreateMessage = z.object({
  type: z.literal('room-create'),
  requestId: RequestId,
  hostName: PersonName,
  /** Names for the first guest and observer invites (default "Guest", "Observer"). */
  guestName: PersonName.optional(),
  observerName: PersonName.optional(),
});

/** The host asks for another invite. Answered by `room-invited`. */
export const RoomInviteMessage = z.object({
  type: z.literal('room-invite'),
  requestId: RequestId,
  roomId: RoomId,
  role: z.enum(['guest', 'observer']),
  name: PersonName,
  /** Default 7 days; at most 30. */
  ttlSeconds: z.number().int().positive().max(30 * 24 * 3600).optional(),
});

/** Enter a room with an invite (or host) token. Answered by `room-joined`, then the server's sync step 1. */
export const RoomJoinMessage = z.object({ type: z.literal('room-join'), roomId: RoomId, token: z.string().min(1).max(2048) });
export const RoomLeaveMessage = z.object({ type: z.literal('room-leave'), roomId: RoomId });

export const RoomSyncMessage = z.object({
  type: z.literal('room-sync'),
  roomId: RoomId,
  data: Bytes(ROOM_LIMITS.maxSyncBytes),
  /** Set by a client on step 2 and updates: acknowledged by `room-ack` once stored. */
  ackId: AckId.optional(),
  /**
   * On an update accepted from an AI lane (one transaction): the room logs it as an `edit` event
   * of its own with `{ ai: attribution }`, and checks the person's AI policy for that lane.
   */
  attribution: AiAttribution.optional(),
});
export type RoomSyncMessage = z.infer<typeof RoomSyncMessage>;

export const RoomAwarenessMessage = z.object({ type: z.literal('room-awareness'), roomId: RoomId, data: Bytes(ROOM_LIMITS.maxAwarenessBytes) });
export type RoomAwarenessMessage = z.infer<typeof RoomAwarenessMessage>;

/** The host changes the room policy; everyone gets `room-policy-state`. */
export const RoomPolicyMessage = z.object({ type: z.literal('room-policy'), roomId: RoomId, change: RoomPolicyChange });

/** The host reads (no `text`) or replaces (`text`) their private notes; answered by `room-notes` to the host only. */
export const RoomNotesMessage = z.object({ type: z.literal('room-notes'), roomId: RoomId, text: z.string().max(ROOM_LIMITS.maxNotesChars).optional() });

/**
 * Something that happened in this person's browser, for the room's event log (shared/rooms/reportedRoomEvent.ts):
 * the server stamps the time and the person, checks the role and policy, and sends runs on to the room.
 */
export const RoomEventMessage = z.object({ type: z.literal('room-event'), roomId: RoomId, event: ReportedRoomEvent });
export type RoomEventMessage = z.infer<typeof RoomEventMessage>;

export const RoomClientMessage = z.discriminatedUnion('type', [
  RoomCreateMessage,
  RoomInviteMessage,
  RoomJoinMessage,
  RoomLeaveMessage,
  RoomSyncMessage,
  RoomAwarenessMessage,
  RoomPolicyMessage,
  RoomNotesMessage,
  RoomEventMessage,
]);
export type RoomClientMessage = z.infer<typeof RoomClientMessage>;
export type RoomClientMessageType = RoomClientMessage['type'];

/** Schema per message type, for the dispatcher. */
export const roomClientMessageSchemas: { [K in RoomClientMessageType]: z.ZodType<Extract<RoomClientMessage, { type: K }>> } = {
  'room-create': RoomCreateMessage,
  'room-invite': RoomInviteMessage,
  'room-join': RoomJoinMessage,
  'room-leave': RoomLeaveMessage,
  'room-sync': RoomSyncMessage,
  'room-awareness': RoomAwarenessMessage,
  'room-policy': RoomPolicyMessage,
  'room-notes': RoomNotesMessage,
  'room-event': RoomEventMessage,
};

/** Whether an event name belongs to the rooms protocol (the main dispatcher leaves those to the rooms). */
export function isRoomMessageType(event: string): event is RoomClientMessageType {
  return Object.hasOwn(roomClientMessageSchemas, event);
}

// ---- server → client ----

/** An invite: a token for one person and role, and the link that carries it (in the fragment, so it stays out of server logs). */
export const RoomInvite = z.object({
  role: RoomRole,
  personId: PersonId,
  name: z.string(),
  token: z.string(),
  /** Path and fragment to append to the server's origin: `/?room=<id>#token=<token>`. */
  link: z.string(),
  expiresAt: z.number().int(),
});
export type RoomInvite = z.infer<typeof RoomInvite>;

export const RoomCreatedMessage = z.object({
  type: z.literal('room-created'),
  requestId: RequestId,
  roomId: RoomId,
  host: RoomInvite,
  guest: RoomInvite,
  observer: RoomInvite,
});

export const RoomInvitedMessage = z.object({ type: z.literal('room-invited'), requestId: RequestId, roomId: RoomId, invite: RoomInvite });

/** Someone in the room: verified by their token, so the UI labels cursors with these names, not with what awareness claims. */
export const RoomMember = z.object({
  personId: PersonId,
  name: z.string(),
  role: RoomRole,
  /** The Yjs client ids (awareness) of this person's connections. */
  clientIds: z.array(z.number().int().nonnegative()),
  ai: AiPolicy,
});
export type RoomMember = z.infer<typeof RoomMember>;

export const RoomJoinedMessage = z.object({
  type: z.literal('room-joined'),
  roomId: RoomId,
  you: z.object({ personId: PersonId, name: z.string(), role: RoomRole }),
  policy: RoomPolicyState,
  members: z.array(RoomMember),
});
export const RoomMembersMessage = z.object({ type: z.literal('room-members'), roomId: RoomId, members: z.array(RoomMember) });
export const RoomServerSyncMessage = z.object({ type: z.literal('room-sync'), roomId: RoomId, data: Bytes(Number.MAX_SAFE_INTEGER) });
/**
 * The update sent with `ackId` (and every one before it from this connection) is durably stored.
 * One message per store batch: `earlier` lists the ackIds of this connection's other updates in
 * that batch, each acknowledged as well.
 */
export const RoomAckMessage = z.object({ type: z.literal('room-ack'), roomId: RoomId, ackId: AckId, earlier: z.array(AckId).optional() });
export const RoomServerAwarenessMessage = z.object({ type: z.literal('room-awareness'), roomId: RoomId, data: Bytes(Number.MAX_SAFE_INTEGER) });
export const RoomPolicyStateMessage = z.object({ type: z.literal('room-policy-state'), roomId: RoomId, policy: RoomPolicyState });
export const RoomNotesStateMessage = z.object({ type: z.literal('room-notes'), roomId: RoomId, text: z.string(), updatedAt: z.number().int().nullable() });

/**
 * A run or its result, reported by someone in the room and sent on to the others, stamped by the
 * server: who (`personId`, `name` from their token) and when (`at`, epoch ms).
 */
export const RoomServerEventMessage = z.object({
  type: z.literal('room-event'),
  roomId: RoomId,
  at: z.number().int(),
  personId: PersonId,
  name: z.string(),
  event: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal(BROADCAST_EVENT_KINDS[0]), payload: RunPayload }),
    z.object({ kind: z.literal(BROADCAST_EVENT_KINDS[1]), payload: RunResultPayload }),
  ]),
});
export type RoomServerEventMessage = z.infer<typeof RoomServerEventMessage>;

/**
 * Why a room message was refused. The connection and the room stay up after every one except
 * `store-unavailable`, after which the client joins again (its unacknowledged edits resync then).
 */
export const RoomErrorCode = z.enum([
  'invalid-message',
  'too-large',
  'rate-limited',
  'bad-token',
  'room-not-found',
  'not-in-room',
  'forbidden',
  'store-unavailable',
  'internal',
]);
export type RoomErrorCode = z.infer<typeof RoomErrorCode>;

export const RoomErrorMessage = z.object({
  type: z.literal('room-error'),
  code: RoomErrorCode,
  message: z.string(),
  roomId: z.string().optional(),
  /** The refused message's event name. */
  refused: z.string().optional(),
  /** For bad-token: malformed | unsupported-version | bad-signature | expired | other-room; for forbidden: the policy's reason. */
  reason: z.string().optional(),
  requestId: z.string().optional(),
  /** The refused update's ackId: it will never be acknowledged. */
  ackId: AckId.optional(),
  issues: z.array(z.string()).optional(),
});
export type RoomErrorMessage = z.infer<typeof RoomErrorMessage>;

export const RoomServerMessage = z.discriminatedUnion('type', [
  RoomCreatedMessage,
  RoomInvitedMessage,
  RoomJoinedMessage,
  RoomMembersMessage,
  RoomServerSyncMessage,
  RoomAckMessage,
  RoomServerAwarenessMessage,
  RoomPolicyStateMessage,
  RoomNotesStateMessage,
  RoomServerEventMessage,
  RoomErrorMessage,
]);
export type RoomServerMessage = z.infer<typeof RoomServerMessage>;
export type RoomServerMessageType = RoomServerMessage['type'];
/** Every event name the server sends for rooms, read from the union so a new message is listened for too. */
export const ROOM_SERVER_MESSAGE_TYPES: readonly RoomServerMessageType[] = RoomServerMessage.options.map((option) => option.shape.type.value);

/** Socket.IO's typed maps for the rooms protocol. */
export type RoomClientToServerEvents = {
  [K in RoomClientMessageType]: (message: Extract<RoomClientMessage, { type: K }>) => void;
};
export type RoomServerToClientEvents = {
  [K in RoomServerMessageType]: (message: Extract<RoomServerMessage, { type: K }>) => void;
};
