import { describe, expect, it } from 'vitest';
import { PacketType, type Packet } from 'socket.io-parser';
import { COMPACT_EVENT_LAYOUT, decodeCompactEvent, encodeCompactEvent } from './compactEvent.ts';
import { oneFrameParser } from './oneFrameParser.ts';

const update = Uint8Array.of(1, 2, 3, 250, 0, 7);

function event(name: string, payload: unknown, extra: Partial<Packet> = {}): Packet {
  return { type: PacketType.EVENT, nsp: '/', data: [name, payload], ...extra };
}

/** Through the parser Pairlane speaks: what goes on the wire, and what the other end's Socket.IO gets. */
function viaParser(packet: Packet): { parts: unknown[]; decoded: Packet[] } {
  const parts = new oneFrameParser.Encoder().encode(packet);
  const decoder = new oneFrameParser.Decoder();
  const decoded: Packet[] = [];
  decoder.on('decoded', (p) => decoded.push(p));
  for (const part of parts) decoder.add(part);
  return { parts, decoded };
}

function bytesOf(value: unknown): number[] {
  return [...(value as Uint8Array)];
}

describe('compact events: a keystroke without a JSON header', () => {
  it('writes a room-sync with an ackId as marker, event, flags, id, ackId and the bytes, and reads it back', () => {
    const frame = encodeCompactEvent(event('room-sync', { type: 'room-sync', roomId: 'r1', data: update, ackId: 42 }));
    expect(frame).toBeInstanceOf(Uint8Array);
    expect(frame!.byteLength).toBe(4 + 2 + 8 + update.byteLength);
    expect([...frame!.subarray(0, 6)]).toEqual([COMPACT_EVENT_LAYOUT.marker, 0, COMPACT_EVENT_LAYOUT.hasAckId, 2, 0x72, 0x31]);
    const packet = decodeCompactEvent(frame!);
    expect(packet.type).toBe(PacketType.EVENT);
    expect(packet.nsp).toBe('/');
    const [name, payload] = packet.data as [string, Record<string, unknown>];
    expect(name).toBe('room-sync');
    expect({ ...payload, data: bytesOf(payload.data) }).toEqual({ type: 'room-sync', roomId: 'r1', data: [...update], ackId: 42 });
  });

  it('round-trips the server’s room-sync (no ackId), awareness, the largest safe ackId and empty data', () => {
    const cases: Record<string, unknown>[] = [
      { type: 'room-sync', roomId: 'Ab_-9', data: update },
      { type: 'room-awareness', roomId: 'room', data: update },
      { type: 'room-sync', roomId: 'x'.repeat(64), data: update, ackId: Number.MAX_SAFE_INTEGER },
      { type: 'room-sync', roomId: 'r', data: new Uint8Array(0), ackId: 0 },
    ];
    for (const payload of cases) {
      const { parts, decoded } = viaParser(event(payload.type as string, payload));
      expect(parts).toHaveLength(1);
      expect((parts[0] as Uint8Array)[0]).toBe(COMPACT_EVENT_LAYOUT.marker);
      const [name, out] = decoded[0]!.data as [string, Record<string, unknown>];
      expect(name).toBe(payload.type);
      expect({ ...out, data: bytesOf(out.data) }).toEqual({ ...payload, data: bytesOf(payload.data) });
    }
  });

  it('leaves every other shape to the general path, which carries it unchanged', () => {
    const others: Packet[] = [
      event('room-sync', { type: 'room-sync', roomId: 'r1', data: update, attribution: { lane: 'fast' } }),
      event('room-sync', { type: 'room-sync', roomId: 'r1', data: update }, { id: 3 }),
      event('room-sync', { type: 'room-sync', roomId: 'r1', data: update }, { nsp: '/admin' }),
      event('room-sync', { type: 'room-awareness', roomId: 'r1', data: update }),
      event('room-sync', { type: 'room-sync', roomId: 'rø', data: update }),
      event('room-sync', { type: 'room-sync', roomId: '', data: update }),
      event('room-sync', { type: 'room-sync', roomId: 'x'.repeat(65), data: update }),
      event('room-sync', { type: 'room-sync', roomId: 'r1', data: update, ackId: -1 }),
      event('room-sync', { type: 'room-sync', roomId: 'r1', data: update, ackId: 1.5 }),
      event('room-sync', { type: 'room-sync', roomId: 'r1', data: update, ackId: 2 ** 53 }),
      event('room-sync', { type: 'room-sync', roomId: 'r1', data: 'text' }),
      event('room-event', { type: 'room-event', roomId: 'r1', data: update }),
      { type: PacketType.EVENT, nsp: '/', data: ['room-sync', { type: 'room-sync', roomId: 'r1', data: update }, 'more'] },
      event('room-sync', Object.assign(Object.create({ inherited: 1 }) as object, { type: 'room-sync', roomId: 'r1', data: update })),
    ];
    for (const packet of others) {
      expect(encodeCompactEvent(packet)).toBeUndefined();
      const { parts, decoded } = viaParser(packet);
      expect(parts.length === 1 && parts[0] instanceof Uint8Array && parts[0][0] === COMPACT_EVENT_LAYOUT.marker).toBe(false);
      expect(decoded).toHaveLength(1);
    }
  });

  it('refuses a frame that breaks the layout, saying what is wrong', () => {
    const good = encodeCompactEvent(event('room-sync', { type: 'room-sync', roomId: 'r1', data: update, ackId: 1 }))!;
    const withByte = (at: number, value: number) => Uint8Array.from(good, (byte, i) => (i === at ? value : byte));
    expect(() => decodeCompactEvent(good.subarray(0, 3))).toThrow('compact event: the frame is cut off');
    expect(() => decodeCompactEvent(withByte(0, 0xb1))).toThrow('compact event: unknown marker 177');
    expect(() => decodeCompactEvent(withByte(1, 9))).toThrow('compact event: unknown event 9');
    expect(() => decodeCompactEvent(withByte(2, 0b10))).toThrow('compact event: unknown flags 2');
    expect(() => decodeCompactEvent(withByte(3, 0))).toThrow('compact event: a room id of 0 characters');
    expect(() => decodeCompactEvent(withByte(3, 65))).toThrow('compact event: a room id of 65 characters');
    expect(() => decodeCompactEvent(withByte(4, 0xc3))).toThrow('compact event: the room id is not ASCII');
    expect(() => decodeCompactEvent(good.subarray(0, 4 + 2 + 7))).toThrow('compact event: the frame ends inside its header');
    // Through the parser: the decoder throws as socket.io-parser does, which closes that one connection.
    expect(() => new oneFrameParser.Decoder().add(withByte(1, 9))).toThrow('compact event: unknown event 9');
  });
});
