/**
 * Bumped whenever a message schema changes incompatibly. The client sends it in the Socket.IO
 * handshake; the server refuses a different one with the reason "protocol-mismatch".
 */
export const PROTOCOL_VERSION = 3;
