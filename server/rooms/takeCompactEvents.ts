import { PacketType } from 'socket.io-parser';
import type { Socket } from 'socket.io';
import type { RoomServerMessage } from '../../shared/roomMessage.ts';
import { COMPACT_EVENT_LAYOUT, decodeCompactEvent, encodeCompactEvent } from '../../shared/socket/compactEvent.ts';
import { attachmentCount, markDelivered } from '../../shared/socket/OneFrameDecoder.ts';

/**
 * Takes a connection's compact events (a keystroke's `room-sync` or `room-awareness`, laid out as
 * `COMPACT_EVENT_LAYOUT` says) off engine.io, before Socket.IO's parser and dispatch, and hands
 * each to `receive` as Socket.IO would have handed it to an `onAny` listener: the same event name
 * and payload, only while the socket is connected.
 *
 * Measured on loopback (`npm run bench:transport`), Socket.IO's per-packet path (the decoder's
 * event, the namespace's lookup, the socket's dispatch on the next tick, the broadcast operator)
 * was a fifth of a relayed keystroke's time. Nothing else changes: every check after it (size,
 * schema, rate, role, membership) is `receive`'s, as before.
 *
 * Events keep the order they came in across both paths. Socket.IO hands an event over on the
 * next tick (the server uses no per-socket middleware that would delay it further). So a compact
 * event goes at once only when nothing handed to Socket.IO is still waiting for its tick;
 * otherwise it is queued on the next tick too, behind those.
 *
 * Only a frame that decodes is taken; any other binary (a malformed compact frame, a stock
 * client's attachment, which may start with any byte) goes to Socket.IO as before, which refuses
 * the malformed and closes that connection. Returns the function that stops taking.
 */
export function takeCompactEvents(socket: Socket, receive: (event: string, args: unknown[]) => void): () => void {
  const connection = socket.conn;
  // As the parser does: the binary chunks after a stock header are that packet's attachments.
  let stockAttachmentsLeft = 0;
  /**
   * Whether a chunk handed to Socket.IO may still wait for its tick. True until a tick queued
   * after Socket.IO's own: this listener runs before Socket.IO's, so a tick queued here runs before
   * Socket.IO's, and the one that tick queues runs after it. One is enough for every chunk of a
   * read: the ticks run once the read's chunks have all been handled, and no data comes in between.
   */
  let withSocketIo = false;
  const settled = (): void => {
    withSocketIo = false;
  };
  const afterSocketIo = (): void => {
    process.nextTick(settled);
  };
  const deliver = (event: string, payload: unknown): void => {
    if (!socket.connected) return;
    try {
      receive(event, [payload]);
    } catch (error) {
      // A message never takes the server down; the rooms' handlers answer their own errors.
      console.error(`room event "${event}" failed:`, error);
    }
  };
  const leave = (): void => {
    if (withSocketIo) return;
    withSocketIo = true;
    process.nextTick(afterSocketIo);
  };
  const take = (data: unknown): void => {
    if (typeof data === 'string') {
      stockAttachmentsLeft = attachmentCount(data) ?? 0;
      return leave();
    }
    if (stockAttachmentsLeft > 0) {
      stockAttachmentsLeft -= 1;
      return leave();
    }
    if (!(data instanceof Uint8Array) || data[0] !== COMPACT_EVENT_LAYOUT.marker) return leave();
    let event: string;
    let payload: unknown;
    try {
      [event, payload] = decodeCompactEvent(data).data as [string, unknown];
    } catch {
      return leave();
    }
    markDelivered(data);
    if (!withSocketIo) deliver(event, payload);
    else process.nextTick(deliver, event, payload);
  };
  connection.prependListener('data', take);
  return () => {
    connection.off('data', take);
  };
}

/**
 * A room message as the compact frame Socket.IO's encoder (OneFrameEncoder) would write for it,
 * or undefined when it is not a keystroke's shape. Encoded once, it can go to any number of
 * connections (`writeFrame`).
 */
export function compactFrameOf(message: RoomServerMessage): Uint8Array | undefined {
  if (message.type !== 'room-sync' && message.type !== 'room-awareness') return undefined;
  return encodeCompactEvent({ type: PacketType.EVENT, nsp: '/', data: [message.type, message] });
}

/**
 * Writes a frame to the socket's connection, behind anything Socket.IO wrote to it before, as
 * `socket.emit` would; nothing once the socket has disconnected (a client keeps events that come
 * while it is not connected and hands them over on reconnect).
 */
export function writeFrame(socket: Socket, frame: Uint8Array): void {
  if (socket.connected) socket.conn.write(frame);
}
