/** Per-connection limits on inbound messages; sent to the client in `welcome`. */
export const MESSAGE_LIMITS = {
  /** Largest accepted message, measured as its JSON text. */
  maxMessageBytes: 256 * 1024,
  messagesPerSecond: 50,
  burst: 100,
  /**
   * Messages that stop work (`cancel`, `deep-interrupt`) draw from their own bucket, so a flood
   * of other messages can never starve them: a model call nobody can stop keeps spending the
   * person's budget. The bucket is as large as the main one, so a client that stops every
   * request it was allowed to make is never refused, and a flood of stops is still bounded.
   */
  stopsPerSecond: 50,
  stopBurst: 100,
} as const;

/**
 * Socket.IO drops the whole connection when a frame exceeds maxHttpBufferSize. We set it well
 * above our own limit so an oversized message gets a typed "too-large" error instead.
 */
export const TRANSPORT_MAX_BYTES = 4 * MESSAGE_LIMITS.maxMessageBytes;
