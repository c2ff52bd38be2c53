/** Per-connection limits on inbound messages; sent to the client in `welcome`. */
export const MESSAGE_LIMITS = {
  /** Largest accepted message, measured as its JSON text. */
  maxMessageBytes: 256 * 1024,
  messagesPerSecond: 50,
  burst: 100,
} as const;

/**
 * Socket.IO drops the whole connection when a frame exceeds maxHttpBufferSize. We set it well
 * above our own limit so an oversized message gets a typed "too-large" error instead.
 */
export const TRANSPORT_MAX_BYTES = 4 * MESSAGE_LIMITS.maxMessageBytes;
