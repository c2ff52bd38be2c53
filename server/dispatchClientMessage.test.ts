import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Server } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import { clientMessageSchemas, type CancelMessage, type ClientToServerEvents, type QuickEditMessage, type SuggestMessage } from '../shared/clientMessage.ts';
import { PROTOCOL_VERSION } from '../shared/protocolVersion.ts';
import type { ErrorMessage, ServerToClientEvents } from '../shared/serverMessage.ts';
import { createServer, type PairlaneServer } from './createServer.ts';
import { createLaneProviders } from './lanes/createLaneProviders.ts';
import { readLanesConfig } from './lanes/readLanesConfig.ts';
import { startScriptedModelServer } from './testing/scriptedModelServer/startScriptedModelServer.ts';
import { dispatchClientMessage, type ClientMessageHandlers } from './dispatchClientMessage.ts';
import { InboundMessageLimit } from './InboundMessageLimit.ts';
import { MESSAGE_LIMITS, TRANSPORT_MAX_BYTES } from './messageLimits.ts';
import { SOCKET_PARSER_OPTIONS } from '../shared/socket/socketParserOptions.ts';

// Real Socket.IO servers on ephemeral loopback ports and real clients: what a hostile or broken
// client can send arrives exactly as it would in production.

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const closers: (() => Promise<void>)[] = [];
const sockets: ClientSocket[] = [];

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.disconnect();
  for (const close of closers.splice(0)) await close();
});

function open(url: string): Promise<ClientSocket> {
  const socket: ClientSocket = connect(url, { ...SOCKET_PARSER_OPTIONS, transports: ['websocket'], auth: { protocolVersion: PROTOCOL_VERSION }, reconnection: false, forceNew: true });
  sockets.push(socket);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

/** Sends an arbitrary event, as a hostile or outdated client could. */
function emitRaw(socket: ClientSocket, event: string, ...args: unknown[]): void {
  (socket as unknown as { emit(event: string, ...args: unknown[]): void }).emit(event, ...args);
}

function nextError(socket: ClientSocket): Promise<ErrorMessage> {
  return new Promise((resolve) => socket.once('error', resolve));
}

function suggest(requestId: string, prefix = 'const x = '): SuggestMessage {
  return { type: 'suggest', requestId, path: 'src/main.ts', context: { kind: 'windows', prefix, suffix: ';\n' }, trigger: 'auto' };
}

/** A handler for every message type that does nothing. */
const ignoreAll = Object.fromEntries(Object.keys(clientMessageSchemas).map((type) => [type, () => {}])) as unknown as ClientMessageHandlers;

/**
 * A Socket.IO server whose every inbound event goes through dispatchClientMessage with the
 * connection's InboundMessageLimit, and whose handlers only record what reached them.
 */
async function startDispatchingServer(): Promise<{ url: string; handled: { suggest: string[]; cancel: string[] } }> {
  const httpServer = http.createServer();
  const io = new Server<ClientToServerEvents, ServerToClientEvents>(httpServer, { ...SOCKET_PARSER_OPTIONS, transports: ['websocket'], maxHttpBufferSize: TRANSPORT_MAX_BYTES });
  const handled = { suggest: [] as string[], cancel: [] as string[] };
  io.on('connection', (socket) => {
    const limit = new InboundMessageLimit();
    socket.onAny((event: string, ...args: unknown[]) => {
      void dispatchClientMessage(
        event,
        args,
        {
          ...ignoreAll,
          suggest: (message) => void handled.suggest.push(message.requestId),
          cancel: (message) => void handled.cancel.push(message.requestId),
        },
        limit,
      ).then((error) => {
        if (error) socket.emit('error', error);
      });
    });
  });
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise<void>((resolve) => io.close(() => resolve())));
  return { url: `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`, handled };
}

async function until(probe: () => boolean, what: () => string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what()}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('the rate limit', () => {
  it('never drops a cancel that follows a flood of other messages', async () => {
    const { url, handled } = await startDispatchingServer();
    const socket = await open(url);
    const errors: ErrorMessage[] = [];
    socket.on('error', (error) => errors.push(error));
    const flood = MESSAGE_LIMITS.burst + 50;
    for (let i = 0; i < flood; i++) socket.emit('suggest', suggest(`s${i}`));
    const cancel: CancelMessage = { type: 'cancel', requestId: 's0', reason: 'typed-over' };
    socket.emit('cancel', cancel);
    await until(() => handled.cancel.length === 1 && handled.suggest.length + errors.length >= flood, () => `the cancel and every answer (cancels ${handled.cancel.length}, suggests ${handled.suggest.length}, errors ${errors.length})`);
    expect(handled.cancel).toEqual(['s0']);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((e) => e.code === 'rate-limited' && e.refused === 'suggest')).toBe(true);
    expect(socket.connected).toBe(true);
  });

  it('still bounds a flood of cancels, on their own allowance', async () => {
    const { url, handled } = await startDispatchingServer();
    const socket = await open(url);
    const errors: ErrorMessage[] = [];
    socket.on('error', (error) => errors.push(error));
    const flood = MESSAGE_LIMITS.stopBurst + 50;
    for (let i = 0; i < flood; i++) socket.emit('cancel', { type: 'cancel', requestId: `c${i}` });
    await until(() => handled.cancel.length + errors.length >= flood, () => 'every cancel answered or refused');
    expect(handled.cancel.length).toBeGreaterThanOrEqual(MESSAGE_LIMITS.stopBurst);
    expect(handled.cancel.length).toBeLessThan(flood);
    expect(errors[0]).toMatchObject({ code: 'rate-limited', refused: 'cancel' });
    expect(errors[0]!.message).toMatch(/cancel and interrupt messages per second/);
    // Other messages still have their whole allowance.
    socket.emit('suggest', suggest('after'));
    await until(() => handled.suggest.includes('after'), () => 'a suggest after the cancel flood');
  });
});

describe('the rate limit, through the real server and relay', () => {
  it('lets a cancel sent after a flood abort the model call', async () => {
    const upstream = await startScriptedModelServer();
    closers.push(() => upstream.close());
    // The answer streams for a minute unless the cancel gets through.
    upstream.enqueue({ tokens: Array.from({ length: 60 }, (_, i) => ` t${i}`), tokensPerSecond: 1 });
    const lanes = readLanesConfig(
      { PAIRLANE_FAST_PROVIDER: 'openai-chat', PAIRLANE_FAST_BASE_URL: upstream.baseURL, PAIRLANE_FAST_MODEL: 'scripted-model' },
      { findLocalModel: () => undefined },
    );
    const providers = await createLaneProviders(lanes);
    closers.push(() => providers.close());
    const server = await createServer({ host: '127.0.0.1', port: 0, ai: { lanes, fastProvider: providers.fast } });
    closers.unshift(() => server.close());
    const socket = await open(server.url);
    const errors: ErrorMessage[] = [];
    socket.on('error', (error) => errors.push(error));

    socket.emit('suggest', suggest('long'));
    const request = await upstream.nextRequest();
    for (let i = 0; i < MESSAGE_LIMITS.burst + 50; i++) socket.emit('ping', { type: 'ping', id: i, sentAt: 0 });
    socket.emit('cancel', { type: 'cancel', requestId: 'long', reason: 'cancelled' });

    const settled = await request.settled;
    expect(settled.outcome).toBe('aborted');
    // The refusals of the flood may still be on their way when the abort has already happened.
    await expect.poll(() => errors.some((e) => e.code === 'rate-limited' && e.refused === 'ping'), { timeout: 10_000 }).toBe(true);
    expect(errors.some((e) => e.refused === 'cancel')).toBe(false);
  });
});

describe('bad input through the real server', () => {
  let server: PairlaneServer;

  async function openReal(): Promise<ClientSocket> {
    server = await createServer({ host: '127.0.0.1', port: 0 });
    closers.push(() => server.close());
    return open(server.url);
  }

  it('refuses an oversized suggest with a typed error naming its request, and keeps the connection', async () => {
    const socket = await openReal();
    socket.emit('suggest', suggest('big', 'x'.repeat(MESSAGE_LIMITS.maxMessageBytes)));
    const error = await nextError(socket);
    expect(error).toMatchObject({ code: 'too-large', refused: 'suggest', requestId: 'big' });
    expect(socket.connected).toBe(true);
  });

  it('refuses a malformed quick-edit with the issue, naming its request', async () => {
    const socket = await openReal();
    const message: QuickEditMessage = {
      type: 'quick-edit',
      requestId: 'qe1',
      path: 'src/main.ts',
      text: 'const a = 1;\n',
      selection: { start: 5, end: 500 },
      instruction: 'rename a',
      turns: [],
    };
    socket.emit('quick-edit', message);
    const error = await nextError(socket);
    expect(error).toMatchObject({ code: 'invalid-message', refused: 'quick-edit', requestId: 'qe1' });
    expect(error.issues?.join('\n')).toMatch(/selection/);
    emitRaw(socket, 'quick-edit', { type: 'quick-edit', requestId: 'qe2', path: '', text: 1 });
    const second = await nextError(socket);
    expect(second).toMatchObject({ code: 'invalid-message', requestId: 'qe2' });
    expect(second.issues?.join('\n')).toMatch(/path/);
    expect(second.issues?.join('\n')).toMatch(/text/);
    expect(socket.connected).toBe(true);
  });

  it('refuses an unknown event with a long name by a bounded name', async () => {
    const socket = await openReal();
    emitRaw(socket, 'x'.repeat(10_000), {});
    const error = await nextError(socket);
    expect(error.code).toBe('unknown-message');
    expect(error.refused).toHaveLength(64);
  });
});
