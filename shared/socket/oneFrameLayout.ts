/**
 * The layout of a Socket.IO message with binary packed into one WebSocket frame.
 *
 * Socket.IO's own parser sends such a message as a text header (`51-["room-sync",{"_placeholder":true,"num":0}]`)
 * followed by each attachment as a frame of its own; every Yjs update would then cost two frames
 * at each end. Packed, it is one binary frame:
 *
 * | bytes | holds |
 * | --- | --- |
 * | 1 | `marker`: this layout, version 1 |
 * | 4 | the header's length in bytes (unsigned, big-endian) |
 * | n | the header: socket.io-parser's text encoding of the packet, UTF-8 |
 * | 4 + m, per attachment | its length (unsigned, big-endian), then its bytes, in placeholder order |
 *
 * The number of attachments is the one the header announces; nothing may follow the last.
 */
export const ONE_FRAME_LAYOUT = {
  /** First byte of every packed frame; a new layout would take a new marker. */
  marker: 0xb1,
  /** Bytes of each length field. */
  lengthBytes: 4,
} as const;
