import type { WireEvent } from './WireFormat.ts';

/** Where an answer goes: an HTTP response (SSE or JSON) or one turn on a Responses WebSocket. */
export interface AnswerSink {
  /** Starts a streamed answer (HTTP: status 200 and SSE headers). */
  open(): void;
  send(events: readonly WireEvent[]): void;
  /** Writes bytes that are not valid JSON where JSON belongs. */
  sendRaw(text: string): void;
  /** A whole answer or an error: HTTP status and body, or over the WebSocket an `error` event. */
  sendJson(status: number, headers: Record<string, string>, body: unknown): void;
  /** Ends the answer (HTTP: ends the response; WebSocket: the connection stays open for the next turn). */
  end(terminator: string | undefined): void;
  /** Drops the connection. */
  drop(): void;
}
