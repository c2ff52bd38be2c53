import type { ChatPrompt, GenerateEvent, GenerateRequest, ToolGenerateEvent, ToolGenerateRequest } from '../ModelProvider.ts';
import { OpenAIAdapterBase } from './OpenAIAdapterBase.ts';
import type { OpenAIAdapterOptions } from './OpenAIAdapterOptions.ts';
import { responsesEventPieces } from './responsesEventPieces.ts';
import { responsesRequest, RESPONSES_MIN_OUTPUT_TOKENS, type ReasoningEffort } from './responsesRequest.ts';
import { responsesToolRequest } from './responsesToolRequest.ts';
import type { UpstreamPiece } from './streamGeneration.ts';

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
export class OpenAIResponsesProvider extends OpenAIAdapterBase {
  constructor(protected override readonly options: OpenAIResponsesOptions) {
    super(options, { adapter: 'openai-responses', supportsInfill: false });
  }

  generate(request: GenerateRequest): AsyncIterable<GenerateEvent> {
    // The Responses API has no `stop`: stop sequences are only ever cut locally.
    return this.generateChat(request, (chat, signal) => capResponsesDeltas(this.stream(chat, request, signal), request.maxTokens));
  }

  generateWithTools(request: ToolGenerateRequest): AsyncIterable<ToolGenerateEvent> {
    return this.generateToolChat(request, (signal) => this.streamWithTools(request, signal));
  }

  private async *streamWithTools(request: ToolGenerateRequest, signal: AbortSignal): AsyncGenerator<UpstreamPiece> {
    const stream = await this.policy.send(
      () => responsesToolRequest(this.options.model, request, this.policy, this.options.reasoningEffort),
      (body) => this.client.responses.create({ ...body, stream: true }, { signal }),
    );
    for await (const event of stream) yield* responsesEventPieces(this.identity, event);
  }

  private async *stream(chat: ChatPrompt, request: GenerateRequest, signal: AbortSignal): AsyncGenerator<UpstreamPiece> {
    const stream = await this.policy.send(
      () => responsesRequest(this.options.model, chat, request, this.policy, this.options.reasoningEffort),
      (body) => this.client.responses.create({ ...body, stream: true }, { signal }),
    );
    for await (const event of stream) yield* responsesEventPieces(this.identity, event);
  }
}
