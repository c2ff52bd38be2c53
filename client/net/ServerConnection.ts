import { io, type Socket } from 'socket.io-client';
import type { CancelMessage, ClientToServerEvents, QuickEditMessage, SuggestMessage } from '../../shared/clientMessage.ts';
import { ConnectionRefusal } from '../../shared/connectionRefusal.ts';
import type { DeepEventMessage, DeepInterruptMessage, DeepStartMessage, DeepSteerMessage, DeepToolResultMessage } from '../../shared/deepLane/protocol.ts';
import { PROTOCOL_VERSION } from '../../shared/protocolVersion.ts';
import type { AiStatusMessage, ErrorMessage, ServerToClientEvents, WelcomeMessage } from '../../shared/serverMessage.ts';
import { ROOM_SERVER_MESSAGE_TYPES, RoomServerMessage, isRoomMessageType, type RoomClientMessage } from '../../shared/roomMessage.ts';
import type { AiPolicy } from '../../shared/rooms/roomPolicy.ts';
import { aiRefusalText } from '../../shared/rooms/aiRefusalText.ts';
import { parseRoomServerMessage } from '../../shared/rooms/parseRoomServerMessage.ts';
import { Store } from '../ui/Store.ts';
import { AnswerRoutes, type AnswerHandler } from './AnswerRoutes.ts';
import { SOCKET_PARSER_OPTIONS } from '../../shared/socket/socketParserOptions.ts';

/** What the client sends the deep lane. */
export type DeepClientMessage = DeepStartMessage | DeepSteerMessage | DeepInterruptMessage | DeepToolResultMessage;

export type ConnectionState =
  | { status: 'connecting' }
  | { status: 'connected'; welcome: WelcomeMessage; latencyMs: number | undefined }
  | { status: 'offline'; reason: string }
  | { status: 'refused'; refusal: ConnectionRefusal };


/** How often the connection measures its round trip while connected. */
const PING_INTERVAL_MS = 10_000;

/**
 * The app's one socket to the relay server: websocket only, protocol version in the handshake,
 * reconnecting with backoff. The editor and runtime never depend on it: with the server gone
 * the playground keeps working and the status bar says so.
 *
 * AI requests (`suggest`, `quick-edit`) go out through `request`, which routes every answer to
 * that request's handler. A request made while disconnected, and every request still open when
 * the connection drops, is answered at once with an `unavailable` error instead of waiting for
 * an answer that cannot come.
 */
export class ServerConnection {
  /**
   * The AI lanes this person may use: the server's latest `ai-status` (undefined until one
   * arrived; kept across a disconnect), with the lanes a room's host turned off for them shown off.
   */
  readonly aiStatus = new Store<AiStatusMessage | undefined>(undefined);
  private serverAiStatus: AiStatusMessage | undefined;
  private roomAi: AiPolicy | undefined;
  private readonly roomListeners = new Set<(message: RoomServerMessage) => void>();
  private readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  private readonly listeners = new Set<(state: ConnectionState) => void>();
  private readonly pongListeners = new Set<(roundTripMs: number) => void>();
  private readonly deepListeners = new Set<(message: DeepEventMessage) => void>();
  private readonly routes = new AnswerRoutes();
  private current: ConnectionState = { status: 'connecting' };
  private pingTimer: ReturnType<typeof setInterval> | undefined;
  private nextPingId = 0;

  constructor(url: string = location.origin) {
    this.socket = io(url, { ...SOCKET_PARSER_OPTIONS, transports: ['websocket'], auth: { protocolVersion: PROTOCOL_VERSION } });
    this.socket.on('welcome', (welcome) => {
      this.set({ status: 'connected', welcome, latencyMs: undefined });
      this.ping();
      clearInterval(this.pingTimer);
      this.pingTimer = setInterval(() => this.ping(), PING_INTERVAL_MS);
    });
    this.socket.on('pong', (pong) => {
      const roundTripMs = performance.now() - pong.sentAt;
      if (this.current.status === 'connected') this.set({ ...this.current, latencyMs: Math.round(roundTripMs) });
      for (const listener of this.pongListeners) listener(roundTripMs);
    });
    this.socket.on('ai-status', (status) => {
      this.serverAiStatus = status;
      this.aiStatus.set(this.effectiveAiStatus());
    });
    // Room messages are not in the app's event map: they have their own (shared/roomMessage.ts).
    const untyped = this.socket as unknown as Socket;
    for (const type of ROOM_SERVER_MESSAGE_TYPES) {
      untyped.on(type, (raw: unknown) => {
        // The one-frame parser hands attachments over as Uint8Array views; a stock two-frame packet would
        // bring ArrayBuffers, which are made Uint8Arrays here, as the protocol's schemas expect.
        const parsed = parseRoomServerMessage(withBytes(raw));
        if (!parsed.success) {
          console.warn(`the server sent a "${type}" this client does not understand`, parsed.issues);
          return;
        }
        for (const listener of this.roomListeners) listener(parsed.data);
      });
    }
    this.socket.on('deep-event', (message) => {
      for (const listener of this.deepListeners) listener(message);
    });
    this.socket.on('suggestion-batch', (message) => this.routes.deliver(message));
    this.socket.on('suggestion-done', (message) => this.routes.deliver(message));
    this.socket.on('suggestion-error', (message) => this.routes.deliver(message));
    this.socket.on('error', (error: ErrorMessage) => {
      // A refused AI request gets no other answer: its sender must hear of it.
      if (error.requestId !== undefined && this.routes.deliver(error)) return;
      // A server without rooms refuses a room request as an unknown event: its sender hears it as a room error.
      if (error.code === 'unknown-message' && error.refused !== undefined && isRoomMessageType(error.refused)) {
        const refusal: RoomServerMessage = { type: 'room-error', code: 'invalid-message', message: 'This Pairlane server does not host shared rooms.', refused: error.refused, ...(error.requestId === undefined ? {} : { requestId: error.requestId }) };
        for (const listener of this.roomListeners) listener(refusal);
        return;
      }
      console.warn(`server refused "${error.refused ?? '?'}": ${error.message}`);
    });
    this.socket.on('connect_error', (error: Error & { data?: unknown }) => {
      const refusal = ConnectionRefusal.safeParse(error.data);
      if (refusal.success) {
        // A version mismatch will not heal by retrying: stop and say why.
        this.socket.disconnect();
        this.set({ status: 'refused', refusal: refusal.data });
      } else {
        this.set({ status: 'offline', reason: error.message || 'server unreachable' });
      }
    });
    this.socket.on('disconnect', (reason) => {
      clearInterval(this.pingTimer);
      if (this.current.status !== 'refused') this.set({ status: 'offline', reason });
      this.routes.failAll('unavailable', `The connection to the Pairlane server was lost (${reason}).`);
    });
  }

  get state(): ConnectionState {
    return this.current;
  }

  /** This connection's id on the server, once welcomed. */
  get connectionId(): string | undefined {
    return this.current.status === 'connected' ? this.current.welcome.connectionId : undefined;
  }

  /** Calls `listener` now and on every change; returns the unsubscribe function. */
  subscribe(listener: (state: ConnectionState) => void): () => void {
    this.listeners.add(listener);
    listener(this.current);
    return () => this.listeners.delete(listener);
  }

  /** Calls `listener` with the round trip (ms, unrounded) of every pong; returns the unsubscribe function. */
  onPong(listener: (roundTripMs: number) => void): () => void {
    this.pongListeners.add(listener);
    return () => this.pongListeners.delete(listener);
  }

  /**
   * Sends an AI request; `onAnswer` hears every answer to it (batches, then done or an error)
   * until it ends or is cancelled. When not connected, `onAnswer` hears an `unavailable` error
   * synchronously and nothing is sent.
   */
  request(message: SuggestMessage | QuickEditMessage, onAnswer: AnswerHandler): void {
    if (!this.socket.connected || this.current.status !== 'connected') {
      onAnswer(AnswerRoutes.unavailable(message.requestId, this.offlineSentence()));
      return;
    }
    this.routes.open(message.requestId, onAnswer);
    if (message.type === 'suggest') this.socket.emit('suggest', message);
    else this.socket.emit('quick-edit', message);
  }

  /** Aborts a request on the server; its answers, if any still arrive, are dropped. */
  cancel(message: CancelMessage): void {
    this.routes.close(message.requestId);
    if (this.socket.connected) this.socket.emit('cancel', message);
  }

  /** Calls `listener` with every deep-lane event of this connection; returns the unsubscribe function. */
  onDeepEvent(listener: (message: DeepEventMessage) => void): () => void {
    this.deepListeners.add(listener);
    return () => this.deepListeners.delete(listener);
  }

  /** Sends a deep-lane message; false (and nothing sent) when not connected. */
  sendDeep(message: DeepClientMessage): boolean {
    if (!this.socket.connected || this.current.status !== 'connected') return false;
    switch (message.type) {
      case 'deep-start':
        this.socket.emit('deep-start', message);
        break;
      case 'deep-steer':
        this.socket.emit('deep-steer', message);
        break;
      case 'deep-interrupt':
        this.socket.emit('deep-interrupt', message);
        break;
      case 'deep-tool-result':
        this.socket.emit('deep-tool-result', message);
        break;
    }
    return true;
  }

  /**
   * Sends a rooms-protocol message; false (and nothing sent) when not connected. Never buffered:
   * what a room needs after a reconnect is sent again by the rejoin (RoomSyncClient's step 2).
   */
  sendRoom(message: RoomClientMessage): boolean {
    if (!this.socket.connected || this.current.status !== 'connected') return false;
    (this.socket as unknown as Socket).emit(message.type, message);
    return true;
  }

  /** Calls `listener` with every rooms-protocol message the server sends; returns the unsubscribe function. */
  onRoomMessage(listener: (message: RoomServerMessage) => void): () => void {
    this.roomListeners.add(listener);
    return () => this.roomListeners.delete(listener);
  }

  /**
   * The AI policy a room's host set for this person (undefined: in no room). The lanes it leaves
   * out read as off in `aiStatus`, with the reason, so the session stops asking for them; the
   * server refuses them anyway.
   */
  setRoomAiPolicy(policy: AiPolicy | undefined): void {
    if (policy === this.roomAi) return;
    this.roomAi = policy;
    this.aiStatus.set(this.effectiveAiStatus());
  }

  close(): void {
    clearInterval(this.pingTimer);
    this.socket.disconnect();
  }

  private offlineSentence(): string {
    switch (this.current.status) {
      case 'connecting':
        return 'Not connected to the Pairlane server yet.';
      case 'offline':
        return `Not connected to the Pairlane server (${this.current.reason}).`;
      case 'refused':
        return `The Pairlane server refused this client: ${this.current.refusal.message}`;
      case 'connected':
        return 'Not connected to the Pairlane server.';
    }
  }

  private effectiveAiStatus(): AiStatusMessage | undefined {
    const status = this.serverAiStatus;
    if (!status || this.roomAi === undefined || this.roomAi === 'fast+deep') return status;
    const off = (lane: AiStatusMessage['lanes']['fast'], reason: string): AiStatusMessage['lanes']['fast'] =>
      lane.enabled ? { ...lane, enabled: false, reason, howToEnable: 'Ask the host of the room to turn it on for you.' } : lane;
    return {
      ...status,
      lanes: {
        fast: this.roomAi === 'off' ? off(status.lanes.fast, aiRefusalText('ai-off')) : status.lanes.fast,
        deep: off(status.lanes.deep, aiRefusalText(this.roomAi === 'off' ? 'ai-off' : 'deep-lane-off')),
      },
    };
  }

  private ping(): void {
    this.socket.emit('ping', { type: 'ping', id: this.nextPingId++, sentAt: performance.now() });
  }

  private set(state: ConnectionState): void {
    this.current = state;
    for (const listener of this.listeners) listener(state);
  }
}

/** A room message with its `data` as a Uint8Array when it arrived as an ArrayBuffer. */
function withBytes(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null || !('data' in raw) || !(raw.data instanceof ArrayBuffer)) return raw;
  return { ...raw, data: new Uint8Array(raw.data) };
}
