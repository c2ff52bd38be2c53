import type OpenAI from 'openai';
import type { ChatCompletionCreateParamsStreaming } from 'openai/resources/chat/completions';
import type { ChatPrompt, GenerateEvent, GenerateRequest, ModelProvider, ProviderDescription } from '../ModelProvider.ts';
import { createOpenAIClient } from './createOpenAIClient.ts';
import { endpointForDisplay } from './endpointForDisplay.ts';
import { infillAsChat } from './infillAsChat.ts';
import { DEFAULT_GENERATION_TIMEOUTS, type OpenAIAdapterOptions } from './OpenAIAdapterOptions.ts';
import { ParameterPolicy } from './ParameterPolicy.ts';
import { streamGeneration, type GenerationTimeouts, type UpstreamPiece } from './streamGeneration.ts';
import { toProviderError } from './toProviderError.ts';
import type { UpstreamIdentity } from './UpstreamIdentity.ts';

/** OpenAI sends at most four stop sequences; the rest are cut locally. */
const MAX_UPSTREAM_STOPS = 4;

/**
 * Chat Completions, streamed (`POST /chat/completions`, `stream: true`, usage in the last chunk):
 * OpenAI, Cerebras, Groq, vLLM, Ollama, LM Studio, llama.cpp server. Infill prompts are asked as
 * a chat (see infillAsChat), so a chat-only model can still serve ghost text.
 */
export class OpenAIChatProvider implements ModelProvider {
  private readonly client: OpenAI;
  private readonly policy: ParameterPolicy;
  private readonly timeouts: GenerationTimeouts;
  private readonly identity: UpstreamIdentity;

  constructor(private readonly options: OpenAIAdapterOptions) {
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
    return { adapter: 'openai-chat', model: this.options.model, endpoint: endpointForDisplay(this.options.baseURL), supportsInfill: false };
  }

  generate(request: GenerateRequest): AsyncIterable<GenerateEvent> {
    const chat = request.prompt.kind === 'chat' ? request.prompt : infillAsChat(request.prompt);
    return streamGeneration({
      request,
      timeouts: this.timeouts,
      upstreamName: this.identity.name,
      stops: request.stop ?? [],
      promptText: chat.messages.map((message) => message.content).join('\n'),
      open: (signal) => this.stream(chat, request, signal),
      toError: (error) => toProviderError(this.identity, error),
    });
  }

  async close(): Promise<void> {
    // fetch keeps no per-client pool to release.
  }

  private body(chat: ChatPrompt, request: GenerateRequest): ChatCompletionCreateParamsStreaming {
    const body: ChatCompletionCreateParamsStreaming = {
      model: this.options.model,
      messages: chat.messages.map((message) => ({ role: message.role, content: message.content })),
      stream: true,
    };
    if (this.policy.usesMaxCompletionTokens) body.max_completion_tokens = request.maxTokens;
    else body.max_tokens = request.maxTokens;
    if (this.policy.allows('stream_options')) body.stream_options = { include_usage: true };
    if (request.temperature !== undefined && this.policy.allows('temperature')) body.temperature = request.temperature;
    if (request.stop?.length && this.policy.allows('stop')) body.stop = request.stop.slice(0, MAX_UPSTREAM_STOPS);
    return body;
  }

  private async *stream(chat: ChatPrompt, request: GenerateRequest, signal: AbortSignal): AsyncGenerator<UpstreamPiece> {
    for (let attempt = 0; ; attempt++) {
      const body = this.body(chat, request);
      let stream;
      try {
        stream = await this.client.chat.completions.create(body, { signal });
      } catch (error) {
        if (attempt === 0 && this.policy.learnFrom(error, Object.keys(body))) continue;
        throw error;
      }
      for await (const chunk of stream) {
        let shown = false;
        for (const choice of chunk.choices ?? []) {
          const content = choice.delta?.content;
          if (content) {
            shown = true;
            yield { type: 'text', text: content };
          }
          if (choice.finish_reason) yield { type: 'finish', reason: choice.finish_reason === 'length' ? 'length' : 'stop' };
        }
        if (chunk.usage) yield { type: 'usage', inputTokens: chunk.usage.prompt_tokens, outputTokens: chunk.usage.completion_tokens };
        // Reasoning deltas (reasoning_content) and role-only chunks: alive, nothing to show.
        else if (!shown) yield { type: 'progress' };
      }
      return;
    }
  }
}
