import { z } from 'zod';

/**
 * Every message a client may send, one zod schema each, keyed by `type`. The Socket.IO event
 * name is the message's `type`; the server validates each payload against its schema before any
 * handler sees it (server/dispatchClientMessage.ts).
 */

/** Round-trip probe: the status bar shows the latency, later the fast lane adapts its debounce to it. */
export const PingMessage = z.object({
  type: z.literal('ping'),
  /** Client-chosen id echoed in the pong. */
  id: z.number().int().nonnegative(),
  /** Client clock (ms) when sent; echoed back so the client needs no state to measure. */
  sentAt: z.number(),
});
export type PingMessage = z.infer<typeof PingMessage>;

export const ClientMessage = z.discriminatedUnion('type', [PingMessage]);
export type ClientMessage = z.infer<typeof ClientMessage>;
export type ClientMessageType = ClientMessage['type'];

/** Schema per message type, for the dispatcher and for tests. */
export const clientMessageSchemas: { [K in ClientMessageType]: z.ZodType<Extract<ClientMessage, { type: K }>> } = {
  ping: PingMessage,
};

/** Socket.IO's typed map for client → server events, derived from the schemas above. */
export type ClientToServerEvents = {
  [K in ClientMessageType]: (message: Extract<ClientMessage, { type: K }>) => void;
};
