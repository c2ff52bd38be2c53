import type OpenAI from 'openai';
import { ProviderError, type ChatPrompt, type GenerateEvent, type GenerateRequest, type ModelProvider, type ProviderDescription } from '../ModelProvider.ts';
import { createOpenAIClient } from './createOpenAIClient.ts';
import { endpointForDisplay } from './endpointForDisplay.ts';
import { infillAsChat } from './infillAsChat.ts';
import { DEFAULT_GENERATION_TIMEOUTS } from './OpenAIAdapterOptions.ts';
import { capResponsesDeltas, type OpenAIResponsesOptions } from './OpenAIResponsesProvider.ts';
import { ParameterPolicy } from './ParameterPolicy.ts';
import { responsesEventPieces } from './responsesEventPieces.ts';
import { responsesRequest } from './responsesRequest.ts';
import { DEFAULT_SOCKET_POOL_OPTIONS, ResponsesSocketPool, type ResponsesSocketPoolOptions } from './ResponsesSocketPool.ts';
import { streamGeneration, type GenerationTimeouts, type UpstreamPiece } from './streamGeneration.ts';
import { toProviderError } from './toProviderError.ts';
import type { UpstreamIdentity } from './UpstreamIdentity.ts';

export interface OpenAIResponsesWebSocketOptions extends OpenAIResponsesOptions {
  pool?: Partial<ResponsesSocketPoolOptions> | undefined;
}

const TERMINAL_EVENTS = new Set(['response.completed', 'response.incomplete']);

/**
 * The Responses API over its WebSocket mode (`wss://…/v1/responses`, `response.create` events,
 * the same server events as SSE), through the SDK's ResponsesWS. Connections are kept open and
 * reused turn after turn, which takes the connection and TLS set-up out of every request but the
 * first. A cancel closes the turn's socket: the protocol has no other way to stop a response.
 */
export class OpenAIResponsesWebSocketProvider implements ModelProvider {
  private readonly client: OpenAI;
  private readonly policy: ParameterPolicy;
  private readonly timeouts: GenerationTimeouts;
  private readonly identity: UpstreamIdentity;
  private readonly pool: ResponsesSocketPool;

  constructor(private readonly options: OpenAIResponsesWebSocketOptions) {
    this.client = createOpenAIClient(options);
    this.policy = new ParameterPolicy(options.model, options.dropParameters);
    this.timeouts = { ...DEFAULT_GENERATION_TIMEOUTS, ...options.timeouts };
    this.identity = {
      name: `model "${options.model}" at ${endpointForDisplay(options.baseURL)} (WebSocket)`,
      hasKey: options.apiKey !== undefined,
      secrets: [options.apiKey],
    };
    this.pool = new ResponsesSocketPool(this.client, this.identity, { ...DEFAULT_SOCKET_POOL_OPTIONS, ...options.pool });
  }

  describe(): ProviderDescription {
    return { adapter: 'openai-responses-ws', model: this.options.model, endpoint: endpointForDisplay(this.options.baseURL), supportsInfill: false };
  }

  generate(request: GenerateRequest): AsyncIterable<GenerateEvent> {
    const chat = request.prompt.kind === 'chat' ? request.prompt : infillAsChat(request.prompt);
    return streamGeneration({
      request,
      timeouts: this.timeouts,
      upstreamName: this.identity.name,
      stops: request.stop ?? [],
      promptText: chat.messages.map((message) => message.content).join('\n'),
      open: (signal) => capResponsesDeltas(this.stream(chat, request, signal), request.maxTokens),
      toError: (error) => toProviderError(this.identity, error),
    });
  }

  /** Sockets open or opening (for diagnostics and tests). */
  get openSockets(): number {
    return this.pool.size;
  }

  async close(): Promise<void> {
    this.pool.close();
  }

  private async *stream(chat: ChatPrompt, request: GenerateRequest, signal: AbortSignal): AsyncGenerator<UpstreamPiece> {
    for (let attempt = 0; ; attempt++) {
      const { socket, reused } = await this.pool.acquire(signal);
      const body = responsesRequest(this.options.model, chat, request, this.policy, this.options.reasoningEffort);
      let sawEvent = false;
      let clean = false;
      // The cancel must reach the upstream even while nobody reads this generator: close the
      // socket from the abort itself, not from the loop below.
      const onAbort = () => this.pool.discard(socket, true);
      signal.addEventListener('abort', onAbort, { once: true });
      try {
        for await (const event of socket.turn(body, signal)) {
          sawEvent = true;
          yield* responsesEventPieces(this.identity, event);
          if (typeof event.type === 'string' && TERMINAL_EVENTS.has(event.type)) {
            clean = true;
            return;
          }
        }
        // The turn ended without a terminal event: only an abort does that, and the caller knows.
        return;
      } catch (error) {
        // A reused socket the server had already let go (idle timeout, the 60-minute limit) fails
        // before any event: one retry on a fresh connection, invisible to the user.
        const stale = reused && !sawEvent && error instanceof ProviderError && error.code === 'unavailable';
        if (stale && attempt === 0 && !signal.aborted) continue;
        throw error;
      } finally {
        signal.removeEventListener('abort', onAbort);
        if (clean) this.pool.release(socket);
        else this.pool.discard(socket, signal.aborted);
      }
    }
  }
}
