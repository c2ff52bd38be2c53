import type OpenAI from 'openai';
import { ResponsesSocket } from './ResponsesSocket.ts';
import type { UpstreamIdentity } from './UpstreamIdentity.ts';

export interface ResponsesSocketPoolOptions {
  /** Idle sockets kept open for the next turns. */
  maxIdle: number;
  /** Idle sockets close after this long unused. */
  idleMs: number;
  /** OpenAI ends a connection after 60 minutes; sockets older than this are not reused. */
  maxAgeMs: number;
  /** After a cancel closes a socket, open a spare so the next turn does not pay for a handshake. */
  keepWarm: boolean;
}

export const DEFAULT_SOCKET_POOL_OPTIONS: ResponsesSocketPoolOptions = {
  maxIdle: 4,
  idleMs: 5 * 60_000,
  maxAgeMs: 55 * 60_000,
  keepWarm: true,
};

/**
 * Persistent Responses WebSocket connections, reused across turns (which is what saves the
 * per-request connection and TLS set-up for a fast model). A busy socket is never shared; a
 * cancelled turn's socket is closed (the only way to stop a response on the socket) and,
 * with keepWarm, replaced by a fresh one at once.
 */
export class ResponsesSocketPool {
  private readonly idle: ResponsesSocket[] = [];
  private readonly all = new Set<ResponsesSocket>();
  private readonly idleTimers = new Map<ResponsesSocket, NodeJS.Timeout>();
  private closed = false;

  constructor(
    private readonly client: OpenAI,
    private readonly upstream: UpstreamIdentity,
    private readonly options: ResponsesSocketPoolOptions = DEFAULT_SOCKET_POOL_OPTIONS,
  ) {}

  /** Sockets open or opening, for tests and diagnostics. */
  get size(): number {
    return this.all.size;
  }

  /** An idle socket (marked `reused`) or a new one, once open. Aborting `signal` gives up and closes a new socket. */
  async acquire(signal: AbortSignal): Promise<{ socket: ResponsesSocket; reused: boolean }> {
    for (let socket = this.idle.pop(); socket; socket = this.idle.pop()) {
      this.clearIdleTimer(socket);
      if (!socket.isClosed && Date.now() - socket.openedAt < this.options.maxAgeMs) {
        await this.waitReady(socket, signal);
        return { socket, reused: true };
      }
      this.discard(socket);
    }
    const socket = this.open();
    await this.waitReady(socket, signal);
    return { socket, reused: false };
  }

  /** A socket whose turn ended cleanly goes back to the pool. */
  release(socket: ResponsesSocket): void {
    if (this.closed || socket.isClosed || this.idle.length >= this.options.maxIdle) return this.discard(socket);
    this.idle.push(socket);
    const timer = setTimeout(() => {
      const at = this.idle.indexOf(socket);
      if (at !== -1) this.idle.splice(at, 1);
      this.discard(socket);
    }, this.options.idleMs);
    timer.unref();
    this.idleTimers.set(socket, timer);
  }

  /** Closes a socket whose turn was cancelled or failed; with `warm`, opens a spare in its place. Idempotent. */
  discard(socket: ResponsesSocket, warm = false): void {
    this.clearIdleTimer(socket);
    const known = this.all.delete(socket);
    socket.close(warm ? 'cancelled' : 'done');
    if (warm && known && this.options.keepWarm && !this.closed && this.idle.length === 0) this.release(this.open());
  }

  close(): void {
    this.closed = true;
    for (const socket of [...this.all]) this.discard(socket);
    this.idle.length = 0;
  }

  private open(): ResponsesSocket {
    const socket = new ResponsesSocket(this.client, this.upstream);
    this.all.add(socket);
    socket.onClose(() => {
      this.all.delete(socket);
      const at = this.idle.indexOf(socket);
      if (at !== -1) this.idle.splice(at, 1);
      this.clearIdleTimer(socket);
    });
    return socket;
  }

  private async waitReady(socket: ResponsesSocket, signal: AbortSignal): Promise<void> {
    let onAbort: (() => void) | undefined;
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => {
        this.discard(socket);
        reject(new Error('aborted while connecting'));
      };
      if (signal.aborted) onAbort();
      else signal.addEventListener('abort', onAbort, { once: true });
    });
    aborted.catch(() => {});
    try {
      await Promise.race([socket.ready, aborted]);
    } catch (error) {
      this.discard(socket);
      throw error;
    } finally {
      if (onAbort) signal.removeEventListener('abort', onAbort);
    }
  }

  private clearIdleTimer(socket: ResponsesSocket): void {
    const timer = this.idleTimers.get(socket);
    if (timer !== undefined) clearTimeout(timer);
    this.idleTimers.delete(socket);
  }
}
