import type { ScriptedRoute } from './ScriptedResponse.ts';

/** A scripted function call as the formats write it: id resolved, arguments as JSON text. */
export interface WireToolCall {
  id: string;
  name: string;
  arguments: string;
}

/** How an answer ends: "tool_calls" when it ends with function calls. */
export type WireFinishReason = 'stop' | 'length' | 'tool_calls';

/** One event on the wire: JSON already serialized, with an SSE event name where the API uses one. */
export interface WireEvent {
  name?: string;
  json: string;
}

/** What a format needs to know to write one answer. */
export interface AnswerContext {
  id: string;
  model: string;
  /** Unix seconds. */
  created: number;
  inputTokens: number;
  outputTokens: number;
  /** Chat and legacy completions send usage only when the client asked for it. */
  includeUsage: boolean;
  /** Responses events are numbered. */
  sequence: number;
  /** The unchanging part of this answer's delta events, built once by the format. */
  deltaHead?: string;
}

/**
 * How one upstream API spells a streamed answer. Formats build strings, not objects, for the
 * deltas: the scripted server streams thousands of them a second and serializing a whole chunk
 * object per token would be most of its work.
 */
export interface WireFormat {
  route: ScriptedRoute;
  /** The model the request names (what the answer echoes back). */
  model(body: Record<string, unknown>): string;
  wantsStream(body: Record<string, unknown>): boolean;
  wantsUsage(body: Record<string, unknown>): boolean;
  maxTokens(body: Record<string, unknown>): number | undefined;
  /** The prompt's text, for a usage estimate. */
  promptText(body: Record<string, unknown>): string;
  opening(ctx: AnswerContext): WireEvent[];
  delta(ctx: AnswerContext, text: string): WireEvent;
  /** The function calls after the text, streamed (APIs without function calling leave this out and never send any). */
  toolCalls?(ctx: AnswerContext, calls: readonly WireToolCall[]): WireEvent[];
  closing(ctx: AnswerContext, fullText: string, finishReason: WireFinishReason, calls?: readonly WireToolCall[]): WireEvent[];
  /** An error reported inside the stream. */
  streamError(ctx: AnswerContext, message: string): WireEvent[];
  /** The SSE line that ends a stream, for APIs that send one. */
  terminator?: string;
  /** The body of an answer that is not streamed. */
  whole(ctx: AnswerContext, fullText: string, finishReason: 'stop' | 'length'): unknown;
  /** The body of an HTTP error. */
  errorBody(status: number, message: string, code: string): unknown;
}
