import { describe, expect, it } from 'vitest';
import { RoomServerMessage } from '../roomMessage.ts';
import { parseRoomServerMessage } from './parseRoomServerMessage.ts';
import { roomMessageVariants } from './testing/roomMessageVariants.ts';

describe('parseRoomServerMessage', () => {
  it('answers as RoomServerMessage.safeParse does, for the hot shapes and everything near them', () => {
    for (const type of ['room-sync', 'room-awareness', 'room-ack', 'room-members']) {
      for (const variant of roomMessageVariants(type, 1024)) {
        const ours = parseRoomServerMessage(variant);
        const schema = RoomServerMessage.safeParse(variant);
        expect(ours.success, `${type}: ${String(JSON.stringify(variant))}`).toBe(schema.success);
        if (ours.success && schema.success) expect(ours.data).toEqual(schema.data);
      }
    }
  });

  it('passes everything else to the schema', () => {
    const members = { type: 'room-members', roomId: 'r', members: [{ personId: 'p-1', name: 'Ada', role: 'host', clientIds: [1], ai: 'fast' }] };
    expect(parseRoomServerMessage(members)).toEqual({ success: true, data: RoomServerMessage.parse(members) });
    const refused = parseRoomServerMessage({ type: 'room-error', code: 'nope', message: 'x' });
    expect(refused.success).toBe(false);
    if (!refused.success) expect(refused.issues.length).toBeGreaterThan(0);
  });
});
