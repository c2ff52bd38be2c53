import type { ResponseCreateParamsBase } from 'openai/resources/responses/responses';
import { ProviderError, type GenerateEvent, type GenerateRequest, type ToolGenerateEvent, type ToolGenerateRequest } from '../ModelProvider.ts';
import { OpenAIAdapterBase } from './OpenAIAdapterBase.ts';
import { capResponsesDeltas, type OpenAIResponsesOptions } from './OpenAIResponsesProvider.ts';
import { responsesEventPieces } from './responsesEventPieces.ts';
import { responsesRequest } from './responsesRequest.ts';
import { responsesToolRequest } from './responsesToolRequest.ts';
import { DEFAULT_SOCKET_POOL_OPTIONS, ResponsesSocketPool, type ResponsesSocketPoolOptions } from './ResponsesSocketPool.ts';
import type { UpstreamPiece } from './streamGeneration.ts';

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
export class OpenAIResponsesWebSocketProvider extends OpenAIAdapterBase {
  private readonly pool: ResponsesSocketPool;

  constructor(protected override readonly options: OpenAIResponsesWebSocketOptions) {
    super(options, { adapter: 'openai-responses-ws', supportsInfill: false, transport: 'WebSocket' });
    this.pool = new ResponsesSocketPool(this.client, this.identity, { ...DEFAULT_SOCKET_POOL_OPTIONS, ...options.pool });
  }

  generate(request: GenerateRequest): AsyncIterable<GenerateEvent> {
    return this.generateChat(request, (chat, signal) =>
      capResponsesDeltas(this.stream(() => responsesRequest(this.options.model, chat, request, this.policy, this.options.reasoningEffort), signal), request.maxTokens),
    );
  }

  generateWithTools(request: ToolGenerateRequest): AsyncIterable<ToolGenerateEvent> {
    return this.generateToolChat(request, (signal) => this.stream(() => responsesToolRequest(this.options.model, request, this.policy, this.options.reasoningEffort), signal));
  }

  /** Sockets open or opening (for diagnostics and tests). */
  get openSockets(): number {
    return this.pool.size;
  }

  override async close(): Promise<void> {
    this.pool.close();
  }

  private async *stream(build: () => ResponseCreateParamsBase, signal: AbortSignal): AsyncGenerator<UpstreamPiece[]> {
    for (let attempt = 0; ; attempt++) {
      const { socket, reused } = await this.pool.acquire(signal);
      const body = build();
      let sawEvent = false;
      let clean = false;
      // The cancel must reach the upstream even while nobody reads this generator: close the
      // socket from the abort itself, not from the loop below.
      const onAbort = () => this.pool.discard(socket, true);
      signal.addEventListener('abort', onAbort, { once: true });
      try {
        for await (const event of socket.turn(body, signal)) {
          sawEvent = true;
          yield responsesEventPieces(this.identity, event);
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
