import { Encoder, type Packet } from 'socket.io-parser';
import { ONE_FRAME_LAYOUT } from './oneFrameLayout.ts';
import { utf8 } from './utf8.ts';

/**
 * socket.io-parser's Encoder, except that a packet with binary leaves as ONE binary engine.io
 * packet (one WebSocket frame) laid out as `ONE_FRAME_LAYOUT` says, instead of a text header
 * followed by one frame per attachment. Every `room-sync` and `room-awareness` carries bytes, so
 * this halves the frames of the rooms' hottest path at both ends.
 *
 * Packets without binary are left exactly as socket.io-parser encodes them (native
 * `JSON.stringify`, one text frame), so the relay's text messages cost nothing more.
 * Attachments that cannot be read synchronously (a browser's Blob or File) are left in the
 * stock two-frame form, which `OneFrameDecoder` also accepts.
 */
export class OneFrameEncoder extends Encoder {
  override encode(packet: Packet): unknown[] {
    const parts: unknown[] = super.encode(packet);
    if (parts.length === 1) return parts;
    const [header, ...attachments] = parts;
    if (typeof header !== 'string') return parts;
    const views: Uint8Array[] = [];
    for (const attachment of attachments) {
      if (attachment instanceof ArrayBuffer) views.push(new Uint8Array(attachment));
      else if (ArrayBuffer.isView(attachment)) views.push(new Uint8Array(attachment.buffer, attachment.byteOffset, attachment.byteLength));
      else return parts;
    }
    const headerBytes = utf8.encode(header);
    const { marker, lengthBytes } = ONE_FRAME_LAYOUT;
    let size = 1 + lengthBytes + headerBytes.byteLength;
    for (const view of views) size += lengthBytes + view.byteLength;
    const frame = new Uint8Array(size);
    const lengths = new DataView(frame.buffer);
    frame[0] = marker;
    lengths.setUint32(1, headerBytes.byteLength);
    frame.set(headerBytes, 1 + lengthBytes);
    let at = 1 + lengthBytes + headerBytes.byteLength;
    for (const view of views) {
      lengths.setUint32(at, view.byteLength);
      frame.set(view, at + lengthBytes);
      at += lengthBytes + view.byteLength;
    }
    return [frame];
  }
}
