import { RoomServerMessage } from '../roomMessage.ts';
import { isAckId, isRoomId, keystrokeFieldCount } from './parseRoomSyncFast.ts';

/** `RoomServerMessage.safeParse`'s answer. */
export type RoomServerMessageParse = { success: true; data: RoomServerMessage } | { success: false; issues: readonly { path: PropertyKey[]; message: string }[] };

/**
 * Checks a message from the server against the protocol, as `RoomServerMessage.safeParse` does,
 * with the three a keystroke brings checked by hand: `room-sync` and `room-awareness`
 * (`{ type, roomId, data }`) and `room-ack` (`{ type, roomId, ackId }`), exactly those fields.
 * Any other shape, and anything the hand check would refuse, goes to the schema, so the answer
 * is the schema's (tested against it: parseRoomServerMessage.test.ts). Every receiver of a room
 * runs this on every keystroke; the schema's union costs several µs a message.
 */
export function parseRoomServerMessage(raw: unknown): RoomServerMessageParse {
  const fast = hotMessage(raw);
  if (fast) return { success: true, data: fast };
  const parsed = RoomServerMessage.safeParse(raw);
  return parsed.success ? { success: true, data: parsed.data } : { success: false, issues: parsed.error.issues };
}

function hotMessage(raw: unknown): RoomServerMessage | undefined {
  if (keystrokeFieldCount(raw) !== 3) return undefined;
  const message = raw as Record<string, unknown>;
  const { type, roomId, data, ackId } = message;
  if (!isRoomId(roomId)) return undefined;
  if (type === 'room-sync' || type === 'room-awareness') {
    return data instanceof Uint8Array && ackId === undefined && !('ackId' in message) ? { type, roomId, data } : undefined;
  }
  if (type === 'room-ack') {
    return isAckId(ackId) && !('data' in message) ? { type, roomId, ackId } : undefined;
  }
  return undefined;
}
