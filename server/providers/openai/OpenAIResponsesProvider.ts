import type OpenAI from 'openai';
import type { ChatPrompt, GenerateEvent, GenerateRequest, ModelProvider, ProviderDescription } from '../ModelProvider.ts';
import { createOpenAIClient } from './createOpenAIClient.ts';
import { endpointForDisplay } from './endpointForDisplay.ts';
import { infillAsChat } from './infillAsChat.ts';
import { DEFAULT_GENERATION_TIMEOUTS, type OpenAIAdapterOptions } from './OpenAIAdapterOptions.ts';
import { ParameterPolicy } from './ParameterPolicy.ts';
import { responsesEventPieces } from './responsesEventPieces.ts';
import { responsesRequest, RESPONSES_MIN_OUTPUT_TOKENS, type ReasoningEffort } from './responsesRequest.ts';
import { streamGeneration, type GenerationTimeouts, type UpstreamPiece } from './streamGeneration.ts';
import { toProviderError } from './toProviderError.ts';
import type { UpstreamIdentity } from './UpstreamIdentity.ts';

export interface OpenAIResponsesOptions extends OpenAIAdapterOptions {
  reasoningEffort?: ReasoningEffort | undefined;
}

/**
 * Ends a Responses stream after `maxTokens` text deltas when the request asked for fewer tokens
 * than the API's minimum: OpenAI streams about one token per delta, so the count is close.
 */
export async function* capResponsesDeltas(pieces: AsyncIterable<UpstreamPiece>, maxTokens: number): AsyncGenerator<UpstreamPiece> {
  const cap = maxTokens < RESPONSES_MIN_OUTPUT_TOKENS ? maxTokens : Infinity;
  let deltas = 0;
  for await (const piece of pieces) {
    yield piece;
    if (piece.type === 'text' && ++deltas >= cap) {
      yield { type: 'finish', reason: 'length' };
      return;
    }
  }
}

/**
 * The Responses API over HTTP SSE (`POST /responses`, `stream: true`): OpenAI's own models
 * (Codex-Spark among them), and vLLM and Ollama, which serve the same endpoint.
 */
export class OpenAIResponsesProvider implements ModelProvider {
  private readonly client: OpenAI;
  private readonly policy: ParameterPolicy;
  private readonly timeouts: GenerationTimeouts;
  private readonly identity: UpstreamIdentity;

  constructor(private readonly options: OpenAIResponsesOptions) {
    this.client = createOpenAIClient(options);
    this.policy = new ParameterPolicy(options.model, options.dropParameters);
    this.timeouts = { ...DEFAULT_GENERATION_TIMEOUTS, ...options.timeouts };
    this.identity = {
      name: `model "${options.model}" at ${endpointForDisplay(options.baseURL)}`,
      hasKey: options.apiKey !== undefined,
      secrets: [options.apiKey],
    };
  }

  describe(): ProviderDescription {
    return { adapter: 'openai-responses', model: this.options.model, endpoint: endpointForDisplay(this.options.baseURL), supportsInfill: false };
  }

  generate(request: GenerateRequest): AsyncIterable<GenerateEvent> {
    const chat = request.prompt.kind === 'chat' ? request.prompt : infillAsChat(request.prompt);
    return streamGeneration({
      request,
      timeouts: this.timeouts,
      upstreamName: this.identity.name,
      // The Responses API has no `stop`: stop sequences are only ever cut locally.
      stops: request.stop ?? [],
      promptText: chat.messages.map((message) => message.content).join('\n'),
      open: (signal) => capResponsesDeltas(this.stream(chat, request, signal), request.maxTokens),
      toError: (error) => toProviderError(this.identity, error),
    });
  }

  async close(): Promise<void> {
    // fetch keeps no per-client pool to release.
  }

  private async *stream(chat: ChatPrompt, request: GenerateRequest, signal: AbortSignal): AsyncGenerator<UpstreamPiece> {
    for (let attempt = 0; ; attempt++) {
      const body = responsesRequest(this.options.model, chat, request, this.policy, this.options.reasoningEffort);
      let stream;
      try {
        stream = await this.client.responses.create({ ...body, stream: true }, { signal });
      } catch (error) {
        if (attempt === 0 && this.policy.learnFrom(error, Object.keys(body))) continue;
        throw error;
      }
      for await (const event of stream) yield* responsesEventPieces(this.identity, event);
      return;
    }
  }
}
