import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import type { ClientToServerEvents } from '../shared/clientMessage.ts';
import type { ErrorMessage, ServerToClientEvents, WelcomeMessage } from '../shared/serverMessage.ts';
import { PROTOCOL_VERSION } from '../shared/protocolVersion.ts';
import { createServer, type PairlaneServer } from './createServer.ts';
import { MESSAGE_LIMITS } from './messageLimits.ts';
import { SOCKET_PARSER_OPTIONS } from '../shared/socket/socketParserOptions.ts';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

// A real server on an ephemeral loopback port and real socket.io-clients: the network is the
// thing under test here, so nothing in between is simulated.
let server: PairlaneServer;
const sockets: ClientSocket[] = [];

beforeEach(async () => {
  server = await createServer({ host: '127.0.0.1', port: 0 });
});
afterEach(async () => {
  for (const s of sockets.splice(0)) s.disconnect();
  await server.close();
});

function open(auth: Record<string, unknown> = { protocolVersion: PROTOCOL_VERSION }): ClientSocket {
  const socket: ClientSocket = connect(server.url, { ...SOCKET_PARSER_OPTIONS, transports: ['websocket'], auth, reconnection: false, forceNew: true });
  sockets.push(socket);
  return socket;
}

function next<E extends keyof ServerToClientEvents>(socket: ClientSocket, event: E): Promise<Parameters<ServerToClientEvents[E]>[0]> {
  return new Promise((resolve) => {
    socket.once(event as 'error', ((message: ErrorMessage) => resolve(message as Parameters<ServerToClientEvents[E]>[0])) as never);
  });
}

/** Sends an arbitrary event, as a hostile or outdated client could. */
function emitRaw(socket: ClientSocket, event: string, ...args: unknown[]): void {
  (socket as unknown as { emit(event: string, ...args: unknown[]): void }).emit(event, ...args);
}

describe('connection', () => {
  it('welcomes a client that speaks the same protocol', async () => {
    const welcome: WelcomeMessage = await next(open(), 'welcome');
    expect(welcome.protocolVersion).toBe(PROTOCOL_VERSION);
    expect(welcome.limits.maxMessageBytes).toBe(MESSAGE_LIMITS.maxMessageBytes);
  });

  it('refuses another protocol version with a named reason', async () => {
    const socket = open({ protocolVersion: PROTOCOL_VERSION + 1 });
    const error = await new Promise<Error & { data?: unknown }>((resolve) => socket.once('connect_error', resolve));
    expect(error.message).toBe('protocol-mismatch');
    expect(error.data).toMatchObject({ reason: 'protocol-mismatch', expected: PROTOCOL_VERSION, received: PROTOCOL_VERSION + 1 });
  });

  it('refuses a handshake without a protocol version', async () => {
    const socket = open({});
    const error = await new Promise<Error>((resolve) => socket.once('connect_error', resolve));
    expect(error.message).toBe('protocol-mismatch');
  });

  it('only speaks websocket', async () => {
    const polling = connect(server.url, { ...SOCKET_PARSER_OPTIONS, transports: ['polling'], auth: { protocolVersion: PROTOCOL_VERSION }, reconnection: false, forceNew: true });
    sockets.push(polling);
    await new Promise((resolve) => polling.once('connect_error', resolve));
    expect(polling.connected).toBe(false);
  });
});

describe('messages', () => {
  it('answers a ping with a pong that echoes its id and clock', async () => {
    const socket = open();
    await next(socket, 'welcome');
    socket.emit('ping', { type: 'ping', id: 7, sentAt: 123 });
    const pong = await next(socket, 'pong');
    expect(pong).toMatchObject({ type: 'pong', id: 7, sentAt: 123 });
  });

  it('refuses a malformed message with its issues and keeps the connection', async () => {
    const socket = open();
    await next(socket, 'welcome');
    emitRaw(socket, 'ping', { type: 'ping', id: 'seven' });
    const error = await next(socket, 'error');
    expect(error.code).toBe('invalid-message');
    expect(error.refused).toBe('ping');
    expect(error.issues?.join('\n')).toMatch(/id/);
    socket.emit('ping', { type: 'ping', id: 8, sentAt: 1 });
    expect((await next(socket, 'pong')).id).toBe(8);
  });

  it('refuses an unknown message by name', async () => {
    const socket = open();
    await next(socket, 'welcome');
    emitRaw(socket, 'format-disk', { everything: true });
    const error = await next(socket, 'error');
    expect(error).toMatchObject({ code: 'unknown-message', refused: 'format-disk' });
  });

  it('refuses a message without a payload', async () => {
    const socket = open();
    await next(socket, 'welcome');
    emitRaw(socket, 'ping');
    expect((await next(socket, 'error')).code).toBe('invalid-message');
  });

  it('refuses an oversized message with a typed error instead of dropping the socket', async () => {
    const socket = open();
    await next(socket, 'welcome');
    emitRaw(socket, 'ping', { type: 'ping', id: 1, sentAt: 1, padding: 'x'.repeat(MESSAGE_LIMITS.maxMessageBytes + 10) });
    const error = await next(socket, 'error');
    expect(error.code).toBe('too-large');
    expect(socket.connected).toBe(true);
  });

  it('rate-limits a flood and recovers', async () => {
    const socket = open();
    await next(socket, 'welcome');
    const errors: ErrorMessage[] = [];
    socket.on('error', (e) => errors.push(e));
    let pongs = 0;
    socket.on('pong', () => (pongs += 1));
    const sent = MESSAGE_LIMITS.burst + 50;
    for (let i = 0; i < sent; i++) socket.emit('ping', { type: 'ping', id: i, sentAt: 0 });
    await new Promise<void>((resolve) => {
      const check = () => (pongs + errors.length >= sent ? resolve() : setTimeout(check, 5));
      check();
    });
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((e) => e.code === 'rate-limited')).toBe(true);
    expect(pongs).toBeGreaterThanOrEqual(MESSAGE_LIMITS.burst);
    expect(socket.connected).toBe(true);
  });
});

describe('http', () => {
  it('answers /healthz', async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', protocolVersion: PROTOCOL_VERSION });
  });
});
