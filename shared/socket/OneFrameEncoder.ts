import { Encoder, type Packet } from 'socket.io-parser';
import { asBytes } from './asBytes.ts';
import { encodeCompactEvent } from './compactEvent.ts';
import { ONE_FRAME_LAYOUT } from './oneFrameLayout.ts';
import { utf8 } from './utf8.ts';

/** Headers are short JSON; one reused buffer measures and holds them without an allocation each. */
const HEADER_SCRATCH_BYTES = 16 * 1024;

/**
 * socket.io-parser's Encoder, except that a packet with binary leaves as ONE binary engine.io
 * packet (one WebSocket frame) laid out as `ONE_FRAME_LAYOUT` says, instead of a text header
 * followed by one frame per attachment. Every `room-sync` and `room-awareness` carries bytes, so
 * this halves the frames of the rooms' hottest path at both ends.
 *
 * A keystroke's `room-sync` or `room-awareness` is written smaller still, as a compact event
 * (`COMPACT_EVENT_LAYOUT`), without a JSON header at all.
 *
 * Packets without binary are left exactly as socket.io-parser encodes them (native
 * `JSON.stringify`, one text frame), so the relay's text messages cost nothing more.
 * Attachments that cannot be read synchronously (a browser's Blob or File) are left in the
 * stock two-frame form, which `OneFrameDecoder` also accepts.
 */
export class OneFrameEncoder extends Encoder {
  private readonly scratch = new Uint8Array(HEADER_SCRATCH_BYTES);

  override encode(packet: Packet): unknown[] {
    const compact = encodeCompactEvent(packet);
    if (compact) return [compact];
    const parts: unknown[] = super.encode(packet);
    if (parts.length === 1) return parts;
    const header = parts[0];
    if (typeof header !== 'string') return parts;
    const views: Uint8Array[] = [];
    for (let i = 1; i < parts.length; i++) {
      const view = asBytes(parts[i]);
      if (!view) return parts;
      views.push(view);
    }
    const { read, written } = utf8.encodeInto(header, this.scratch);
    const headerBytes = read === header.length ? this.scratch.subarray(0, written) : utf8.encode(header);
    const { marker, lengthBytes } = ONE_FRAME_LAYOUT;
    let size = 1 + lengthBytes + headerBytes.byteLength;
    for (const view of views) size += lengthBytes + view.byteLength;
    const frame = new Uint8Array(size);
    frame[0] = marker;
    writeLength(frame, 1, headerBytes.byteLength);
    frame.set(headerBytes, 1 + lengthBytes);
    let at = 1 + lengthBytes + headerBytes.byteLength;
    for (const view of views) {
      writeLength(frame, at, view.byteLength);
      frame.set(view, at + lengthBytes);
      at += lengthBytes + view.byteLength;
    }
    return [frame];
  }
}

/** An unsigned 32-bit big-endian length (a DataView per frame would cost more than the frame's other work). */
function writeLength(frame: Uint8Array, at: number, length: number): void {
  frame[at] = length >>> 24;
  frame[at + 1] = (length >>> 16) & 0xff;
  frame[at + 2] = (length >>> 8) & 0xff;
  frame[at + 3] = length & 0xff;
}
