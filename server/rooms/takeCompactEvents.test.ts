import { randomBytes } from 'node:crypto';
import { io as connect } from 'socket.io-client';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { PROTOCOL_VERSION } from '../../shared/protocolVersion.ts';
import { COMPACT_EVENT_LAYOUT } from '../../shared/socket/compactEvent.ts';
import { SOCKET_PARSER_OPTIONS } from '../../shared/socket/socketParserOptions.ts';
import type { RoomStore } from '../store/RoomStore.ts';
import { connectRoomClient, type RoomTestClient } from './testing/connectRoomClient.ts';
import { startPgliteRoomServer } from './testing/startPgliteRoomServer.ts';
import type { RoomServer } from './testing/startRoomServer.ts';
import { waitForDoc } from './testing/waitForDoc.ts';

// A real Socket.IO server with the rooms attached (PGlite store), real socket.io-clients with
// Pairlane's parser, and a stock socket.io-client for the one case that needs it.
let server: RoomServer & { store: RoomStore };
const secret = randomBytes(32);
/** Every event Socket.IO itself dispatched to a socket on the server, by name. */
const dispatched: string[] = [];
const clients: RoomTestClient[] = [];

beforeAll(async () => {
  server = await startPgliteRoomServer({ secret, graceMs: 5_000 });
  server.io.on('connection', (socket) => socket.onAny((event: string) => dispatched.push(event)));
}, 120_000);
afterAll(() => server.close(), 60_000);
afterEach(() => {
  for (const client of clients.splice(0)) client.close();
  dispatched.length = 0;
});

async function joinedPair() {
  const room = await server.rooms.createRoom({ hostName: 'Ada', guestName: 'Grace' });
  const host = connectRoomClient(server.url, { roomId: room.roomId, token: room.host.token });
  const guest = connectRoomClient(server.url, { roomId: room.roomId, token: room.guest.token });
  clients.push(host, guest);
  await Promise.all([host.join(), guest.join()]);
  return { room, host, guest };
}

/** A socket.io-client with Pairlane's parser, or with Socket.IO's own (`stock`) where a test needs one. */
function openSocket(options: { stock: boolean }) {
  return connect(server.url, { ...(options.stock ? {} : SOCKET_PARSER_OPTIONS), transports: ['websocket'], reconnection: false, forceNew: true, auth: { protocolVersion: PROTOCOL_VERSION } });
}

/** A y-protocols update message for one insertion into `main.ts` of a scratch document. */
function updateFrame(text: string): Uint8Array {
  const doc = new Y.Doc();
  let update: Uint8Array = new Uint8Array();
  doc.on('update', (u: Uint8Array) => (update = u));
  doc.getMap<Y.Text>('files').set('main.ts', new Y.Text(text));
  const encoder = encoding.createEncoder();
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

describe('compact keystroke events below Socket.IO', () => {
  it('a keystroke reaches the room, is stored and acknowledged, and Socket.IO never dispatches it', async () => {
    const { host, guest } = await joinedPair();
    const text = host.doc.getMap<Y.Text>('files');
    host.doc.transact(() => text.set('main.ts', new Y.Text('const a = 1;')));
    await waitForDoc(guest.doc, () => guest.doc.getMap<Y.Text>('files').get('main.ts')?.toString() === 'const a = 1;');
    // The cursor moved too: awareness takes the same way.
    host.awareness.setLocalStateField('cursor', { line: 1 });
    await guest.next('room-awareness');
    await expect.poll(() => host.sync.unacknowledged).toBe(0);
    expect(dispatched).toContain('room-join');
    expect(dispatched).not.toContain('room-sync');
    expect(dispatched).not.toContain('room-awareness');
  });

  it('keeps the order of events that came in one read: a leave, then a keystroke, refuses the keystroke', async () => {
    const { room, host } = await joinedPair();
    const refused = host.next('room-error');
    // Both leave in the same tick, so they travel together; the leave is text, the sync compact.
    host.emit({ type: 'room-leave', roomId: room.roomId });
    host.emit({ type: 'room-sync', roomId: room.roomId, data: updateFrame('late'), ackId: 99 });
    const error = await refused;
    expect(error).toMatchObject({ code: 'not-in-room', refused: 'room-sync', ackId: 99 });
    expect(host.received.some((message) => message.type === 'room-ack' && message.ackId === 99)).toBe(false);
  });

  it("leaves a stock client's attachment to Socket.IO, even one laid out as a compact event", async () => {
    const { room } = await joinedPair();
    // A stock client sends a binary event as a text header, then the bytes as a frame of their own.
    const stock = openSocket({ stock: true });
    try {
      await new Promise<void>((resolve, reject) => stock.once('connect', resolve).once('connect_error', reject));
      // These bytes are also a valid compact room-sync (marker, event 0, no flags, a 1-character room id).
      const lookalike = Uint8Array.from([COMPACT_EVENT_LAYOUT.marker, 0, 0, 1, 0x78, 1, 2, 3]);
      const refused = new Promise<unknown>((resolve) => stock.once('room-error', resolve));
      stock.emit('room-awareness', { type: 'room-awareness', roomId: room.roomId, data: lookalike });
      // Socket.IO rebuilt the awareness event with its attachment (this connection is in no room).
      expect(await refused).toMatchObject({ code: 'not-in-room', refused: 'room-awareness', roomId: room.roomId });
      expect(dispatched).toContain('room-awareness');
      expect(stock.connected).toBe(true);
    } finally {
      stock.disconnect();
    }
  });

  it('leaves a malformed compact frame to Socket.IO, which closes that connection only', async () => {
    const { host, guest } = await joinedPair();
    const closed = new Promise<string>((resolve) => host.socket.once('disconnect', resolve));
    // An unknown flag: the layout's decoder refuses it.
    host.socket.io.engine.write(Uint8Array.from([COMPACT_EVENT_LAYOUT.marker, 0, 0b100, 1, 0x78, 0]));
    expect(await closed).toBe('transport close');
    const text = guest.doc.getMap<Y.Text>('files');
    guest.doc.transact(() => text.set('main.ts', new Y.Text('still here')));
    await expect.poll(() => guest.sync.unacknowledged).toBe(0);
    expect(guest.socket.connected).toBe(true);
  });
});
