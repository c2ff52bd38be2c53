import { describe, expect, it } from 'vitest';
import { Encoder as StockEncoder, PacketType, type Packet } from 'socket.io-parser';
import { ONE_FRAME_LAYOUT } from './oneFrameLayout.ts';
import { oneFrameParser } from './oneFrameParser.ts';
import { utf8 } from './utf8.ts';

const { Encoder, Decoder } = oneFrameParser;

/** A decoder that records what it emits. */
function decoder(): { add(chunk: unknown): void; decoded: Packet[] } {
  const inner = new Decoder();
  const decoded: Packet[] = [];
  inner.on('decoded', (packet) => decoded.push(packet));
  return { add: (chunk) => inner.add(chunk), decoded };
}

/** Encodes with our encoder, decodes every part with our decoder, returns the parts and what came out. */
function roundTrip(packet: Packet): { parts: unknown[]; decoded: Packet[] } {
  const parts = new Encoder().encode(structuredClone(packet));
  const d = decoder();
  for (const part of parts) d.add(part);
  return { parts, decoded: d.decoded };
}

/** Binary fields compared by their bytes, whatever their view type. */
function plain(value: unknown): unknown {
  if (value instanceof ArrayBuffer) return { bytes: [...new Uint8Array(value)] };
  if (ArrayBuffer.isView(value)) return { bytes: [...new Uint8Array(value.buffer, value.byteOffset, value.byteLength)] };
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
}

/** A packed frame built by hand, to say exactly what is wrong with it. */
function frame(header: string, attachments: Uint8Array[], options: { marker?: number; trailing?: number[] } = {}): Uint8Array {
  const headerBytes = utf8.encode(header);
  const parts = [Uint8Array.of(options.marker ?? ONE_FRAME_LAYOUT.marker), u32(headerBytes.byteLength), headerBytes];
  for (const attachment of attachments) parts.push(u32(attachment.byteLength), attachment);
  parts.push(Uint8Array.from(options.trailing ?? []));
  return concat(parts);
}

function u32(n: number): Uint8Array {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setUint32(0, n);
  return bytes;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.byteLength, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.byteLength;
  }
  return out;
}

const update = Uint8Array.of(1, 2, 3, 250, 0, 7);

describe('oneFrameParser', () => {
  it('leaves packets without binary exactly as socket.io-parser encodes them', () => {
    const packets: Packet[] = [
      { type: PacketType.CONNECT, nsp: '/', data: { protocolVersion: 2 } },
      { type: PacketType.CONNECT, nsp: '/admin' },
      { type: PacketType.DISCONNECT, nsp: '/' },
      { type: PacketType.CONNECT_ERROR, nsp: '/', data: { message: 'protocol-mismatch', data: { reason: 'x' } } },
      { type: PacketType.CONNECT_ERROR, nsp: '/', data: 'refused' },
      { type: PacketType.EVENT, nsp: '/', data: ['suggestion-batch', { requestId: 'r1', tokens: ['a', 'é', '🚀'] }] },
      { type: PacketType.EVENT, nsp: '/', id: 12, data: ['ping', { sentAt: 1.5 }] },
      { type: PacketType.ACK, nsp: '/', id: 12, data: [{ ok: true }] },
    ];
    for (const packet of packets) {
      const { parts, decoded } = roundTrip(packet);
      expect(parts).toEqual(new StockEncoder().encode(structuredClone(packet)));
      expect(parts).toHaveLength(1);
      expect(typeof parts[0]).toBe('string');
      expect(decoded).toEqual([packet]);
    }
  });

  it('sends a message with one attachment as one binary frame and reads it back', () => {
    const packet: Packet = { type: PacketType.EVENT, nsp: '/', data: ['room-sync', { type: 'room-sync', roomId: 'r', data: update, ackId: 3 }] };
    const { parts, decoded } = roundTrip(packet);
    expect(parts).toHaveLength(1);
    expect(parts[0]).toBeInstanceOf(Uint8Array);
    expect(decoded).toHaveLength(1);
    expect(plain(decoded[0])).toEqual(plain(packet));
    expect((decoded[0]?.data as [string, { data: unknown }])[1].data).toBeInstanceOf(Uint8Array);
  });

  it('packs several attachments, nested anywhere, of every view type, in placeholder order', () => {
    const backing = Uint8Array.of(9, 9, 4, 5, 6, 9);
    const packet: Packet = {
      type: PacketType.EVENT,
      nsp: '/',
      data: [
        'many',
        {
          a: update,
          deep: { list: [Uint8Array.of(), { b: backing.subarray(2, 5) }], c: Uint8Array.of(42).buffer },
          d: new DataView(Uint8Array.of(7, 8).buffer),
          e: new Uint16Array([1, 65535]),
          name: 'Zoë 🚀',
        },
      ],
    };
    const { parts, decoded } = roundTrip(packet);
    expect(parts).toHaveLength(1);
    expect(decoded).toHaveLength(1);
    // Only the view's bytes travel, not the rest of its buffer.
    expect(plain(decoded[0])).toEqual(plain(packet));
  });

  it('packs a header longer than the encoder keeps room for, and one written in any script', () => {
    const packet: Packet = { type: PacketType.EVENT, nsp: '/', data: ['long', { text: 'é🚀x'.repeat(8_000), data: update }] };
    const after: Packet = { type: PacketType.EVENT, nsp: '/', data: ['short', { name: 'Zoë', data: update }] };
    // One encoder for both: the short header after the long one must not see the long one's bytes.
    const encoder = new Encoder();
    const d = decoder();
    const parts = [...encoder.encode(structuredClone(after)), ...encoder.encode(structuredClone(packet)), ...encoder.encode(structuredClone(after))];
    expect(parts).toHaveLength(3);
    expect((parts[1] as Uint8Array).byteLength).toBeGreaterThan(16 * 1024);
    for (const part of parts) d.add(part);
    expect(plain(d.decoded)).toEqual(plain([after, packet, after]));
  });

  it('carries binary in acks (BINARY_ACK), with their id, and in other namespaces', () => {
    const ack: Packet = { type: PacketType.ACK, nsp: '/', id: 41, data: [{ data: update }, update] };
    const { parts, decoded } = roundTrip(ack);
    expect(parts).toHaveLength(1);
    expect(plain(decoded)).toEqual(plain([ack]));
    const event: Packet = { type: PacketType.EVENT, nsp: '/rooms', id: 5, data: ['x', update] };
    expect(plain(roundTrip(event).decoded)).toEqual(plain([event]));
  });

  it('reads frames as browsers (ArrayBuffer) and views into a larger buffer deliver them, without copying (Node Buffers: server/oneFrameSocket.test.ts)', () => {
    const packet: Packet = { type: PacketType.EVENT, nsp: '/', data: ['room-sync', { data: update }] };
    const packed = new Encoder().encode(packet)[0] as Uint8Array;
    const attachmentOf = (chunk: unknown): unknown => {
      const d = decoder();
      d.add(chunk);
      expect(d.decoded).toHaveLength(1);
      return (d.decoded[0]?.data as [string, { data: unknown }])[1].data;
    };

    const arrayBuffer = packed.slice().buffer;
    const fromArrayBuffer = attachmentOf(arrayBuffer) as Uint8Array;
    expect(fromArrayBuffer).toBeInstanceOf(Uint8Array);
    expect(fromArrayBuffer.buffer).toBe(arrayBuffer);
    expect([...fromArrayBuffer]).toEqual([...update]);

    const larger = new Uint8Array(packed.byteLength + 10);
    larger.set(packed, 7);
    const fromView = attachmentOf(larger.subarray(7, 7 + packed.byteLength)) as Uint8Array;
    expect(fromView.buffer).toBe(larger.buffer);
    expect([...fromView]).toEqual([...update]);
    expect([...(attachmentOf(new DataView(larger.buffer, 7, packed.byteLength)) as Uint8Array)]).toEqual([...update]);
  });

  it("accepts a stock socket.io client's two-frame binary packets, between packed ones", () => {
    const d = decoder();
    const stock: Packet = { type: PacketType.EVENT, nsp: '/', data: ['room-sync', { data: update.slice(), more: Uint8Array.of(5) }] };
    const packed: Packet = { type: PacketType.EVENT, nsp: '/', data: ['room-awareness', { data: update }] };
    const stockParts = new StockEncoder().encode(structuredClone(stock));
    expect(stockParts).toHaveLength(3);
    for (const part of stockParts) d.add(part);
    for (const part of new Encoder().encode(structuredClone(packed))) d.add(part);
    // A stock attachment that happens to start with the marker is still just an attachment.
    const marked: Packet = { type: PacketType.EVENT, nsp: '/', data: ['x', Uint8Array.of(ONE_FRAME_LAYOUT.marker, 0, 0)] };
    for (const part of new StockEncoder().encode(structuredClone(marked))) d.add(part);
    d.add('2["plain",1]');
    expect(plain(d.decoded)).toEqual(plain([stock, packed, marked, { type: PacketType.EVENT, nsp: '/', data: ['plain', 1] }]));
  });

  describe('refuses malformed frames: throws, emits nothing, and reads the next good packet', () => {
    const header = '51-["room-sync",{"_placeholder":true,"num":0}]';
    const good = frame(header, [update]);
    const cases: Record<string, unknown> = {
      'an empty frame': new Uint8Array(0),
      'a bad marker': frame(header, [update], { marker: 0x42 }),
      'a text packet sent as binary': utf8.encode('2["x",1]'),
      'a header length cut off': Uint8Array.of(ONE_FRAME_LAYOUT.marker, 0, 0),
      'a header length past the end': concat([Uint8Array.of(ONE_FRAME_LAYOUT.marker), u32(0xffffffff), utf8.encode(header)]),
      'a truncated header': good.subarray(0, 20),
      'a header that is not UTF-8': concat([Uint8Array.of(ONE_FRAME_LAYOUT.marker), u32(3), Uint8Array.of(0x35, 0xc3, 0x28)]),
      'a header that is not a binary packet': frame('2["x",1]', [update]),
      'a binary header announcing no attachment': frame('50-["x"]', []),
      'an attachment length past the end': good.subarray(0, good.byteLength - 1),
      'an attachment length cut off': concat([frame(header, []), Uint8Array.of(0, 0)]),
      'a header claiming more attachments than present': frame('52-["x",{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}]', [update]),
      'trailing bytes': frame(header, [update], { trailing: [0] }),
      'an extra attachment': frame(header, [update, update]),
      'a placeholder without its attachment': frame('51-["x",{"_placeholder":true,"num":3}]', [update]),
      'a header the stock decoder refuses': frame('51-["x",{"_placeholder":true,"num":0}', [update]),
      'a reserved event name': frame('51-["disconnect",{"_placeholder":true,"num":0}]', [update]),
      'more attachments than socket.io-parser allows': frame(
        `511-[${Array.from({ length: 11 }, (_, num) => JSON.stringify({ _placeholder: true, num })).join(',')}]`,
        Array.from({ length: 11 }, () => update),
      ),
      'something that is not binary': { length: 3 },
    };
    for (const [name, chunk] of Object.entries(cases)) {
      it(name, () => {
        const d = decoder();
        expect(() => d.add(chunk)).toThrow(Error);
        expect(d.decoded).toEqual([]);
        d.add(good);
        expect(d.decoded).toHaveLength(1);
      });
    }

    it('says what is wrong', () => {
      const d = decoder();
      expect(() => d.add(frame(header, [update], { marker: 0x42 }))).toThrow(/one-frame packet: unknown marker 66/);
      expect(() => d.add(frame(header, [update], { trailing: [1, 2] }))).toThrow(/one-frame packet: 2 bytes after the last attachment/);
      expect(() => d.add(good.subarray(0, 30))).toThrow(/one-frame packet: the header runs past the end of the frame/);
    });
  });
});
