/**
 * Messages near a hot shape `{ type, roomId, data?, ackId? }`: every field valid and broken in
 * each way a schema can refuse (types, bounds, characters, sizes, extra and missing fields, odd
 * prototypes), for tests that hold a hand-written check against the zod schema it stands in for.
 */
/** A subclass of Uint8Array, as Node's Buffer (what socket.io hands the server) is. */
export class SubclassedBytes extends Uint8Array {}

export function roomMessageVariants(type: string, maxBytes: number): unknown[] {
  const roomIds: unknown[] = ['r', 'room_1-A', 'x'.repeat(64), 'x'.repeat(65), '', 'röom', 'a b', 'a/b', 7, null, undefined, ['r']];
  const datas: unknown[] = [
    new Uint8Array([0, 0]),
    SubclassedBytes.from([2, 1, 0]),
    new Uint8Array(0),
    new Uint8Array(maxBytes),
    new Uint8Array(maxBytes + 1),
    new Uint8Array(new ArrayBuffer(8), 2, 3),
    new ArrayBuffer(3),
    [1, 2],
    'AAA=',
    null,
    undefined,
    new Uint16Array(2),
  ];
  const ackIds: unknown[] = [0, -0, 1, 41, 2 ** 53 - 1, 2 ** 53, 1.5, -1, NaN, Infinity, '1', null, undefined];
  const types: unknown[] = [type, 'room-sync', 'room-ack', 'room-awareness', 'room-join', 'ROOM-SYNC', undefined];
  const variants: unknown[] = [null, undefined, 'room-sync', 42, [], new Map()];
  const base = { type, roomId: 'r', data: new Uint8Array([0, 0]), ackId: 3 };
  for (const roomId of roomIds) variants.push({ ...base, roomId });
  for (const data of datas) {
    variants.push({ ...base, data });
    variants.push({ type, roomId: 'r', data });
  }
  for (const ackId of ackIds) {
    variants.push({ ...base, ackId });
    variants.push({ type, roomId: 'r', ackId });
  }
  for (const other of types) variants.push({ ...base, type: other }, { type: other, roomId: 'r', data: new Uint8Array(1) }, { type: other, roomId: 'r', ackId: 1 });
  const { ackId: _ackId, ...withoutAck } = base;
  const { data: _data, ...withoutData } = base;
  variants.push(
    withoutAck,
    withoutData,
    { type, roomId: 'r' },
    { ...base, extra: 1 },
    { ...withoutAck, extra: undefined },
    { ...withoutAck, attribution: { lane: 'fast', model: null, requestId: 'q' } },
    { ...base, ackId: undefined },
    Object.assign(Object.create(null) as object, base),
    Object.assign(Object.create({ inherited: 1 }) as object, base),
    new (class Message {
      type = type;
      roomId = 'r';
      data = new Uint8Array(1);
    })(),
    Object.defineProperty({ type, roomId: 'r', data: new Uint8Array(1) }, 'ackId', { value: 5, enumerable: false }),
    Object.defineProperty({ type, roomId: 'r', ackId: 5 }, 'data', { value: new Uint8Array(1), enumerable: false }),
  );
  return variants;
}
