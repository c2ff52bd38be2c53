import { z } from 'zod';

/** Every message the server sends, keyed by `type`; the Socket.IO event name is the `type`. */

export const WelcomeMessage = z.object({
  type: z.literal('welcome'),
  protocolVersion: z.number().int(),
  serverVersion: z.string(),
  /** Server's id for this connection, for logs. */
  connectionId: z.string(),
  limits: z.object({
    maxMessageBytes: z.number().int().positive(),
    messagesPerSecond: z.number().positive(),
  }),
});
export type WelcomeMessage = z.infer<typeof WelcomeMessage>;

export const PongMessage = z.object({
  type: z.literal('pong'),
  id: z.number().int().nonnegative(),
  sentAt: z.number(),
  serverTime: z.number(),
});
export type PongMessage = z.infer<typeof PongMessage>;

/** Why a message was refused. The connection stays open after every one of these. */
export const ErrorCode = z.enum(['invalid-message', 'unknown-message', 'too-large', 'rate-limited', 'internal']);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ErrorMessage = z.object({
  type: z.literal('error'),
  code: ErrorCode,
  message: z.string(),
  /** The event name of the refused message, when there was one. */
  refused: z.string().optional(),
  /** Validation issues, "path: problem" each. */
  issues: z.array(z.string()).optional(),
});
export type ErrorMessage = z.infer<typeof ErrorMessage>;

export const ServerMessage = z.discriminatedUnion('type', [WelcomeMessage, PongMessage, ErrorMessage]);
export type ServerMessage = z.infer<typeof ServerMessage>;
export type ServerMessageType = ServerMessage['type'];

/** Socket.IO's typed map for server → client events, derived from the schemas above. */
export type ServerToClientEvents = {
  [K in ServerMessageType]: (message: Extract<ServerMessage, { type: K }>) => void;
};
