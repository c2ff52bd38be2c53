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

export interface ModelProvider {
  describe(): ProviderDescription;
  generate(request: GenerateRequest): AsyncIterable<GenerateEvent>;
  /** Releases connections, models, contexts. */
  close(): Promise<void>;
}
