import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Server, type Socket as ServerSocket } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import type { WebSocket } from 'ws';
import { SOCKET_PARSER_OPTIONS } from '../shared/socket/socketParserOptions.ts';

// A real Socket.IO server on an ephemeral loopback port and real socket.io-clients, both with
// Pairlane's parser (shared/socket/oneFrameParser.ts): the frames on the wire are what is tested.

type Transport = 'websocket' | 'polling';
interface Frame {
  binary: boolean;
  bytes: number;
}

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

/** A server that answers `room-sync` with the same bytes, to the sender and as a broadcast to everyone. */
async function startEchoServer(transports: Transport[] = ['websocket']): Promise<{ url: string; io: Server; received: unknown[] }> {
  const httpServer = http.createServer();
  const io = new Server(httpServer, { ...SOCKET_PARSER_OPTIONS, transports, serveClient: false });
  const received: unknown[] = [];
  io.on('connection', (socket) => {
    socket.on('room-sync', (message: { roomId: string; data: Uint8Array }, ack?: (answer: unknown) => void) => {
      received.push(message.data);
      if (ack) ack({ ok: true, data: message.data });
      else io.emit('room-sync', { type: 'room-sync', roomId: message.roomId, data: message.data });
    });
  });
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise<void>((resolve) => io.close(() => resolve())));
  return { url: `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`, io, received };
}

async function open(url: string, options: { transports?: Transport[]; stock?: boolean } = {}): Promise<Socket> {
  const socket = connect(url, { ...(options.stock ? {} : SOCKET_PARSER_OPTIONS), transports: options.transports ?? ['websocket'], reconnection: false, forceNew: true });
  closers.push(async () => void socket.disconnect());
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  return socket;
}

/** Every WebSocket frame a client receives from now on (its engine.io transport's raw `ws`). */
function clientFrames(socket: Socket): Frame[] {
  const ws = (socket.io.engine.transport as unknown as { ws: WebSocket }).ws;
  const frames: Frame[] = [];
  ws.on('message', (data: Buffer, binary: boolean) => frames.push({ binary, bytes: data.byteLength }));
  return frames;
}

/** Every WebSocket frame the server receives on one connection from now on. */
function serverFrames(socket: ServerSocket): Frame[] {
  const ws = (socket.conn.transport as unknown as { socket: WebSocket }).socket;
  const frames: Frame[] = [];
  ws.on('message', (data: Buffer, binary: boolean) => frames.push({ binary, bytes: data.byteLength }));
  return frames;
}

function nextEvent<T>(socket: Socket, event: string): Promise<T> {
  return new Promise((resolve) => socket.once(event, resolve));
}

const update = Uint8Array.of(1, 2, 3, 250, 0, 7);

describe('one WebSocket frame per Socket.IO message with binary', () => {
  it('carries a room-sync with bytes as one binary frame each way, and hands the server a Buffer', async () => {
    const server = await startEchoServer();
    const client = await open(server.url);
    const [serverSide] = await server.io.fetchSockets();
    const inbound = serverFrames(server.io.sockets.sockets.get(serverSide!.id)!);
    const outbound = clientFrames(client);

    const echoed = nextEvent<{ roomId: string; data: unknown }>(client, 'room-sync');
    client.emit('room-sync', { type: 'room-sync', roomId: 'r1', data: update, ackId: 1 });
    const message = await echoed;

    expect(message.roomId).toBe('r1');
    expect(message.data).toBeInstanceOf(Uint8Array);
    expect([...(message.data as Uint8Array)]).toEqual([...update]);
    expect(Buffer.isBuffer(server.received[0])).toBe(true);
    expect([...(server.received[0] as Buffer)]).toEqual([...update]);
    expect(inbound).toEqual([{ binary: true, bytes: expect.any(Number) }]);
    expect(outbound).toEqual([{ binary: true, bytes: expect.any(Number) }]);
  });

  it('sends a keystroke as a compact event (no JSON header) and keeps its place among text events', async () => {
    const server = await startEchoServer();
    const order: string[] = [];
    server.io.on('connection', (socket) => socket.on('note', (text: string) => order.push(text)));
    const client = await open(server.url);
    const [serverSide] = await server.io.fetchSockets();
    const serverSocket = server.io.sockets.sockets.get(serverSide!.id)!;
    serverSocket.on('room-sync', () => order.push('sync'));
    const inbound = serverFrames(serverSocket);
    const outbound = clientFrames(client);

    const echoed = nextEvent<{ roomId: string; data: unknown }>(client, 'room-sync');
    client.emit('note', 'before');
    client.emit('room-sync', { type: 'room-sync', roomId: 'r1', data: update, ackId: 7 });
    client.emit('note', 'after');
    const message = await echoed;
    await new Promise((resolve) => setTimeout(resolve, 50));

    // marker, event, flags, id length; "r1"; the ackId as 8 bytes; the update. Back without an ackId.
    expect(inbound.filter((frame) => frame.binary)).toEqual([{ binary: true, bytes: 4 + 2 + 8 + update.byteLength }]);
    expect(outbound).toEqual([{ binary: true, bytes: 4 + 2 + update.byteLength }]);
    expect(message).toEqual({ type: 'room-sync', roomId: 'r1', data: expect.any(Uint8Array) });
    expect(order).toEqual(['before', 'sync', 'after']);
  });

  it('carries binary in an ack as one frame', async () => {
    const server = await startEchoServer();
    const client = await open(server.url);
    const frames = clientFrames(client);
    const answer = (await client.timeout(5_000).emitWithAck('room-sync', { roomId: 'r1', data: update })) as { ok: boolean; data: Uint8Array };
    expect(answer.ok).toBe(true);
    expect([...answer.data]).toEqual([...update]);
    expect(frames).toEqual([{ binary: true, bytes: expect.any(Number) }]);
  });

  it('leaves text messages as one text frame', async () => {
    const server = await startEchoServer();
    server.io.on('connection', (socket) => socket.on('hello', (text: string) => socket.emit('hello', `${text}!`)));
    const client = await open(server.url);
    const frames = clientFrames(client);
    const answer = nextEvent<string>(client, 'hello');
    client.emit('hello', 'Zoë');
    expect(await answer).toBe('Zoë!');
    expect(frames).toEqual([{ binary: false, bytes: Buffer.byteLength('42["hello","Zoë!"]') }]);
  });

  it("still accepts a stock socket.io client's two-frame binary, but a stock client cannot read a packed frame", async () => {
    const server = await startEchoServer();
    server.io.on('connection', (socket) => socket.on('stock-sync', (message: { data: Uint8Array }, ack: (answer: unknown) => void) => ack({ bytes: [...message.data] })));
    const stock = await open(server.url, { stock: true });
    const [serverSide] = await server.io.fetchSockets();
    const inbound = serverFrames(server.io.sockets.sockets.get(serverSide!.id)!);
    const answer = (await stock.timeout(5_000).emitWithAck('stock-sync', { roomId: 'r1', data: update })) as { bytes: number[] };
    expect(answer.bytes).toEqual([...update]);
    expect(inbound.map((frame) => frame.binary)).toEqual([false, true]);

    // Why PROTOCOL_VERSION changed with the parser: a stock client drops the connection on the packed answer.
    const dropped = nextEvent<string>(stock, 'disconnect');
    stock.emit('room-sync', { roomId: 'r1', data: update });
    expect(await dropped).toBe('parse error');
  });

  it('works over long-polling too (engine.io base64-encodes the packed frame)', async () => {
    const server = await startEchoServer(['polling']);
    const client = await open(server.url, { transports: ['polling'] });
    const echoed = nextEvent<{ data: unknown }>(client, 'room-sync');
    client.emit('room-sync', { type: 'room-sync', roomId: 'r1', data: update });
    const message = await echoed;
    expect(message.data).toBeInstanceOf(Uint8Array);
    expect([...(message.data as Uint8Array)]).toEqual([...update]);
    expect([...(server.received[0] as Buffer)]).toEqual([...update]);
  });

  it('closes only the connection that sends a malformed frame; the server stays up for the others', async () => {
    const server = await startEchoServer();
    const bystander = await open(server.url);
    const serverError = new Promise<Error>((resolve) => server.io.once('connection', (socket) => socket.once('error', resolve)));
    const culprit = await open(server.url);
    const dropped = nextEvent<string>(culprit, 'disconnect');
    const ws = (culprit.io.engine.transport as unknown as { ws: WebSocket }).ws;
    // A packed frame whose header claims more bytes than the frame holds.
    ws.send(Uint8Array.of(0xb1, 0, 0, 1, 0, 0x35));
    expect(await dropped).toBe('transport close');
    // The decoder threw, as socket.io-parser does on a bad packet; Socket.IO closed this connection.
    expect((await serverError).message).toBe('one-frame packet: the header runs past the end of the frame');
    expect(server.received).toEqual([]);

    // A compact event that breaks its layout is refused the same way.
    const compactError = new Promise<Error>((resolve) => server.io.once('connection', (socket) => socket.once('error', resolve)));
    const second = await open(server.url);
    const secondDropped = nextEvent<string>(second, 'disconnect');
    (second.io.engine.transport as unknown as { ws: WebSocket }).ws.send(Uint8Array.of(0xb2, 9, 0, 1, 0x72));
    expect(await secondDropped).toBe('transport close');
    expect((await compactError).message).toBe('compact event: unknown event 9');
    expect(server.received).toEqual([]);

    const answer = (await bystander.timeout(5_000).emitWithAck('room-sync', { roomId: 'r1', data: update })) as { ok: boolean };
    expect(answer.ok).toBe(true);
    const late = await open(server.url);
    expect((await late.timeout(5_000).emitWithAck('room-sync', { roomId: 'r2', data: update })) as { ok: boolean }).toMatchObject({ ok: true });
  });
});
