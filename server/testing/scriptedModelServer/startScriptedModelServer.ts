import http from 'node:http';
import type { Duplex } from 'node:stream';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { WebSocketServer, type WebSocket } from 'ws';
import { AnswerPlayer, type AnswerObserver } from './AnswerPlayer.ts';
import type { AnswerSink } from './AnswerSink.ts';
import { chatCompletionsFormat } from './chatCompletionsFormat.ts';
import { completionsFormat } from './completionsFormat.ts';
import { infillFormat } from './infillFormat.ts';
import type { RecordedRequest, RequestOutcome } from './RecordedRequest.ts';
import { responsesFormat } from './responsesFormat.ts';
import {
  scriptedResponseSchema,
  type ModelScript,
  type ScriptedResponse,
  type ScriptedResponseInput,
  type ScriptedRoute,
} from './ScriptedResponse.ts';
import { TokenPacer } from './TokenPacer.ts';
import type { WireEvent, WireFormat } from './WireFormat.ts';

export interface ScriptedModelServerOptions {
  /** Default 127.0.0.1: the server is a test double and never listens beyond loopback unless told. */
  host?: string;
  /** Default 0: an ephemeral port. */
  port?: number;
  script?: ModelScript;
}

/** A refusal of the Responses WebSocket handshake (as a gateway or a bad key would answer it). */
export interface UpgradeRejection {
  status: number;
  message?: string;
  retryAfterSeconds?: number;
}

/** A running scripted model server. */
export interface ScriptedModelServer {
  /** http://host:port, the root (llama.cpp's /infill lives here). */
  readonly url: string;
  /** url + '/v1': what an OpenAI SDK takes as baseURL. */
  readonly baseURL: string;
  readonly port: number;
  /** Every request so far, in arrival order (WebSocket turns included, one per `response.create`). */
  readonly requests: readonly RecordedRequest[];
  /** Queues answers; each request takes the first queued one meant for its route. */
  enqueue(...answers: ScriptedResponseInput[]): void;
  /** The answer for requests that find nothing queued (without one they get a 500). */
  setFallback(answer: ScriptedResponseInput | undefined): void;
  /** Refuses (or, with undefined, accepts again) Responses WebSocket handshakes. */
  rejectWebSocketUpgrades(rejection: UpgradeRejection | undefined): void;
  /** The next request not yet returned by nextRequest(), waiting for it to arrive. */
  nextRequest(): Promise<RecordedRequest>;
  /** Closes every Responses WebSocket connection from the server side (as an upstream's idle timeout or 60-minute limit would). */
  dropWebSocketConnections(): void;
  /** Counts of connections accepted so far, to check connection reuse. */
  connectionCounts(): { http: number; webSocket: number };
  /** Answers still streaming or hanging. */
  activeAnswers(): number;
  /** Forgets queued answers, the fallback, the upgrade rejection and the recorded requests. */
  reset(): void;
  close(): Promise<void>;
}

const formats: Record<string, WireFormat> = {
  '/v1/chat/completions': chatCompletionsFormat,
  '/chat/completions': chatCompletionsFormat,
  '/v1/completions': completionsFormat,
  '/completions': completionsFormat,
  '/v1/responses': responsesFormat,
  '/responses': responsesFormat,
  '/infill': infillFormat,
};

const credentialHeaders = new Set(['authorization', 'api-key', 'x-api-key', 'cookie', 'proxy-authorization']);

function recordableHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || credentialHeaders.has(name)) continue;
    out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function sseText(events: readonly WireEvent[]): string {
  let text = '';
  for (const event of events) text += event.name ? `event: ${event.name}\ndata: ${event.json}\n\n` : `data: ${event.json}\n\n`;
  return text;
}

/**
 * Starts a local OpenAI-compatible (and llama.cpp-compatible) server that answers from a script:
 * Chat Completions, legacy Completions and Responses over SSE, the Responses WebSocket, and
 * llama.cpp's /infill. It records every request, and whether and when the client aborted it, so
 * tests can assert what the upstream saw.
 */
export async function startScriptedModelServer(options: ScriptedModelServerOptions = {}): Promise<ScriptedModelServer> {
  const pacer = new TokenPacer();
  const requests: RecordedRequest[] = [];
  const waiters: ((request: RecordedRequest) => void)[] = [];
  let cursor = 0;
  let queue: ScriptedResponse[] = [...(options.script?.responses ?? [])];
  let fallback: ScriptedResponse | undefined = options.script?.fallback;
  let upgradeRejection: UpgradeRejection | undefined;
  const players = new Set<AnswerPlayer>();
  const sockets = new Set<Duplex>();
  const counts = { http: 0, webSocket: 0 };
  const wss = new WebSocketServer({ noServer: true });

  function takeAnswer(route: ScriptedRoute): ScriptedResponse | undefined {
    const index = queue.findIndex((answer) => answer.route === undefined || answer.route === route);
    if (index === -1) return fallback;
    const [answer] = queue.splice(index, 1);
    return answer;
  }

  function record(fields: Omit<RecordedRequest, 'seq' | 'receivedAt' | 'outcome' | 'tokensSent' | 'settled'>): {
    request: RecordedRequest;
    observer: AnswerObserver;
  } {
    let resolveSettled!: (request: RecordedRequest) => void;
    const settled = new Promise<RecordedRequest>((resolve) => (resolveSettled = resolve));
    const request: RecordedRequest = {
      ...fields,
      seq: requests.length + 1,
      receivedAt: performance.now(),
      outcome: 'pending',
      tokensSent: 0,
      settled,
    };
    requests.push(request);
    const waiter = waiters.shift();
    if (waiter) {
      cursor++;
      waiter(request);
    }
    const observer: AnswerObserver = {
      tokensSent(count, now) {
        if (request.firstTokenAt === undefined && count > 0) request.firstTokenAt = now;
        request.tokensSent = count;
      },
      settle(outcome: RequestOutcome, now) {
        if (request.outcome !== 'pending') return;
        request.outcome = outcome;
        request.endedAt = now;
        if (outcome === 'aborted') request.abortedAt = now;
        resolveSettled(request);
      },
    };
    return { request, observer };
  }

  function play(format: WireFormat, body: Record<string, unknown>, sink: AnswerSink, observer: AnswerObserver, answer: ScriptedResponse | undefined) {
    if (answer === undefined) {
      sink.sendJson(500, {}, format.errorBody(500, 'The scripted model server has no answer queued for this request', 'no_scripted_answer'));
      observer.settle('completed', performance.now());
      return undefined;
    }
    const player = new AnswerPlayer(format, answer, body, sink, pacer, {
      tokensSent: observer.tokensSent,
      settle(outcome, now) {
        players.delete(player);
        observer.settle(outcome, now);
      },
    });
    players.add(player);
    player.start(performance.now());
    return player;
  }

  function httpSink(res: http.ServerResponse, streaming: boolean): AnswerSink {
    const ensureHead = () => {
      if (res.headersSent) return;
      res.writeHead(200, streaming
        ? { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' }
        : { 'content-type': 'application/json' });
    };
    return {
      open() {
        ensureHead();
        res.flushHeaders();
      },
      send(events) {
        ensureHead();
        res.write(sseText(events));
      },
      sendRaw(text) {
        ensureHead();
        res.write(streaming ? `data: ${text}\n\n` : text);
      },
      sendJson(status, headers, body) {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(body));
      },
      end(terminator) {
        res.end(terminator === undefined ? undefined : `data: ${terminator}\n\n`);
      },
      drop() {
        res.socket?.destroy();
      },
    };
  }

  async function readJson(req: http.IncomingMessage): Promise<unknown> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    return text === '' ? {} : (JSON.parse(text) as unknown);
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method === 'GET' && (path === '/v1/models' || path === '/models')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ object: 'list', data: [{ id: 'scripted-model', object: 'model', created: 0, owned_by: 'pairlane' }] }));
      return;
    }
    if (req.method === 'GET' && path === '/health') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"status":"ok"}');
      return;
    }
    const format = formats[path];
    if (req.method !== 'POST' || format === undefined) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: `No route ${req.method} ${path}`, type: 'invalid_request_error', param: null, code: 'not_found' } }));
      return;
    }
    let body: Record<string, unknown>;
    try {
      const parsed = await readJson(req);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
      body = parsed as Record<string, unknown>;
    } catch {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify(format.errorBody(400, 'The request body is not a JSON object', 'invalid_json')));
      return;
    }
    const answer = takeAnswer(format.route);
    const { observer } = record({
      route: format.route,
      transport: 'http',
      method: req.method,
      path,
      headers: recordableHeaders(req.headers),
      sentCredentials: req.headers.authorization !== undefined || req.headers['api-key'] !== undefined,
      body,
      scripted: answer,
    });
    const player = play(format, body, httpSink(res, format.wantsStream(body)), observer, answer);
    // 'close' fires after a normal end too; only a close before the response finished is the client leaving.
    res.on('close', () => {
      if (!res.writableFinished) player?.clientGone(performance.now());
    });
  }

  function wsSink(socket: WebSocket): AnswerSink {
    return {
      open() {},
      send(events) {
        for (const event of events) socket.send(event.json);
      },
      sendRaw(text) {
        socket.send(text);
      },
      sendJson(status, _headers, body) {
        // Over the socket an error is an event; a whole answer never happens (every turn streams).
        socket.send(JSON.stringify({ type: 'error', status, ...(body as Record<string, unknown>) }));
      },
      end() {},
      drop() {
        socket.terminate();
      },
    };
  }

  function serveWebSocket(socket: WebSocket, upgrade: http.IncomingMessage): void {
    counts.webSocket++;
    let current: { player: AnswerPlayer | undefined; request: RecordedRequest } | undefined;
    const headers = recordableHeaders(upgrade.headers);
    const sentCredentials = upgrade.headers.authorization !== undefined;
    socket.on('message', (data, isBinary) => {
      let event: Record<string, unknown>;
      try {
        const parsed = JSON.parse(isBinary ? '' : String(data)) as unknown;
        if (typeof parsed !== 'object' || parsed === null) throw new Error('not an object');
        event = parsed as Record<string, unknown>;
      } catch {
        socket.send(JSON.stringify({ type: 'error', status: 400, error: { type: 'invalid_request_error', code: 'invalid_json', message: 'The event is not JSON', param: null } }));
        return;
      }
      if (event.type !== 'response.create') {
        socket.send(JSON.stringify({ type: 'error', status: 400, error: { type: 'invalid_request_error', code: 'unknown_event', message: `Unknown event type ${String(event.type)}`, param: 'type' } }));
        return;
      }
      if (current && current.request.outcome === 'pending') {
        // OpenAI runs one response at a time per connection.
        socket.send(JSON.stringify({ type: 'error', status: 400, error: { type: 'invalid_request_error', code: 'response_in_progress', message: 'A response is already in progress on this connection', param: null } }));
        return;
      }
      const answer = takeAnswer('responses');
      const { request, observer } = record({
        route: 'responses',
        transport: 'websocket',
        method: 'WS',
        path: new URL(upgrade.url ?? '/', 'http://localhost').pathname,
        headers,
        sentCredentials,
        body: event,
        scripted: answer,
      });
      current = { request, player: play(responsesFormat, event, wsSink(socket), observer, answer) };
    });
    socket.on('close', () => {
      if (current && current.request.outcome === 'pending') current.player?.clientGone(performance.now());
    });
    socket.on('error', () => {
      // A client that vanishes mid-frame: the close handler above records the abort.
    });
  }

  function rejectUpgrade(socket: Duplex, rejection: UpgradeRejection): void {
    const body = JSON.stringify(responsesFormat.errorBody(rejection.status, rejection.message ?? `Scripted refusal ${rejection.status}`, 'upgrade_refused'));
    const lines = [
      `HTTP/1.1 ${rejection.status} ${http.STATUS_CODES[rejection.status] ?? 'Error'}`,
      'Content-Type: application/json',
      `Content-Length: ${Buffer.byteLength(body)}`,
      'Connection: close',
    ];
    if (rejection.retryAfterSeconds !== undefined) lines.push(`Retry-After: ${rejection.retryAfterSeconds}`);
    socket.end(`${lines.join('\r\n')}\r\n\r\n${body}`);
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: String(error), type: 'server_error', param: null, code: 'scripted_server_bug' } }));
    });
  });
  server.keepAliveTimeout = 5_000;
  server.on('connection', (socket) => {
    counts.http++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('upgrade', (req, socket, head) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path !== '/v1/responses' && path !== '/responses') {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    if (upgradeRejection) {
      rejectUpgrade(socket, upgradeRejection);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => serveWebSocket(ws, req));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const hostForUrl = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${hostForUrl}:${address.port}`;

  return {
    url,
    baseURL: `${url}/v1`,
    port: address.port,
    requests,
    enqueue(...answers) {
      queue.push(...answers.map((answer) => scriptedResponseSchema.parse(answer)));
    },
    setFallback(answer) {
      fallback = answer === undefined ? undefined : scriptedResponseSchema.parse(answer);
    },
    rejectWebSocketUpgrades(rejection) {
      upgradeRejection = rejection;
    },
    nextRequest() {
      const ready = requests[cursor];
      if (ready) {
        cursor++;
        return Promise.resolve(ready);
      }
      return new Promise((resolve) => waiters.push(resolve));
    },
    dropWebSocketConnections() {
      for (const client of wss.clients) client.close(1001, 'going away');
    },
    connectionCounts: () => ({ ...counts }),
    activeAnswers: () => players.size,
    reset() {
      queue = [];
      fallback = undefined;
      upgradeRejection = undefined;
      requests.length = 0;
      cursor = 0;
    },
    async close() {
      for (const player of players) player.stop();
      players.clear();
      pacer.stop();
      for (const client of wss.clients) client.terminate();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      wss.close();
    },
  };
}
