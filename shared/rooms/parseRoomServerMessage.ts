import { RoomServerMessage } from '../roomMessage.ts';
import { isRoomId } from './parseRoomSyncFast.ts';

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
  if (typeof raw !== 'object' || raw === null || Object.getPrototypeOf(raw) !== Object.prototype) return undefined;
  let fields = 0;
  for (const key in raw) {
    if (key !== 'type' && key !== 'roomId' && key !== 'data' && key !== 'ackId') return undefined;
    fields++;
  }
  if (fields !== 3) return undefined;
  const { type, roomId, data, ackId } = raw as Record<string, unknown>;
  if (!isRoomId(roomId)) return undefined;
  if (type === 'room-sync' || type === 'room-awareness') {
    return data instanceof Uint8Array && ackId === undefined && !('ackId' in raw) ? { type, roomId, data } : undefined;
  }
  if (type === 'room-ack') {
    return typeof ackId === 'number' && Number.isSafeInteger(ackId) && ackId >= 0 && !('data' in raw) ? { type, roomId, ackId } : undefined;
  }
  return undefined;
}
