import { z } from 'zod';

/**
 * Why the server refused a connection at the handshake. Socket.IO delivers it to the client as
 * the `data` of the connect_error, so the client can show a named reason, not "disconnected".
 */
export const ConnectionRefusal = z.object({
  reason: z.enum(['protocol-mismatch']),
  message: z.string(),
  expected: z.number().int().optional(),
  received: z.unknown().optional(),
});
export type ConnectionRefusal = z.infer<typeof ConnectionRefusal>;

/** What the client puts in the Socket.IO handshake `auth`. */
export const HandshakeAuth = z.object({
  protocolVersion: z.number().int(),
});
export type HandshakeAuth = z.infer<typeof HandshakeAuth>;
