import type { ChatCompletionChunk, ChatCompletionCreateParamsStreaming, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { AgentMessage, ChatPrompt, GenerateEvent, GenerateRequest, ToolGenerateEvent, ToolGenerateRequest } from '../ModelProvider.ts';
import { OpenAIAdapterBase } from './OpenAIAdapterBase.ts';
import type { OpenAIAdapterOptions } from './OpenAIAdapterOptions.ts';
import { JsonStringTemplate } from './JsonStringTemplate.ts';
import { sseJsonBatches, type SseShortcut } from './sseJsonBatches.ts';
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
    return this.generateChat(request, (chat, signal) => this.stream(() => this.body(chat, request), signal));
  }

  generateWithTools(request: ToolGenerateRequest): AsyncIterable<ToolGenerateEvent> {
    return this.generateToolChat(request, (signal) => this.stream(() => this.toolBody(request), signal));
  }

  private body(chat: ChatPrompt, request: GenerateRequest): ChatCompletionCreateParamsStreaming {
    const body = this.withLimits(
      { model: this.options.model, messages: chat.messages.map((message) => ({ role: message.role, content: message.content })), stream: true },
      request,
    );
    if (request.stop?.length && this.policy.allows('stop')) body.stop = request.stop.slice(0, MAX_UPSTREAM_STOPS);
    return body;
  }

  private toolBody(request: ToolGenerateRequest): ChatCompletionCreateParamsStreaming {
    const tools = request.tools.map((tool) => ({
      type: 'function' as const,
      function: { name: tool.name, description: tool.description, parameters: tool.parameters as unknown as Record<string, unknown> },
    }));
    return this.withLimits({ model: this.options.model, messages: request.messages.map(toChatMessage), tools, stream: true }, request);
  }

  /** The output limit, usage reporting and temperature, as far as the policy lets them be sent. */
  private withLimits(body: ChatCompletionCreateParamsStreaming, request: { maxTokens: number; temperature?: number }): ChatCompletionCreateParamsStreaming {
    if (this.policy.usesMaxCompletionTokens) body.max_completion_tokens = request.maxTokens;
    else body.max_tokens = request.maxTokens;
    if (this.policy.allows('stream_options')) body.stream_options = { include_usage: true };
    if (request.temperature !== undefined && this.policy.allows('temperature')) body.temperature = request.temperature;
    return body;
  }

  /**
   * Reads a streamed answer: the SDK sends the request (and maps a refusal to its APIError), the
   * body is read here, one step per read (see sseJsonBatches). Tool calls (only asked for by
   * generateWithTools) arrive as deltas keyed by `index`: the id and name in the first, the
   * arguments' JSON in pieces after; a call goes out whole when its choice finishes.
   */
  private stream(build: () => ChatCompletionCreateParamsStreaming, signal: AbortSignal): AsyncGenerator<UpstreamPiece[]> {
    const calls = new Map<number, { id: string; name: string; arguments: string }>();
    return sseJsonBatches<UpstreamPiece>(
      () => this.policy.send(build, (body) => this.client.chat.completions.create(body, { signal }).asResponse()),
      signal,
      ({ data }, pieces) => chunkPieces(data as ChatCompletionChunk, calls, pieces),
      deltaShortcut(),
    );
  }
}

/**
 * Reads a text delta without JSON.parse once one plain text delta of the stream has been parsed:
 * at one token per event JSON.parse was the largest single cost of reading a stream.
 */
function deltaShortcut(): SseShortcut<UpstreamPiece> {
  const template = new JsonStringTemplate('content');
  return {
    map(data, pieces) {
      const text = template.match(data);
      if (text === undefined) return false;
      // As chunkPieces reads a delta: empty content shows nothing, but the upstream is alive.
      pieces.push(text === '' ? { type: 'progress' } : { type: 'text', text });
      return true;
    },
    learn(data, parsed) {
      const chunk = parsed as Partial<ChatCompletionChunk> | null;
      const choice = chunk?.choices?.length === 1 ? chunk.choices[0] : undefined;
      const delta = choice?.delta as Record<string, unknown> | undefined;
      // Only a plain text delta: one choice, nothing in the delta but its text, not finishing, no usage.
      if (!delta || typeof delta.content !== 'string' || Object.keys(delta).length !== 1 || choice!.finish_reason || chunk!.usage) return;
      template.learn(data, delta.content);
    },
  };
}

/** What one streamed chunk says, appended to `pieces`; `calls` gathers tool-call deltas until their choice finishes. */
function chunkPieces(chunk: ChatCompletionChunk, calls: Map<number, { id: string; name: string; arguments: string }>, pieces: UpstreamPiece[]): void {
  let shown = false;
  for (const choice of chunk.choices ?? []) {
    const content = choice.delta?.content;
    if (content) {
      shown = true;
      pieces.push({ type: 'text', text: content });
    }
    for (const delta of choice.delta?.tool_calls ?? []) {
      // Some servers leave `index` out and send each call whole, with its id: a new id is a new call.
      const index = typeof delta.index === 'number' ? delta.index : delta.id ? calls.size : Math.max(0, calls.size - 1);
      const call = calls.get(index) ?? { id: '', name: '', arguments: '' };
      call.id ||= delta.id ?? '';
      call.name += delta.function?.name ?? '';
      call.arguments += delta.function?.arguments ?? '';
      calls.set(index, call);
      shown = true;
      pieces.push({ type: 'tool-call-delta' });
    }
    if (choice.finish_reason) {
      for (const [index, call] of [...calls].sort(([a], [b]) => a - b)) {
        pieces.push({ type: 'tool-call', call: { id: call.id || `call_${index}`, name: call.name, arguments: call.arguments } });
      }
      calls.clear();
      pieces.push({ type: 'finish', reason: choice.finish_reason === 'length' ? 'length' : 'stop' });
    }
  }
  if (chunk.usage) pieces.push({ type: 'usage', inputTokens: chunk.usage.prompt_tokens, outputTokens: chunk.usage.completion_tokens });
  // Reasoning deltas (reasoning_content) and role-only chunks: alive, nothing to show.
  else if (!shown) pieces.push({ type: 'progress' });
}

/** One of our agent messages as Chat Completions spells it. */
function toChatMessage(message: AgentMessage): ChatCompletionMessageParam {
  switch (message.role) {
    case 'system':
    case 'user':
      return { role: message.role, content: message.content };
    case 'assistant':
      return message.toolCalls?.length
        ? {
            role: 'assistant',
            content: message.content === '' ? null : message.content,
            tool_calls: message.toolCalls.map((call) => ({ id: call.id, type: 'function' as const, function: { name: call.name, arguments: call.arguments } })),
          }
        : { role: 'assistant', content: message.content };
    case 'tool':
      return { role: 'tool', tool_call_id: message.toolCallId, content: message.content };
  }
}
