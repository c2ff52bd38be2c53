import { z } from 'zod';
import { DeepEventMessage } from './deepLane/protocol.ts';

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
  /** The refused message's request id, when it had a readable one: the request it was will get no answer. */
  requestId: z.string().max(128).optional(),
});
export type ErrorMessage = z.infer<typeof ErrorMessage>;

/** A piece of a suggestion or quick-edit answer. `seq` counts from 0 per request, with no gaps. */
export const SuggestionBatchMessage = z.object({
  type: z.literal('suggestion-batch'),
  requestId: z.string(),
  seq: z.number().int().nonnegative(),
  text: z.string(),
});
export type SuggestionBatchMessage = z.infer<typeof SuggestionBatchMessage>;

/** Token figures of a finished answer. */
export const SuggestionUsage = z.object({
  inputTokens: z.number().int().nonnegative(),
  outputTokens: z.number().int().nonnegative(),
});
export type SuggestionUsage = z.infer<typeof SuggestionUsage>;

/**
 * The end of an answer: sent once, after every batch. `seq` is the next number after the last
 * batch (0 when there was none), so the client can treat it as the last batch, with `done`.
 */
export const SuggestionDoneMessage = z.object({
  type: z.literal('suggestion-done'),
  requestId: z.string(),
  seq: z.number().int().nonnegative(),
  finishReason: z.enum(['stop', 'length']),
  usage: SuggestionUsage,
  /** From the request's arrival to the first text (null when there was none). */
  timeToFirstTokenMs: z.number().nonnegative().nullable(),
  /** Output tokens over the time from first text to the end (null when it cannot be measured). */
  tokensPerSecond: z.number().nonnegative().nullable(),
  /**
   * Quick edits only: the answer resolved to edits in document offsets (the model answered with
   * search/replace blocks). Absent when the streamed text is the selection's new text.
   */
  edits: z.array(z.object({ start: z.number().int().nonnegative(), end: z.number().int().nonnegative(), text: z.string() })).optional(),
});
export type SuggestionDoneMessage = z.infer<typeof SuggestionDoneMessage>;

/**
 * Why an AI request ended without an answer:
 * - the provider's own statuses (unavailable, timeout, rate-limited, bad-response, refused, misconfigured),
 *   with its message as it is;
 * - `budget`: a token budget of ours is spent; `rate-limited` with a `scope` other than "provider":
 *   our request rate limit;
 * - `ai-off`: the lane has no model; the message says how to turn it on;
 * - `interrupted`: a newer request took its slot (at most two in flight per connection);
 * - `invalid-request`: well-formed but unusable (e.g. a request id already in flight).
 */
export const SuggestionErrorCode = z.enum([
  'unavailable',
  'timeout',
  'rate-limited',
  'budget',
  'bad-response',
  'refused',
  'misconfigured',
  'ai-off',
  'interrupted',
  'invalid-request',
]);
export type SuggestionErrorCode = z.infer<typeof SuggestionErrorCode>;

export const SuggestionErrorMessage = z.object({
  type: z.literal('suggestion-error'),
  requestId: z.string(),
  code: SuggestionErrorCode,
  /** Shown to the person as it is. */
  message: z.string(),
  retryAfterMs: z.number().int().nonnegative().optional(),
  /** For budget and rate-limited: whose limit (this person's, the room's, or the model provider's). */
  scope: z.enum(['person', 'room', 'provider']).optional(),
});
export type SuggestionErrorMessage = z.infer<typeof SuggestionErrorMessage>;

/** One lane as the UI shows it: never a key. */
export const AiLaneStatus = z.object({
  lane: z.enum(['fast', 'deep']),
  enabled: z.boolean(),
  provider: z.string(),
  model: z.string().optional(),
  endpoint: z.string().optional(),
  /** One line describing the lane (the same the server logs at startup). */
  summary: z.string(),
  /** Off lanes: why, and exactly how to turn them on. */
  reason: z.string().optional(),
  howToEnable: z.string().optional(),
  limits: z.object({
    maxTokensPerRequest: z.number().int().nonnegative(),
    tokensPerPersonPerHour: z.number().int().nonnegative(),
    tokensPerRoomPerHour: z.number().int().nonnegative(),
    requestsPerPersonPerMinute: z.number().int().nonnegative(),
  }),
});
export type AiLaneStatus = z.infer<typeof AiLaneStatus>;

/** Sent right after `welcome`: which AI lanes this server runs. */
export const AiStatusMessage = z.object({
  type: z.literal('ai-status'),
  lanes: z.object({ fast: AiLaneStatus, deep: AiLaneStatus }),
});
export type AiStatusMessage = z.infer<typeof AiStatusMessage>;

export const ServerMessage = z.discriminatedUnion('type', [
  WelcomeMessage,
  PongMessage,
  ErrorMessage,
  SuggestionBatchMessage,
  SuggestionDoneMessage,
  SuggestionErrorMessage,
  AiStatusMessage,
  // Every deep-lane event, one message type (shared/deepLane/protocol.ts).
  DeepEventMessage,
]);
export type ServerMessage = z.infer<typeof ServerMessage>;
export type ServerMessageType = ServerMessage['type'];

/** Socket.IO's typed map for server → client events, derived from the schemas above. */
export type ServerToClientEvents = {
  [K in ServerMessageType]: (message: Extract<ServerMessage, { type: K }>) => void;
};
