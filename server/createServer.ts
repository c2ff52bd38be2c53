import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { Server, type Socket } from 'socket.io';
import type { ClientToServerEvents } from '../shared/clientMessage.ts';
import type { ServerToClientEvents } from '../shared/serverMessage.ts';
import type { LanesConfig } from './lanes/LaneConfig.ts';
import { readLanesConfig } from './lanes/readLanesConfig.ts';
import type { ModelProvider } from './providers/ModelProvider.ts';
import { DeepLane, type DeepLaneOptions } from './deep/DeepLane.ts';
import { FastLaneRelay } from './relay/FastLaneRelay.ts';
import type { RelayMessage } from './relay/RelayMessage.ts';
import { requestIdOf } from './relay/requestIdOf.ts';
import { HandshakeAuth, type ConnectionRefusal } from '../shared/connectionRefusal.ts';
import { PROTOCOL_VERSION } from '../shared/protocolVersion.ts';
import { dispatchClientMessage, type ClientMessageHandlers } from './dispatchClientMessage.ts';
import { MESSAGE_LIMITS, TRANSPORT_MAX_BYTES } from './messageLimits.ts';
import { InboundMessageLimit } from './InboundMessageLimit.ts';
import { serveClient } from './serveClient.ts';
import { isRoomMessageType } from '../shared/roomMessage.ts';
import type { RoomAction } from '../shared/rooms/roomPolicy.ts';
import { aiRefusalText } from '../shared/rooms/aiRefusalText.ts';
import { attachRooms, type AttachRoomsOptions, type Rooms } from './rooms/attachRooms.ts';
import { roomLogRoutes } from './rooms/roomLogRoutes.ts';
import { SERVER_VERSION } from './serverVersion.ts';
import { SOCKET_PARSER_OPTIONS } from '../shared/socket/socketParserOptions.ts';

export interface CreateServerOptions {
  host: string;
  /** 0 picks a free port (tests, CLI). */
  port: number;
  /** Built client to serve; omit for a socket-only server (protocol tests). */
  clientDir?: string;
  /** The AI lanes and their providers (the caller closes them); omitted, both lanes are off. */
  ai?: {
    lanes: LanesConfig;
    fastProvider: ModelProvider | undefined;
    deepProvider?: ModelProvider | undefined;
    /** The deep lane's clock, per-task budgets and loop limit (tests; defaults otherwise). */
    deep?: Pick<DeepLaneOptions, 'clock' | 'budgets' | 'maxRepeats'>;
  };
  /**
   * Shared rooms (docs/ROOMS.md): the store (openRoomStore) and the token secret (loadRoomSecret).
   * The caller closes the store, after the server. Omitted, room messages are refused as unknown.
   */
  rooms?: AttachRoomsOptions;
}

export interface PairlaneServer {
  /** Base URL, e.g. http://127.0.0.1:8787 (no trailing slash). */
  url: string;
  port: number;
  io: Server<ClientToServerEvents, ServerToClientEvents>;
  /** The rooms, when `rooms` was given. */
  rooms: Rooms | undefined;
  /** Stops accepting, disconnects every socket, resolves when the HTTP server has closed. */
  close(): Promise<void>;
}

type PairlaneSocket = Socket<ClientToServerEvents, ServerToClientEvents>;

/** The HTTP server that serves the client, /healthz and the Socket.IO endpoint, on one port. */
export async function createServer(options: CreateServerOptions): Promise<PairlaneServer> {
  const startedAt = Date.now();
  const staticHandler = options.clientDir ? serveClient(options.clientDir) : undefined;
  // The host's HTTP API on a room's log and notes (replay, report), beside the socket protocol.
  const roomLog = options.rooms ? roomLogRoutes({ store: options.rooms.store, secret: options.rooms.secret }) : undefined;

  const httpServer = http.createServer((req, res) => {
    if (req.url === '/healthz') {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
      res.end(
        JSON.stringify({
          status: 'ok',
          version: SERVER_VERSION,
          protocolVersion: PROTOCOL_VERSION,
          uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
          connections: io.engine.clientsCount,
        }),
      );
      return;
    }
    if (roomLog?.(req, res)) return;
    const notFound = () => {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('Not found');
    };
    if (staticHandler) staticHandler(req, res, notFound);
    else notFound();
  });

  const io = new Server<ClientToServerEvents, ServerToClientEvents>(httpServer, {
    // Long-polling adds latency and a second code path; every browser we support has websockets.
    transports: ['websocket'],
    maxHttpBufferSize: TRANSPORT_MAX_BYTES,
    serveClient: false,
    ...SOCKET_PARSER_OPTIONS,
  });

  // Without lanes, both are off and say how to turn them on (no local model is looked for here: that is main's job).
  const lanes = options.ai?.lanes ?? readLanesConfig({}, { findLocalModel: () => undefined });
  const relay = new FastLaneRelay({ lanes, provider: options.ai?.fastProvider });
  const deepLane = new DeepLane({ ...options.ai?.deep, lane: lanes.deep, provider: options.ai?.deepProvider });

  const rooms = options.rooms ? attachRooms(io, options.rooms) : undefined;

  io.use((socket, next) => {
    const auth = HandshakeAuth.safeParse(socket.handshake.auth);
    if (!auth.success || auth.data.protocolVersion !== PROTOCOL_VERSION) {
      const refusal: ConnectionRefusal = {
        reason: 'protocol-mismatch',
        message: `This server speaks protocol ${PROTOCOL_VERSION}; reload the page to get the matching client.`,
        expected: PROTOCOL_VERSION,
        received: (socket.handshake.auth as { protocolVersion?: unknown } | undefined)?.protocolVersion,
      };
      const error = new Error(refusal.reason) as Error & { data: ConnectionRefusal };
      error.data = refusal;
      next(error);
      return;
    }
    next();
  });

  io.on('connection', (socket: PairlaneSocket) => {
    const connectionId = randomUUID();
    // Stop messages (cancel, deep-interrupt) have their own allowance: a busy client can always stop a model call.
    const limit = new InboundMessageLimit();

    socket.emit('welcome', {
      type: 'welcome',
      protocolVersion: PROTOCOL_VERSION,
      serverVersion: SERVER_VERSION,
      connectionId,
      limits: { maxMessageBytes: MESSAGE_LIMITS.maxMessageBytes, messagesPerSecond: MESSAGE_LIMITS.messagesPerSecond },
    });
    socket.emit('ai-status', relay.status());
    const ai = relay.connect(
      (message: RelayMessage) => {
        if (message.type === 'suggestion-batch') socket.emit('suggestion-batch', message);
        else if (message.type === 'suggestion-done') socket.emit('suggestion-done', message);
        else socket.emit('suggestion-error', message);
      },
      // In a room, budgets follow the person (all their tabs) and the room.
      () => rooms?.identityOf(socket),
    );
    const deep = deepLane.connect(
      (message) => socket.emit('deep-event', message),
      () => rooms?.identityOf(socket),
    );
    // A client that goes away takes its task with it: the model call and any pending tool call stop.
    socket.on('disconnect', () => {
      ai.close();
      deep.close();
    });

    /**
     * The room policy for an AI lane, asked before the lane is: a connection in a room may use only
     * the lanes the host gave its person (checkAction logs a refusal in the room). A connection in
     * no room is not limited.
     */
    const roomRefusal = (action: RoomAction, event: string): string | undefined => {
      const check = rooms?.checkAction(socket, action, event);
      if (!check || check.ok) return undefined;
      if (check.reason === 'deep-lane-off') return aiRefusalText('deep-lane-off');
      if (check.reason === 'observer-read-only') return 'Observers cannot use AI in this room.';
      return aiRefusalText('ai-off');
    };
    const handlers: ClientMessageHandlers = {
      ping: (message) => {
        socket.emit('pong', { type: 'pong', id: message.id, sentAt: message.sentAt, serverTime: Date.now() });
      },
      suggest: (message) => {
        const refusal = roomRefusal('ai-fast', 'suggest');
        if (refusal) socket.emit('suggestion-error', { type: 'suggestion-error', requestId: message.requestId, code: 'ai-off', message: refusal });
        else ai.suggest(message);
      },
      'quick-edit': (message) => {
        const refusal = roomRefusal('ai-fast', 'quick-edit');
        if (refusal) socket.emit('suggestion-error', { type: 'suggestion-error', requestId: message.requestId, code: 'ai-off', message: refusal });
        else ai.quickEdit(message);
      },
      cancel: (message) => ai.cancel(message),
      'deep-start': (message) => {
        const refusal = roomRefusal('ai-deep', 'deep-start');
        if (refusal) deep.refuse(message.taskId, 'ai-off', refusal);
        else deep.start(message);
      },
      'deep-steer': (message) => deep.steer(message),
      'deep-interrupt': (message) => deep.interrupt(message),
      'deep-tool-result': (message) => deep.toolResult(message),
    };
    // Every inbound event goes through the one validating dispatcher, including names we do
    // not know, so no handler ever sees an unchecked payload.
    socket.onAny((event: string, ...args: unknown[]) => {
      // Room events are the rooms' own (their own dispatcher and rate limit, in attachRooms).
      if (rooms && isRoomMessageType(event)) return;
      void dispatchClientMessage(String(event), args, handlers, limit).then((error) => {
        if (error) socket.emit('error', { ...error, ...withRequestId(args[0]) });
      });
    });
  });

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port, options.host, () => {
      httpServer.off('error', reject);
      resolve();
    });
  });
  const port = (httpServer.address() as AddressInfo).port;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;

  return {
    url: `http://${host}:${port}`,
    port,
    io,
    rooms,
    close: async () => {
      await new Promise<void>((resolve, reject) => {
        relay.close();
        deepLane.close();
        // io.close() disconnects every socket and closes the HTTP server it is attached to.
        io.close((error) => (error ? reject(error) : resolve()));
        httpServer.closeAllConnections();
      });
      // Every room writes what it holds before the caller closes the store.
      await rooms?.close();
    },
  };
}


/** The refused message's request id as an ErrorMessage field, when it has one. */
function withRequestId(payload: unknown): { requestId?: string } {
  const requestId = requestIdOf(payload);
  return requestId === undefined ? {} : { requestId };
}
