import type OpenAI from 'openai';
import type { IncomingMessage } from 'node:http';
import { ResponsesWS } from 'openai/resources/responses/ws';
import type { WebSocketError } from 'openai/resources/responses/internal-base';
import type { ResponseCreateParamsBase } from 'openai/resources/responses/responses';
import { ProviderError } from '../ModelProvider.ts';
import { networkFailure } from './networkFailure.ts';
import { providerErrorForStatus } from './providerErrorForStatus.ts';
import { redactSecrets } from './redactSecrets.ts';
import type { UpstreamIdentity } from './UpstreamIdentity.ts';

/** A Responses server event as this adapter reads it. */
export type ResponsesSocketEvent = Record<string, unknown> & { type?: unknown };

type TurnItem = { event: ResponsesSocketEvent } | { error: ProviderError } | { closed: true } | { aborted: true };

/**
 * One Responses WebSocket connection (the SDK's ResponsesWS), reused turn after turn. OpenAI runs
 * one response at a time per connection, so a socket serves one turn at a time; the pool hands
 * out another socket to a concurrent request.
 */
export class ResponsesSocket {
  readonly openedAt = Date.now();
  /** Resolves when the socket is open; rejects with a ProviderError if it fails first. */
  readonly ready: Promise<void>;
  private readonly ws: ResponsesWS;
  private opened = false;
  private closedFlag = false;
  private handshake: { status: number; headers: IncomingMessage['headers'] } | undefined;
  private deliver: ((item: TurnItem) => void) | undefined;
  private failOpen!: (error: ProviderError) => void;
  private readonly closeListeners: (() => void)[] = [];

  constructor(client: OpenAI, private readonly upstream: UpstreamIdentity) {
    this.ws = new ResponsesWS(client);
    this.ready = new Promise<void>((resolve, reject) => {
      this.failOpen = reject;
      this.ws.socket.once('open', () => {
        this.opened = true;
        resolve();
      });
    });
    this.ready.catch(() => {});
    // ws reports a refused handshake only as "Unexpected server response: 429"; listening for the
    // response itself keeps the status and its Retry-After. With a listener, ws leaves the
    // handshake to us: terminate() then fails it with the usual error and close events.
    const raw = this.ws.socket.platformSocket;
    raw.on('unexpected-response', (_request, response) => {
      this.handshake = { status: response.statusCode ?? 0, headers: response.headers };
      response.resume();
      raw.terminate();
    });
    this.ws.on('event', (event) => this.deliver?.({ event: event as unknown as ResponsesSocketEvent }));
    this.ws.on('raw', () =>
      this.deliver?.({ error: new ProviderError('bad-response', `${this.upstream.name} sent a WebSocket message that is not JSON.`) }),
    );
    this.ws.on('error', (error) => this.onError(error));
    this.ws.on('close', (code) => {
      this.closedFlag = true;
      if (!this.opened) this.failOpen(this.handshakeError() ?? new ProviderError('unavailable', `${this.upstream.name} closed the WebSocket before it opened (code ${code}).`));
      this.deliver?.({ closed: true });
      for (const listener of this.closeListeners.splice(0)) listener();
    });
  }

  get isClosed(): boolean {
    return this.closedFlag;
  }

  onClose(listener: () => void): void {
    if (this.closedFlag) listener();
    else this.closeListeners.push(listener);
  }

  close(reason = 'done'): void {
    if (this.closedFlag) return;
    try {
      this.ws.close({ code: 1000, reason });
    } catch {
      // Closing a socket that never opened: it is closed either way.
    }
  }

  /**
   * Runs one turn: sends `response.create` and yields the server's events until the caller stops
   * reading. Aborting `signal` ends the iteration at once (the caller then closes the socket,
   * which is how the upstream learns of the cancel). Throws a ProviderError for socket failures.
   */
  async *turn(body: ResponseCreateParamsBase, signal: AbortSignal): AsyncGenerator<ResponsesSocketEvent> {
    const queue: TurnItem[] = [];
    let wake: (() => void) | undefined;
    this.deliver = (item) => {
      queue.push(item);
      wake?.();
    };
    const onAbort = () => this.deliver?.({ aborted: true });
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      if (signal.aborted) return;
      if (this.closedFlag) throw new ProviderError('unavailable', `${this.upstream.name} closed the WebSocket.`);
      this.ws.send({ type: 'response.create', ...body });
      for (;;) {
        while (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
        const item = queue.shift() as TurnItem;
        if ('aborted' in item) return;
        if ('error' in item) throw item.error;
        if ('closed' in item) throw new ProviderError('unavailable', `${this.upstream.name} closed the WebSocket mid-response.`);
        yield item.event;
      }
    } finally {
      this.deliver = undefined;
      signal.removeEventListener('abort', onAbort);
    }
  }

  private onError(error: WebSocketError): void {
    // API error events arrive twice, as an `event` (handled by the turn) and as an `error`: only socket failures are new here.
    if (error.error) return;
    const failure = this.handshakeError() ?? networkFailure(this.upstream, error) ?? new ProviderError('unavailable', redactSecrets(`${this.upstream.name}: WebSocket failed: ${error.message}`, this.upstream.secrets));
    if (!this.opened) this.failOpen(failure);
    this.deliver?.({ error: failure });
  }

  private handshakeError(): ProviderError | undefined {
    if (!this.handshake) return undefined;
    const retryAfter = this.handshake.headers['retry-after'];
    return providerErrorForStatus(this.upstream, {
      status: this.handshake.status,
      headers: { 'retry-after': Array.isArray(retryAfter) ? retryAfter[0] : retryAfter },
    });
  }
}
