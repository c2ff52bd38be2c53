import type { ScriptedResponse, ScriptedRoute } from './ScriptedResponse.ts';

/** How a recorded request ended. */
export type RequestOutcome =
  /** Still streaming (or hanging). */
  | 'pending'
  /** The scripted answer went out in full, or the scripted error did. */
  | 'completed'
  /** The client closed the connection before the answer was complete. */
  | 'aborted'
  /** The server dropped the connection, as the script asked. */
  | 'dropped';

/** One request the scripted server received, as tests and e2e assert on it. */
export interface RecordedRequest {
  /** 1, 2, 3… in arrival order. */
  seq: number;
  route: ScriptedRoute | 'unknown';
  transport: 'http' | 'websocket';
  method: string;
  path: string;
  /** Request headers (for a WebSocket turn: those of the upgrade), lower-case, without credentials. */
  headers: Record<string, string>;
  /** Whether the request carried an Authorization (or api-key) header; its value is never recorded. */
  sentCredentials: boolean;
  /** The JSON body (for a WebSocket turn: the `response.create` event). */
  body: unknown;
  /** The answer the script gave it (undefined when nothing was scripted). */
  scripted: ScriptedResponse | undefined;
  /** Milliseconds on the server's clock (performance.now()). */
  receivedAt: number;
  firstTokenAt?: number;
  endedAt?: number;
  /** When the client went away mid-answer. */
  abortedAt?: number;
  outcome: RequestOutcome;
  tokensSent: number;
  /** Resolves once `outcome` is no longer 'pending'. */
  settled: Promise<RecordedRequest>;
}
