import { z } from 'zod';

/** Which upstream API a request came in through. */
export const scriptedRouteSchema = z.enum(['chat', 'completions', 'responses', 'infill']);
export type ScriptedRoute = z.infer<typeof scriptedRouteSchema>;

const afterTokens = z.number().int().nonnegative().default(0);

/**
 * Something that goes wrong instead of (or part-way through) a normal answer.
 * - status: an HTTP error (or, over the Responses WebSocket, an `error` event) with an OpenAI-style body.
 * - malformed: a chunk that is not JSON, after `afterTokens` tokens.
 * - hang: stop sending after `afterTokens` tokens and keep the connection open until the client gives up.
 * - disconnect: drop the connection after `afterTokens` tokens.
 * - stream-error: an error object inside the stream (what vLLM and OpenAI send when generation fails mid-way).
 */
export const scriptedFaultSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('status'),
    status: z.number().int().min(400).max(599),
    message: z.string().optional(),
    code: z.string().optional(),
    retryAfterSeconds: z.number().nonnegative().optional(),
    retryAfterMs: z.number().nonnegative().optional(),
  }),
  z.object({ kind: z.literal('malformed'), afterTokens }),
  z.object({ kind: z.literal('hang'), afterTokens }),
  z.object({ kind: z.literal('disconnect'), afterTokens }),
  z.object({ kind: z.literal('stream-error'), afterTokens, message: z.string().default('The model failed while generating') }),
]);
export type ScriptedFault = z.infer<typeof scriptedFaultSchema>;

/** One function call of a scripted answer. */
export const scriptedToolCallSchema = z.object({
  id: z.string().min(1).optional(),
  name: z.string().min(1),
  arguments: z.union([z.string(), z.record(z.string(), z.unknown())]),
});
export type ScriptedToolCall = z.infer<typeof scriptedToolCallSchema>;

/** One scripted answer: what to stream, how fast, and what (if anything) goes wrong. */
export const scriptedResponseSchema = z.object({
  /** Only a request on this route takes the answer; without it any route does. */
  route: scriptedRouteSchema.optional(),
  text: z.string().default(''),
  /** Exact token split; without it `text` is split into word-sized tokens. */
  tokens: z.array(z.string()).optional(),
  /** Pace of the stream; without it every token goes out at once. */
  tokensPerSecond: z.number().positive().optional(),
  /** Tokens per streamed event. */
  chunkTokens: z.number().int().positive().default(1),
  /** Wait after the response headers before the first token. */
  firstTokenDelayMs: z.number().nonnegative().default(0),
  finishReason: z.enum(['stop', 'length']).default('stop'),
  /** Reported usage; by default input is estimated from the request body and output is the token count. */
  usage: z.object({ inputTokens: z.number().int().nonnegative(), outputTokens: z.number().int().nonnegative() }).optional(),
  fault: scriptedFaultSchema.optional(),
  /**
   * Function calls the model makes after its text (Chat: `tool_calls` deltas and finish_reason
   * "tool_calls"; Responses: `function_call` output items with argument deltas). `arguments` is
   * sent as written when it is a string, as JSON otherwise; `id` defaults to call_1, call_2…
   */
  toolCalls: z.array(scriptedToolCallSchema).default([]),
});
export type ScriptedResponse = z.infer<typeof scriptedResponseSchema>;
/** What a caller writes: every field with a default may be left out. */
export type ScriptedResponseInput = z.input<typeof scriptedResponseSchema>;

/** A script file for the CLI: answers taken in order, then `fallback` for every later request. */
export const modelScriptSchema = z.object({
  responses: z.array(scriptedResponseSchema).default([]),
  fallback: scriptedResponseSchema.optional(),
});
export type ModelScript = z.infer<typeof modelScriptSchema>;
