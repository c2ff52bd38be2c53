/**
 * One interface for every model backend (OpenAI-compatible endpoints, llama.cpp /infill,
 * node-llama-cpp in process). Every adapter passes the provider contract suite
 * (server/providers/providerContract.ts).
 */

/** Fill-in-the-middle: the model writes what goes between prefix and suffix. */
export interface InfillPrompt {
  kind: 'infill';
  prefix: string;
  suffix: string;
  /** Path of the file being edited, for templates that take a file name. */
  path?: string;
  /** Snippets of other files, oldest-relevant first; adapters place them as the template allows. */
  context?: readonly { path: string; text: string }[];
}

/** A chat turn list, for instruction-following work (quick edit, the deep lane). */
export interface ChatPrompt {
  kind: 'chat';
  messages: readonly { role: 'system' | 'user' | 'assistant'; content: string }[];
}

export interface GenerateRequest {
  prompt: InfillPrompt | ChatPrompt;
  maxTokens: number;
  /** 0 = greedy/deterministic. */
  temperature?: number;
  stop?: readonly string[];
  /** Aborting it stops the upstream call at once; the stream then ends with finishReason "cancelled". */
  signal: AbortSignal;
}

export interface Usage {
  inputTokens: number;
  outputTokens: number;
}

/** What a generation streams: text deltas, then exactly one `done` (or the iterator throws a ProviderError). */
export type GenerateEvent =
  | { type: 'text'; text: string }
  | { type: 'done'; finishReason: 'stop' | 'length' | 'cancelled'; usage: Usage };

/** Why a provider failed, in words the UI can show as they are. */
export class ProviderError extends Error {
  constructor(
    readonly code: 'unavailable' | 'timeout' | 'rate-limited' | 'bad-response' | 'refused' | 'misconfigured',
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'ProviderError';
  }
}

/** What the server prints at startup and the UI shows: never a key. */
export interface ProviderDescription {
  /** e.g. "openai-chat", "openai-responses", "openai-responses-ws", "openai-completions", "llamacpp-infill", "embedded". */
  adapter: string;
  model: string;
  /** Endpoint without credentials, or the GGUF file name. */
  endpoint: string;
  supportsInfill: boolean;
}

/**
 * A tool's parameters as a JSON Schema subset every backend understands: OpenAI's function
 * parameters and node-llama-cpp's GBNF grammar (which takes no `format`, `pattern` or numeric bounds).
 */
export type ToolParameterSchema =
  | { type: 'string'; description?: string }
  | { type: 'integer' | 'number' | 'boolean'; description?: string }
  | { enum: readonly string[]; description?: string }
  | { type: 'array'; items: ToolParameterSchema; description?: string }
  | ToolObjectSchema;

export interface ToolObjectSchema {
  type: 'object';
  properties: Readonly<Record<string, ToolParameterSchema>>;
  required?: readonly string[];
  description?: string;
}

/** A function the model may call. */
export interface ToolDefinition {
  name: string;
  description: string;
  parameters: ToolObjectSchema;
}

/** A call the model made: `arguments` is its JSON text as generated (the caller validates it). */
export interface ToolCall {
  id: string;
  name: string;
  arguments: string;
}

/** One message of a tool-calling conversation. */
export type AgentMessage =
  | { role: 'system' | 'user'; content: string }
  | { role: 'assistant'; content: string; toolCalls?: readonly ToolCall[] }
  /** The result of the assistant's call `toolCallId`, success or failure, as text. */
  | { role: 'tool'; toolCallId: string; name: string; content: string };

export interface ToolGenerateRequest {
  messages: readonly AgentMessage[];
  tools: readonly ToolDefinition[];
  maxTokens: number;
  temperature?: number;
  /** Aborting it stops the upstream call at once; the stream then ends with finishReason "cancelled". */
  signal: AbortSignal;
}

/**
 * What a tool-calling generation streams: text deltas and whole tool calls (each once its
 * arguments are complete), then exactly one `done`; "tool-calls" when the model stopped to have
 * its calls run. Errors are thrown as ProviderError.
 */
export type ToolGenerateEvent =
  | { type: 'text'; text: string }
  | { type: 'tool-call'; call: ToolCall }
  | { type: 'done'; finishReason: 'stop' | 'length' | 'tool-calls' | 'cancelled'; usage: Usage };

export interface ModelProvider {
  describe(): ProviderDescription;
  generate(request: GenerateRequest): AsyncIterable<GenerateEvent>;
  /** Chat with tools (the deep lane); absent on adapters whose API has no function calling (completions, /infill). */
  generateWithTools?(request: ToolGenerateRequest): AsyncIterable<ToolGenerateEvent>;
  /** Releases connections, models, contexts. */
  close(): Promise<void>;
}
