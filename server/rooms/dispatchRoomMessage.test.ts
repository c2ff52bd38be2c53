import { describe, expect, it } from 'vitest';
import { ROOM_LIMITS, roomClientMessageSchemas, type RoomClientMessage } from '../../shared/roomMessage.ts';
import { dispatchRoomMessage, roomMessageBytes, type RoomMessageHandlers } from './dispatchRoomMessage.ts';

const handlers = (): { handled: RoomClientMessage[]; table: RoomMessageHandlers } => {
  const handled: RoomClientMessage[] = [];
  const record = (message: RoomClientMessage): void => {
    handled.push(message);
  };
  // Every event of the protocol, whatever it holds today.
  return { handled, table: Object.fromEntries(Object.keys(roomClientMessageSchemas).map((event) => [event, record])) as RoomMessageHandlers };
};

describe('roomMessageBytes', () => {
  it('counts a Buffer (what socket.io delivers on Node) by its length, as a Uint8Array', () => {
    const bytes = new Uint8Array(1000).map((_, i) => (i * 37) % 256);
    const asBuffer = roomMessageBytes({ type: 'room-sync', roomId: 'r1', data: Buffer.from(bytes), ackId: 3 });
    const asArray = roomMessageBytes({ type: 'room-sync', roomId: 'r1', data: bytes, ackId: 3 });
    expect(asBuffer).toBe(asArray);
    expect(asBuffer).toBe(1000 + JSON.stringify({ type: 'room-sync', roomId: 'r1', data: 0, ackId: 3 }).length);
  });

  it('counts nested binary by its length and the rest as JSON', () => {
    expect(roomMessageBytes({ a: { b: Buffer.alloc(10) } })).toBe(10 + '{"a":{"b":0}}'.length);
    expect(roomMessageBytes('héllo')).toBe(Buffer.byteLength('"héllo"'));
    expect(roomMessageBytes(undefined)).toBe(0);
  });
});

describe('dispatchRoomMessage', () => {
  it('accepts a step 2 as a Buffer just under the sync limit', async () => {
    const { handled, table } = handlers();
    const data = Buffer.alloc(ROOM_LIMITS.maxSyncBytes - 16, 0xab);
    expect(await dispatchRoomMessage('room-sync', [{ type: 'room-sync', roomId: 'r1', data, ackId: 1 }], table)).toBeUndefined();
    expect(handled).toHaveLength(1);
  });

  it('refuses one over it as too large', async () => {
    const { handled, table } = handlers();
    const data = Buffer.alloc(ROOM_LIMITS.maxSyncBytes + ROOM_LIMITS.maxMessageBytes + 1);
    expect(await dispatchRoomMessage('room-sync', [{ type: 'room-sync', roomId: 'r1', data, ackId: 1 }], table)).toMatchObject({ code: 'too-large', ackId: 1 });
    expect(handled).toHaveLength(0);
  });
});
