import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents } from '../../shared/clientMessage.ts';
import { ConnectionRefusal } from '../../shared/connectionRefusal.ts';
import { PROTOCOL_VERSION } from '../../shared/protocolVersion.ts';
import type { ErrorMessage, ServerToClientEvents, WelcomeMessage } from '../../shared/serverMessage.ts';

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
 */
export class ServerConnection {
  private readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  private readonly listeners = new Set<(state: ConnectionState) => void>();
  private current: ConnectionState = { status: 'connecting' };
  private pingTimer: ReturnType<typeof setInterval> | undefined;
  private nextPingId = 0;

  constructor(url: string = location.origin) {
    this.socket = io(url, { transports: ['websocket'], auth: { protocolVersion: PROTOCOL_VERSION } });
    this.socket.on('welcome', (welcome) => {
      this.set({ status: 'connected', welcome, latencyMs: undefined });
      this.ping();
      clearInterval(this.pingTimer);
      this.pingTimer = setInterval(() => this.ping(), PING_INTERVAL_MS);
    });
    this.socket.on('pong', (pong) => {
      if (this.current.status === 'connected') this.set({ ...this.current, latencyMs: Math.round(performance.now() - pong.sentAt) });
    });
    this.socket.on('error', (error: ErrorMessage) => console.warn(`server refused "${error.refused ?? '?'}": ${error.message}`));
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
    });
  }

  get state(): ConnectionState {
    return this.current;
  }

  /** Calls `listener` now and on every change; returns the unsubscribe function. */
  subscribe(listener: (state: ConnectionState) => void): () => void {
    this.listeners.add(listener);
    listener(this.current);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    clearInterval(this.pingTimer);
    this.socket.disconnect();
  }

  private ping(): void {
    this.socket.emit('ping', { type: 'ping', id: this.nextPingId++, sentAt: performance.now() });
  }

  private set(state: ConnectionState): void {
    this.current = state;
    for (const listener of this.listeners) listener(state);
  }
}
