import type OpenAI from 'openai';
import type { ChatPrompt, GenerateEvent, GenerateRequest, ModelProvider, ProviderDescription, ToolGenerateEvent, ToolGenerateRequest } from '../ModelProvider.ts';
import { createOpenAIClient } from './createOpenAIClient.ts';
import { endpointForDisplay } from './endpointForDisplay.ts';
import { infillAsChat } from './infillAsChat.ts';
import { DEFAULT_GENERATION_TIMEOUTS, type OpenAIAdapterOptions } from './OpenAIAdapterOptions.ts';
import { ParameterPolicy } from './ParameterPolicy.ts';
import { streamEvents, streamGeneration, type GenerationTimeouts, type UpstreamPieces } from './streamGeneration.ts';
import { toProviderError } from './toProviderError.ts';
import type { UpstreamIdentity } from './UpstreamIdentity.ts';

/** How an adapter presents itself. */
export interface AdapterIdentity {
  adapter: string;
  supportsInfill: boolean;
  /** Added to the upstream's name in messages, e.g. "WebSocket". */
  transport?: string;
}

/**
 * What the OpenAI-compatible adapters share: the SDK client, the parameter policy, the
 * timeouts, how the upstream is named in messages, describe(), and the path of a chat prompt
 * (an infill prompt asked as a chat) through streamGeneration.
 */
export abstract class OpenAIAdapterBase implements ModelProvider {
  protected readonly client: OpenAI;
  protected readonly policy: ParameterPolicy;
  protected readonly timeouts: GenerationTimeouts;
  protected readonly identity: UpstreamIdentity;

  constructor(
    protected readonly options: OpenAIAdapterOptions,
    private readonly presentedAs: AdapterIdentity,
  ) {
    this.client = createOpenAIClient(options);
    this.policy = new ParameterPolicy(options.model, options.dropParameters);
    this.timeouts = { ...DEFAULT_GENERATION_TIMEOUTS, ...options.timeouts };
    this.identity = {
      name: `model "${options.model}" at ${endpointForDisplay(options.baseURL)}${presentedAs.transport ? ` (${presentedAs.transport})` : ''}`,
      hasKey: options.apiKey !== undefined,
      secrets: [options.apiKey],
    };
  }

  describe(): ProviderDescription {
    return {
      adapter: this.presentedAs.adapter,
      model: this.options.model,
      endpoint: endpointForDisplay(this.options.baseURL),
      supportsInfill: this.presentedAs.supportsInfill,
    };
  }

  abstract generate(request: GenerateRequest): AsyncIterable<GenerateEvent>;

  async close(): Promise<void> {
    // fetch keeps no per-client pool to release; adapters with connections override this.
  }

  /** Streams a chat prompt, or an infill prompt asked as a chat, from `open`. */
  protected generateChat(request: GenerateRequest, open: (chat: ChatPrompt, signal: AbortSignal) => UpstreamPieces): AsyncIterable<GenerateEvent> {
    const chat = request.prompt.kind === 'chat' ? request.prompt : infillAsChat(request.prompt);
    return streamGeneration({
      request,
      timeouts: this.timeouts,
      upstreamName: this.identity.name,
      stops: request.stop ?? [],
      promptText: chat.messages.map((message) => message.content).join('\n'),
      open: (signal) => open(chat, signal),
      toError: (error) => toProviderError(this.identity, error),
    });
  }

  /** Streams a conversation with tools from `open`, through the same cancel, deadlines and usage as a chat. */
  protected generateToolChat(request: ToolGenerateRequest, open: (signal: AbortSignal) => UpstreamPieces): AsyncIterable<ToolGenerateEvent> {
    return streamEvents({
      request,
      timeouts: this.timeouts,
      upstreamName: this.identity.name,
      stops: [],
      promptText: request.messages.map((message) => message.content).join('\n') + JSON.stringify(request.tools),
      open,
      toError: (error) => toProviderError(this.identity, error),
    });
  }
}
