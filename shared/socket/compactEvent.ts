import { PacketType, type Packet } from 'socket.io-parser';
import { isAckId, isRoomId, keystrokeFieldCount } from '../rooms/parseRoomSyncFast.ts';
import { asBytes } from './asBytes.ts';

/**
 * The rooms' per-keystroke messages in a compact binary frame of their own.
 *
 * Every keystroke in a room is a `room-sync` from the typist and one to each other member, and
 * often a `room-awareness` (the caret moved). As Socket.IO packets, even packed into one frame
 * (`ONE_FRAME_LAYOUT`), each carries a JSON header the other end parses and a placeholder it
 * swaps back for the bytes. Measured on loopback (`npm run bench:transport`), that made a relayed
 * 30-byte update twice as slow as on a bare WebSocket. This layout says the same thing in a few
 * bytes, and the decoder hands Socket.IO the very packet it would have reconstructed, so every
 * listener, the order of messages and every check after the parser stay as they were:
 *
 * | bytes | holds |
 * | --- | --- |
 * | 1 | `marker` |
 * | 1 | the event, by its index in `events` |
 * | 1 | the flags: bit 0 set when an `ackId` follows the room id |
 * | 1 | the room id's length n, 1 to `maxRoomIdLength` |
 * | n | the room id, one ASCII byte per character |
 * | 8 (bit 0 set) | the `ackId`, an IEEE 754 double, big-endian (any safe integer, exactly) |
 * | the rest | the event's `data` bytes |
 *
 * Only a payload of exactly `{ type: event, roomId, data, ackId? }` (plain object, nothing else,
 * `type` naming the event, a room id and ack id as the protocol allows them, no Socket.IO
 * acknowledgement) is written this way; anything else
 * takes the general path. The decoder checks the layout (marker, known event, flags, lengths
 * inside the frame, ASCII room id); what the fields must hold is checked where it always was, by
 * the message's schema, after the parser.
 */
export const COMPACT_EVENT_LAYOUT = {
  marker: 0xb2,
  /** Indexed by the event byte; appending keeps old frames readable, reordering would not. */
  events: ['room-sync', 'room-awareness'] as const,
  /** Flags bit 0: an ackId follows the room id. */
  hasAckId: 0b1,
  /** Room ids are at most this long (the rooms protocol's `RoomId`). */
  maxRoomIdLength: 64,
  ackIdBytes: 8,
} as const;

export type CompactEventName = (typeof COMPACT_EVENT_LAYOUT.events)[number];

const HEAD_BYTES = 4;

/** The compact frame of a packet, or undefined when the packet is not one this layout holds. */
export function encodeCompactEvent(packet: Packet): Uint8Array | undefined {
  if (packet.type !== PacketType.EVENT && packet.type !== PacketType.BINARY_EVENT) return undefined;
  if (packet.nsp !== '/' || packet.id !== undefined || !Array.isArray(packet.data) || packet.data.length !== 2) return undefined;
  const [event, payload] = packet.data as [unknown, unknown];
  const eventIndex = (COMPACT_EVENT_LAYOUT.events as readonly unknown[]).indexOf(event);
  // The same shape checks as the server's hand check of a keystroke (parseRoomSyncFast).
  const fields = eventIndex < 0 ? undefined : keystrokeFieldCount(payload);
  if (fields === undefined) return undefined;
  const { type, roomId, data, ackId } = payload as Record<string, unknown>;
  if (type !== event || !isRoomId(roomId)) return undefined;
  const bytes = asBytes(data);
  if (!bytes) return undefined;
  const withAck = ackId !== undefined;
  if (fields !== (withAck ? 4 : 3) || (withAck && !isAckId(ackId))) return undefined;
  const ackBytes = withAck ? COMPACT_EVENT_LAYOUT.ackIdBytes : 0;
  const frame = new Uint8Array(HEAD_BYTES + roomId.length + ackBytes + bytes.byteLength);
  frame[0] = COMPACT_EVENT_LAYOUT.marker;
  frame[1] = eventIndex;
  frame[2] = withAck ? COMPACT_EVENT_LAYOUT.hasAckId : 0;
  frame[3] = roomId.length;
  for (let i = 0; i < roomId.length; i++) frame[HEAD_BYTES + i] = roomId.charCodeAt(i);
  let at = HEAD_BYTES + roomId.length;
  if (withAck) {
    new DataView(frame.buffer).setFloat64(at, ackId);
    at += ackBytes;
  }
  frame.set(bytes, at);
  return frame;
}

/**
 * The Socket.IO packet a compact frame stands for (an EVENT on the main namespace), with `data`
 * a view into the frame (on Node a Buffer when the frame is one). Throws, saying what is wrong,
 * for a frame that does not follow the layout.
 */
export function decodeCompactEvent(frame: Uint8Array): Packet {
  if (frame.byteLength < HEAD_BYTES) throw new Error('compact event: the frame is cut off');
  if (frame[0] !== COMPACT_EVENT_LAYOUT.marker) throw new Error(`compact event: unknown marker ${frame[0]}`);
  const event = COMPACT_EVENT_LAYOUT.events[frame[1]!];
  if (event === undefined) throw new Error(`compact event: unknown event ${frame[1]}`);
  const flags = frame[2]!;
  if ((flags & ~COMPACT_EVENT_LAYOUT.hasAckId) !== 0) throw new Error(`compact event: unknown flags ${flags}`);
  const idLength = frame[3]!;
  if (idLength < 1 || idLength > COMPACT_EVENT_LAYOUT.maxRoomIdLength) throw new Error(`compact event: a room id of ${idLength} characters`);
  const withAck = (flags & COMPACT_EVENT_LAYOUT.hasAckId) !== 0;
  const dataAt = HEAD_BYTES + idLength + (withAck ? COMPACT_EVENT_LAYOUT.ackIdBytes : 0);
  if (dataAt > frame.byteLength) throw new Error('compact event: the frame ends inside its header');
  let roomId = '';
  for (let i = HEAD_BYTES; i < HEAD_BYTES + idLength; i++) {
    const code = frame[i]!;
    if (code > 0x7f) throw new Error('compact event: the room id is not ASCII');
    roomId += String.fromCharCode(code);
  }
  const data = frame.subarray(dataAt);
  if (!withAck) return { type: PacketType.EVENT, nsp: '/', data: [event, { type: event, roomId, data }] };
  const ackId = new DataView(frame.buffer, frame.byteOffset, frame.byteLength).getFloat64(HEAD_BYTES + idLength);
  return { type: PacketType.EVENT, nsp: '/', data: [event, { type: event, roomId, data, ackId }] };
}
