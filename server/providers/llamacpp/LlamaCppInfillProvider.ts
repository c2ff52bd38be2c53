import { ProviderError, type GenerateEvent, type GenerateRequest, type InfillPrompt, type ModelProvider, type ProviderDescription } from '../ModelProvider.ts';
import { endpointForDisplay } from '../openai/endpointForDisplay.ts';
import { DEFAULT_GENERATION_TIMEOUTS } from '../openai/OpenAIAdapterOptions.ts';
import { OpenAIChatProvider } from '../openai/OpenAIChatProvider.ts';
import { providerErrorForStatus } from '../openai/providerErrorForStatus.ts';
import { streamGeneration, type GenerationTimeouts, type UpstreamPiece } from '../openai/streamGeneration.ts';
import { toProviderError } from '../openai/toProviderError.ts';
import type { UpstreamIdentity } from '../openai/UpstreamIdentity.ts';
import { readSseEvents } from './readSseEvents.ts';

export interface LlamaCppInfillOptions {
  /** The llama.cpp server's root, e.g. http://127.0.0.1:8080 (not …/v1). */
  baseURL: string;
  /** Only if the server was started with --api-key. */
  apiKey?: string | undefined;
  /** A label for describe() and messages: the server serves whatever model it loaded. */
  model?: string | undefined;
  timeouts?: Partial<GenerationTimeouts> | undefined;
}

/** The fields of a llama.cpp streaming chunk this adapter reads. */
interface InfillChunk {
  content?: unknown;
  stop?: unknown;
  stop_type?: unknown;
  tokens_predicted?: unknown;
  tokens_evaluated?: unknown;
  error?: { code?: unknown; message?: unknown } | unknown;
}

const asNumber = (value: unknown) => (typeof value === 'number' ? value : undefined);

/**
 * llama.cpp server's `POST /infill`: the server applies the loaded model's own FIM tokens (and
 * its repo-level format for `input_extra`), keeps the prompt cache between requests
 * (`cache_prompt`), and streams SSE. Chat prompts go to the same server's /v1/chat/completions.
 */
export class LlamaCppInfillProvider implements ModelProvider {
  private readonly timeouts: GenerationTimeouts;
  private readonly identity: UpstreamIdentity;
  private readonly root: string;
  private readonly chat: OpenAIChatProvider;
  private readonly model: string;

  constructor(private readonly options: LlamaCppInfillOptions) {
    this.root = options.baseURL.replace(/\/+$/, '');
    this.model = options.model ?? 'model loaded by llama.cpp';
    this.timeouts = { ...DEFAULT_GENERATION_TIMEOUTS, ...options.timeouts };
    this.identity = {
      name: `llama.cpp server at ${endpointForDisplay(this.root)}`,
      hasKey: options.apiKey !== undefined,
      secrets: [options.apiKey],
    };
    this.chat = new OpenAIChatProvider({ baseURL: `${this.root}/v1`, apiKey: options.apiKey, model: options.model ?? 'default', timeouts: options.timeouts });
  }

  describe(): ProviderDescription {
    return { adapter: 'llamacpp-infill', model: this.model, endpoint: endpointForDisplay(this.root), supportsInfill: true };
  }

  generate(request: GenerateRequest): AsyncIterable<GenerateEvent> {
    if (request.prompt.kind === 'chat') return this.chat.generate(request);
    const prompt = request.prompt;
    return streamGeneration({
      request,
      timeouts: this.timeouts,
      upstreamName: this.identity.name,
      stops: request.stop ?? [],
      promptText: prompt.prefix + prompt.suffix + (prompt.context ?? []).map((file) => file.text).join(''),
      open: (signal) => this.stream(prompt, request, signal),
      toError: (error) => toProviderError(this.identity, error),
    });
  }

  async close(): Promise<void> {
    await this.chat.close();
  }

  private async *stream(prompt: InfillPrompt, request: GenerateRequest, signal: AbortSignal): AsyncGenerator<UpstreamPiece> {
    const body: Record<string, unknown> = {
      input_prefix: prompt.prefix,
      input_suffix: prompt.suffix,
      input_extra: (prompt.context ?? []).map((file) => ({ filename: file.path, text: file.text })),
      prompt: '',
      n_predict: request.maxTokens,
      stream: true,
      cache_prompt: true,
    };
    if (request.temperature !== undefined) body.temperature = request.temperature;
    if (request.stop?.length) body.stop = request.stop;
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'text/event-stream' };
    if (this.options.apiKey !== undefined) headers.authorization = `Bearer ${this.options.apiKey}`;

    const response = await fetch(`${this.root}/infill`, { method: 'POST', headers, body: JSON.stringify(body), signal });
    if (!response.ok) {
      const text = await response.text().catch(() => '');
      let message: string | undefined;
      try {
        const parsed = JSON.parse(text) as { error?: { message?: unknown } };
        if (typeof parsed.error?.message === 'string') message = parsed.error.message;
      } catch {
        message = text.slice(0, 200) || undefined;
      }
      if (response.status === 501 || (response.status === 400 && /infill|fim/i.test(message ?? ''))) {
        throw new ProviderError('misconfigured', `${this.identity.name} cannot fill in the middle with its model${message ? `: ${message}` : ''}. Load a coder model with FIM tokens.`);
      }
      throw providerErrorForStatus(this.identity, { status: response.status, message, headers: response.headers });
    }
    if (!response.body) throw new ProviderError('bad-response', `${this.identity.name} answered without a body.`);

    for await (const sse of readSseEvents(response.body)) {
      if (sse.data === '[DONE]') continue;
      const chunk = JSON.parse(sse.data) as InfillChunk;
      if (sse.event === 'error' || (typeof chunk.error === 'object' && chunk.error !== null)) {
        const error = (chunk.error ?? chunk) as { code?: unknown; message?: unknown };
        const status = asNumber(error.code);
        const message = typeof error.message === 'string' ? error.message : 'unknown error';
        if (status !== undefined && status !== 500) throw providerErrorForStatus(this.identity, { status, message });
        throw new ProviderError('unavailable', `${this.identity.name} failed while generating: ${message}`);
      }
      if (typeof chunk.content === 'string' && chunk.content !== '') yield { type: 'text', text: chunk.content };
      else yield { type: 'progress' };
      if (chunk.stop === true) {
        yield { type: 'usage', inputTokens: asNumber(chunk.tokens_evaluated), outputTokens: asNumber(chunk.tokens_predicted) };
        yield { type: 'finish', reason: chunk.stop_type === 'limit' ? 'length' : 'stop' };
        return;
      }
    }
  }
}
