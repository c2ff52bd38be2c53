import type { ChatPrompt, GenerateEvent, GenerateRequest, ToolGenerateEvent, ToolGenerateRequest } from '../ModelProvider.ts';
import { OpenAIAdapterBase } from './OpenAIAdapterBase.ts';
import type { OpenAIAdapterOptions } from './OpenAIAdapterOptions.ts';
import type { ResponseCreateParamsBase } from 'openai/resources/responses/responses';
import { responsesEventPieces, type ResponsesEventLike } from './responsesEventPieces.ts';
import { responsesRequest, RESPONSES_MIN_OUTPUT_TOKENS, type ReasoningEffort } from './responsesRequest.ts';
import { responsesToolRequest } from './responsesToolRequest.ts';
import { sseJsonBatches } from './sseJsonBatches.ts';
import type { UpstreamPiece } from './streamGeneration.ts';

export interface OpenAIResponsesOptions extends OpenAIAdapterOptions {
  reasoningEffort?: ReasoningEffort | undefined;
}

/**
 * Ends a Responses stream after `maxTokens` text deltas when the request asked for fewer tokens
 * than the API's minimum: OpenAI streams about one token per delta, so the count is close.
 * Takes and gives the pieces of one read together.
 */
export function capResponsesDeltas(batches: AsyncIterable<readonly UpstreamPiece[]>, maxTokens: number): AsyncIterable<readonly UpstreamPiece[]> {
  // Most requests ask for more than the minimum: their stream goes through untouched, without a step of its own per read.
  return maxTokens >= RESPONSES_MIN_OUTPUT_TOKENS ? batches : capped(batches, maxTokens);
}

async function* capped(batches: AsyncIterable<readonly UpstreamPiece[]>, maxTokens: number): AsyncGenerator<readonly UpstreamPiece[]> {
  let deltas = 0;
  for await (const pieces of batches) {
    for (let i = 0; i < pieces.length; i++) {
      if (pieces[i]!.type === 'text' && ++deltas >= maxTokens) {
        yield [...pieces.slice(0, i + 1), { type: 'finish', reason: 'length' }];
        return;
      }
    }
    yield pieces;
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

  private streamWithTools(request: ToolGenerateRequest, signal: AbortSignal): AsyncGenerator<UpstreamPiece[]> {
    return this.read(() => responsesToolRequest(this.options.model, request, this.policy, this.options.reasoningEffort), signal);
  }

  private stream(chat: ChatPrompt, request: GenerateRequest, signal: AbortSignal): AsyncGenerator<UpstreamPiece[]> {
    return this.read(() => responsesRequest(this.options.model, chat, request, this.policy, this.options.reasoningEffort), signal);
  }

  /** Sends through the SDK, reads the SSE body here: one step per read (see sseJsonBatches). */
  private read(build: () => ResponseCreateParamsBase, signal: AbortSignal): AsyncGenerator<UpstreamPiece[]> {
    const send = () => this.policy.send(build, (body) => this.client.responses.create({ ...body, stream: true }, { signal }).asResponse());
    return sseJsonBatches<UpstreamPiece>(send, signal, ({ data }, pieces) => {
      pieces.push(...responsesEventPieces(this.identity, data as ResponsesEventLike));
    });
  }
}
