import { Decoder } from 'socket.io-parser';
import { asBytes } from './asBytes.ts';
import { COMPACT_EVENT_LAYOUT, decodeCompactEvent } from './compactEvent.ts';
import { ONE_FRAME_LAYOUT } from './oneFrameLayout.ts';
import { utf8 } from './utf8.ts';

/**
 * Frames a handler below Socket.IO has already delivered: the server's rooms take a keystroke's
 * compact event off the connection before Socket.IO's parser sees it (server/rooms/takeCompactEvents.ts).
 */
const delivered = new WeakSet<object>();

/** Tells every OneFrameDecoder to pass over `frame`: it was handled before Socket.IO got it. */
export function markDelivered(frame: object): void {
  delivered.add(frame);
}

/** A binary packet's header: its type (5 BINARY_EVENT, 6 BINARY_ACK) and attachment count, then `-`. */
const BINARY_HEADER = /^[56](\d{1,9})-/;

/**
 * socket.io-parser's Decoder that also reads the one-frame packets and compact events
 * (`COMPACT_EVENT_LAYOUT`) `OneFrameEncoder` writes.
 *
 * It is the stock decoder with one more input form, so socket.io-parser still does all the
 * validating and reconstructing: a packed frame is checked (marker, every length against the
 * frame, the header's attachment count against the attachments present, nothing trailing),
 * then its header string and its attachments are fed to the stock decoder in the order the stock
 * two-frame form would have brought them. Anything malformed throws, as socket.io-parser does,
 * which makes Socket.IO close that one connection; nothing is emitted for it.
 *
 * A binary chunk that arrives while a stock two-frame packet is being reconstructed is that
 * packet's attachment, so a stock socket.io client's binary is still accepted.
 *
 * Attachments are views into the received frame, not copies: on Node a Buffer's `subarray` (so
 * handlers get Buffers as before), in browsers a Uint8Array over the frame's ArrayBuffer.
 */
export class OneFrameDecoder extends Decoder {
  /** Attachments still owed to a stock two-frame packet whose header has been decoded. */
  private stockAttachmentsLeft = 0;

  override add(chunk: unknown): void {
    if (typeof chunk === 'string') {
      super.add(chunk);
      // The stock decoder accepted the header of a binary packet: its attachments come next.
      this.stockAttachmentsLeft = attachmentCount(chunk) ?? 0;
      return;
    }
    if (this.stockAttachmentsLeft > 0) {
      this.stockAttachmentsLeft -= 1;
      super.add(chunk);
      return;
    }
    if (typeof chunk === 'object' && chunk !== null && delivered.has(chunk)) return;
    const bytes = asBytes(chunk);
    if (!bytes) throw new Error('one-frame packet: expected binary data');
    if (bytes[0] === COMPACT_EVENT_LAYOUT.marker) {
      // Complete in itself: the packet socket.io-parser would have reconstructed, handed on as it would.
      this.emitReserved('decoded', decodeCompactEvent(bytes));
      return;
    }
    const { header, attachments } = unpack(bytes);
    try {
      super.add(header);
      for (const attachment of attachments) super.add(attachment);
    } catch (error) {
      // Leave no half-reconstructed packet behind for the next chunk.
      super.destroy();
      throw error;
    }
  }

  override destroy(): void {
    this.stockAttachmentsLeft = 0;
    super.destroy();
  }
}

/** The attachments a binary packet's header announces, or undefined for any other header. */
export function attachmentCount(header: string): number | undefined {
  const match = BINARY_HEADER.exec(header);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

/** Splits a packed frame into its header and attachments, or throws saying what is wrong with it. */
function unpack(bytes: Uint8Array): { header: string; attachments: Uint8Array[] } {
  if (bytes[0] !== ONE_FRAME_LAYOUT.marker) throw new Error(`one-frame packet: unknown marker ${bytes[0] ?? '(empty frame)'}`);
  // No closures here: the server runs under tsx, whose keepNames wraps each closure created per frame.
  let at = 1;
  let end = sectionEnd(bytes, at, 'the header');
  let header: string;
  try {
    header = utf8.decode(bytes.subarray(at + ONE_FRAME_LAYOUT.lengthBytes, end));
  } catch (error) {
    throw new Error('one-frame packet: the header is not valid UTF-8', { cause: error });
  }
  at = end;
  const count = attachmentCount(header);
  if (count === undefined || count < 1) throw new Error('one-frame packet: the header is not a binary packet with attachments');
  const attachments: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    end = sectionEnd(bytes, at, i);
    attachments.push(bytes.subarray(at + ONE_FRAME_LAYOUT.lengthBytes, end));
    at = end;
  }
  if (at !== bytes.byteLength) throw new Error(`one-frame packet: ${bytes.byteLength - at} bytes after the last attachment`);
  return { header, attachments };
}

/** Where the length-prefixed section starting at `at` ends, once its length is checked against the frame. */
function sectionEnd(bytes: Uint8Array, at: number, section: string | number): number {
  const { lengthBytes } = ONE_FRAME_LAYOUT;
  if (bytes.byteLength - at < lengthBytes) throw new Error(`one-frame packet: ${name(section)}'s length is cut off`);
  // Unsigned 32-bit big-endian; the bounds were checked just above.
  const length = bytes[at]! * 0x1000000 + (bytes[at + 1]! << 16) + (bytes[at + 2]! << 8) + bytes[at + 3]!;
  if (length > bytes.byteLength - at - lengthBytes) throw new Error(`one-frame packet: ${name(section)} runs past the end of the frame`);
  return at + lengthBytes + length;
}

function name(section: string | number): string {
  return typeof section === 'number' ? `attachment ${section}` : section;
}
