import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { ROOM_LIMITS, RoomAwarenessMessage, RoomSyncMessage } from '../roomMessage.ts';
import { parseRoomAwarenessFast, parseRoomSyncFast } from './parseRoomSyncFast.ts';
import { SubclassedBytes, roomMessageVariants } from './testing/roomMessageVariants.ts';

/** Holds a hand check to its schema over `variants`: whatever it takes, the schema takes too, with the same fields and the same bytes. */
function expectSchemaAnswers<T extends { data: Uint8Array }>(fast: (payload: unknown) => T | undefined, schema: z.ZodType<T>, variants: unknown[]): void {
  let taken = 0;
  for (const [index, variant] of variants.entries()) {
    const hand = fast(variant);
    const parsed = schema.safeParse(variant);
    if (hand === undefined) continue;
    taken++;
    expect(parsed.success, `variant ${index}`).toBe(true);
    // The same bytes (not a copy), and the same fields.
    const { data, ...rest } = hand;
    const { data: schemaData, ...schemaRest } = parsed.data ?? { data: undefined };
    expect(data).toBe(schemaData);
    expect(rest).toStrictEqual(schemaRest);
  }
  // The variants include the hot shapes: the fast path is taken, not skipped.
  expect(taken).toBeGreaterThan(4);
}

describe('parseRoomSyncFast', () => {
  it('takes a keystroke’s room-sync, with and without an ackId, on a subclass (Node’s Buffer) as on a Uint8Array', () => {
    const data = new Uint8Array([2, 1, 0]);
    expect(parseRoomSyncFast({ type: 'room-sync', roomId: 'r_1-A', data, ackId: 7 })).toEqual({ type: 'room-sync', roomId: 'r_1-A', data, ackId: 7 });
    expect(parseRoomSyncFast({ type: 'room-sync', roomId: 'r', data: SubclassedBytes.from([0, 0]) })).toEqual({ type: 'room-sync', roomId: 'r', data: SubclassedBytes.from([0, 0]) });
    expect(parseRoomSyncFast({ type: 'room-sync', roomId: 'r', data: new Uint8Array(ROOM_LIMITS.maxSyncBytes) })).toBeDefined();
  });

  it('accepts nothing the schema refuses, and answers what the schema answers', () => {
    expectSchemaAnswers(parseRoomSyncFast, RoomSyncMessage, roomMessageVariants('room-sync', ROOM_LIMITS.maxSyncBytes));
  });
});

describe('parseRoomAwarenessFast', () => {
  it('takes a cursor move’s room-awareness, on a subclass (Node’s Buffer) as on a Uint8Array, up to the limit', () => {
    const data = new Uint8Array([1, 2, 3]);
    expect(parseRoomAwarenessFast({ type: 'room-awareness', roomId: 'r_1-A', data })).toEqual({ type: 'room-awareness', roomId: 'r_1-A', data });
    expect(parseRoomAwarenessFast({ type: 'room-awareness', roomId: 'r', data: SubclassedBytes.from([0]) })).toBeDefined();
    expect(parseRoomAwarenessFast({ type: 'room-awareness', roomId: 'r', data: new Uint8Array(ROOM_LIMITS.maxAwarenessBytes) })).toBeDefined();
    expect(parseRoomAwarenessFast({ type: 'room-awareness', roomId: 'r', data: new Uint8Array(ROOM_LIMITS.maxAwarenessBytes + 1) })).toBeUndefined();
  });

  it('accepts nothing the schema refuses, and answers what the schema answers', () => {
    expectSchemaAnswers(parseRoomAwarenessFast, RoomAwarenessMessage, roomMessageVariants('room-awareness', ROOM_LIMITS.maxAwarenessBytes));
  });
});
