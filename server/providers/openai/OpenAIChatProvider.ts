import type { ChatCompletionCreateParamsStreaming } from 'openai/resources/chat/completions';
import type { ChatPrompt, GenerateEvent, GenerateRequest } from '../ModelProvider.ts';
import { OpenAIAdapterBase } from './OpenAIAdapterBase.ts';
import type { OpenAIAdapterOptions } from './OpenAIAdapterOptions.ts';
import type { UpstreamPiece } from './streamGeneration.ts';

/** OpenAI sends at most four stop sequences; the rest are cut locally. */
const MAX_UPSTREAM_STOPS = 4;

/**
 * Chat Completions, streamed (`POST /chat/completions`, `stream: true`, usage in the last chunk):
 * OpenAI, Cerebras, Groq, vLLM, Ollama, LM Studio, llama.cpp server. Infill prompts are asked as
 * a chat (see infillAsChat), so a chat-only model can still serve ghost text.
 */
export class OpenAIChatProvider extends OpenAIAdapterBase {
  constructor(options: OpenAIAdapterOptions) {
    super(options, { adapter: 'openai-chat', supportsInfill: false });
  }

  generate(request: GenerateRequest): AsyncIterable<GenerateEvent> {
    return this.generateChat(request, (chat, signal) => this.stream(chat, request, signal));
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
    const stream = await this.policy.send(
      () => this.body(chat, request),
      (body) => this.client.chat.completions.create(body, { signal }),
    );
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
  }
}
