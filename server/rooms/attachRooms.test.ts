import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { ROOM_LIMITS } from '../../shared/roomMessage.ts';
import type { RoomStore } from '../store/RoomStore.ts';
import type { RoomRefusalRecord } from './Room.ts';
import { signRoomToken } from './roomToken.ts';
import { ManualClock } from '../deep/testing/ManualClock.ts';
import { connectRoomClient, type RoomTestClient } from './testing/connectRoomClient.ts';
import { startPgliteRoomServer } from './testing/startPgliteRoomServer.ts';
import { startRoomServer, type RoomServer } from './testing/startRoomServer.ts';
import { waitForDoc } from './testing/waitForDoc.ts';

// A real Socket.IO server on an ephemeral port, real socket.io-clients and a real (PGlite) store.
let store: RoomStore;
let server: RoomServer & { store: RoomStore };
const secret = randomBytes(32);
const clock = new ManualClock();
// Tokens carry epoch seconds: the test clock starts at the real time, then moves only when told.
clock.advance(Date.now());
const refusals: RoomRefusalRecord[] = [];
const clients: RoomTestClient[] = [];

beforeAll(async () => {
  server = await startPgliteRoomServer({ secret, clock, graceMs: 5_000, onRefused: (record) => refusals.push(record) });
  store = server.store;
}, 120_000);
afterAll(() => server.close(), 60_000);
afterEach(() => {
  for (const client of clients.splice(0)) client.close();
});

function client(roomId: string, token: string, doc?: Y.Doc): RoomTestClient {
  const created = connectRoomClient(server.url, { roomId, token }, doc);
  clients.push(created);
  return created;
}

async function newRoom() {
  return server.rooms.createRoom({ hostName: 'Ada', guestName: 'Grace', observerName: 'Olive' });
}

function file(doc: Y.Doc, path = 'main.ts'): Y.Text {
  const files = doc.getMap<Y.Text>('files');
  let text = files.get(path);
  if (!text) {
    text = new Y.Text();
    files.set(path, text);
  }
  return text;
}

function textOf(doc: Y.Doc, path = 'main.ts'): string {
  return doc.getMap<Y.Text>('files').get(path)?.toString() ?? '';
}

/** An update frame (y-protocols messageYjsUpdate) for a change made on a scratch document. */
function updateFrame(edit: (doc: Y.Doc) => void): Uint8Array {
  const doc = new Y.Doc();
  let update: Uint8Array = new Uint8Array();
  doc.on('update', (u: Uint8Array) => (update = u));
  edit(doc);
  const encoder = encoding.createEncoder();
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

describe('rooms over Socket.IO', () => {
  it('a client creates a room over the socket and gets host, guest and observer invites', async () => {
    const anyone = client('unused', 'unused');
    anyone.emit({ type: 'room-create', requestId: 'c1', hostName: 'Ada' });
    const created = await anyone.next('room-created');
    expect(created.requestId).toBe('c1');
    expect([created.host.role, created.guest.role, created.observer.role]).toEqual(['host', 'guest', 'observer']);
    expect(created.guest.link).toBe(`/?room=${created.roomId}#token=${created.guest.token}`);
    expect(await store.getRoom(created.roomId)).toMatchObject({ hostName: 'Ada', hostId: created.host.personId });
  });

  it('limits how many rooms one connection creates a minute', async () => {
    const anyone = client('unused', 'unused');
    for (let i = 0; i < 5; i++) anyone.emit({ type: 'room-create', requestId: `r${i}`, hostName: 'Ada' });
    const refused = anyone.next('room-error');
    anyone.emit({ type: 'room-create', requestId: 'r5', hostName: 'Ada' });
    expect(await refused).toMatchObject({ code: 'rate-limited', requestId: 'r5' });
    clock.advance(12_000);
    // The first five may still be answered after this point: wait for r6's own answer.
    const created = new Promise<string>((resolve) => anyone.socket.on('room-created', (message) => message.requestId === 'r6' && resolve(message.requestId)));
    anyone.emit({ type: 'room-create', requestId: 'r6', hostName: 'Ada' });
    expect(await created).toBe('r6');
  });

  it('after one of its updates was dropped by the rate limit, a connection gets no ack until it resyncs (an ack promises every earlier edit)', async () => {
    const room = await newRoom();
    const host = connectRoomClient(server.url, { roomId: room.roomId, token: room.host.token }, new Y.Doc(), { rejoinOnResync: false });
    clients.push(host);
    await host.join();
    // Frames of one writer, each depending on the one before, sent raw (past the client's own sync).
    const writer = new Y.Doc();
    const frames: Uint8Array[] = [];
    writer.on('update', (update: Uint8Array) => {
      const encoder = encoding.createEncoder();
      syncProtocol.writeUpdate(encoder, update);
      frames.push(encoding.toUint8Array(encoder));
    });
    for (let i = 0; i < 420; i++) file(writer).insert(file(writer).length, `${i % 10}`);
    const acks = new Set<number>();
    const refusedAcks = new Set<number>();
    host.socket.on('room-ack', (message: { ackId: number; earlier?: number[] }) => {
      for (const ackId of [...(message.earlier ?? []), message.ackId]) acks.add(ackId);
    });
    host.socket.on('room-error', (message: { code: string; ackId?: number }) => {
      if (message.code === 'rate-limited' && message.ackId !== undefined) refusedAcks.add(message.ackId);
    });
    frames.forEach((data, ackId) => host.emit({ type: 'room-sync', roomId: room.roomId, data, ackId }));
    await expect.poll(() => acks.size + refusedAcks.size, { timeout: 20_000 }).toBe(frames.length);
    expect(refusedAcks.size).toBeGreaterThan(0);

    // The limit has refilled, but the next update depends on a dropped one: refused, not acknowledged.
    clock.advance(10_000);
    file(writer).insert(file(writer).length, '!');
    const next = frames.length - 1;
    host.emit({ type: 'room-sync', roomId: room.roomId, data: frames[next]!, ackId: 1000 });
    await expect.poll(() => refusedAcks.has(1000) || acks.has(1000), { timeout: 15_000 }).toBe(true);
    expect(acks.has(1000)).toBe(false);

    // A resync (step 2: everything the client has) closes the gap and is acknowledged.
    const encoder = encoding.createEncoder();
    syncProtocol.writeSyncStep2(encoder, writer);
    host.emit({ type: 'room-sync', roomId: room.roomId, data: encoding.toUint8Array(encoder), ackId: 1001 });
    await expect.poll(() => acks.has(1001), { timeout: 15_000 }).toBe(true);
    const newcomer = client(room.roomId, room.guest.token);
    await newcomer.join();
    await waitForDoc(newcomer.doc, () => textOf(newcomer.doc) === textOf(writer), 10_000);
  }, 60_000);

  it('host and guest join, see each other, and an edit of one reaches the other and is acknowledged once stored', async () => {
    const room = await newRoom();
    const host = client(room.roomId, room.host.token);
    const joined = await host.join();
    expect(joined.you).toEqual({ personId: room.host.personId, name: 'Ada', role: 'host' });
    const guest = client(room.roomId, room.guest.token);
    await guest.join();
    const members = await host.next('room-members', false);
    expect(members.roomId).toBe(room.roomId);

    file(guest.doc).insert(0, 'const answer = 42;\n');
    await guest.sync.whenAcknowledged();
    expect(guest.received.some((message) => message.type === 'room-ack')).toBe(true);
    await waitForDoc(host.doc, () => textOf(host.doc) === 'const answer = 42;\n');
    const stored = new Y.Doc();
    for (const update of await store.loadUpdates(room.roomId)) Y.applyUpdate(stored, update);
    expect(textOf(stored)).toBe('const answer = 42;\n');
  });

  it('edits made before joining reach the room through the sync step 2, and are acknowledged', async () => {
    const room = await newRoom();
    const host = client(room.roomId, room.host.token);
    await host.join();
    const offline = new Y.Doc();
    file(offline).insert(0, 'written offline\n');
    const guest = client(room.roomId, room.guest.token, offline);
    await guest.join();
    await guest.sync.whenAcknowledged();
    await waitForDoc(host.doc, () => textOf(host.doc) === 'written offline\n');
  });

  it('refuses a forged, an expired and another room’s token with typed reasons, and logs each', async () => {
    const room = await newRoom();
    const other = await newRoom();
    const forged = signRoomToken(randomBytes(32), { room: room.roomId, role: 'host', sub: 'p-x', name: 'Mallory', iat: 0, exp: 4_000_000_000 });
    const expired = signRoomToken(secret, { room: room.roomId, role: 'guest', sub: 'p-y', name: 'Late', iat: 0, exp: Math.floor(clock.now() / 1000) - 1 });
    const cases = [
      [forged, 'bad-signature'],
      [expired, 'expired'],
      [other.guest.token, 'other-room'],
      ['not a token', 'malformed'],
    ] as const;
    for (const [token, reason] of cases) {
      const intruder = client(room.roomId, token);
      await expect(intruder.join()).rejects.toThrow(`bad-token ${reason}`);
      expect(refusals.at(-1)).toMatchObject({ roomId: room.roomId, code: 'bad-token', reason });
    }
  });

  it('an unknown room is room-not-found, even with a valid signature', async () => {
    const token = signRoomToken(secret, { room: 'nowhere', role: 'guest', sub: 'p-z', name: 'Zed', iat: 0, exp: 4_000_000_000 });
    await expect(client('nowhere', token).join()).rejects.toThrow('room-not-found');
  });

  it('an observer gets the document but its edit is refused, logged, and the room goes on', async () => {
    const room = await newRoom();
    const host = client(room.roomId, room.host.token);
    await host.join();
    file(host.doc).insert(0, 'hello');
    await host.sync.whenAcknowledged();
    const observer = client(room.roomId, room.observer.token);
    await observer.join();
    await waitForDoc(observer.doc, () => textOf(observer.doc) === 'hello');

    const refused = observer.next('room-error');
    observer.emit({ type: 'room-sync', roomId: room.roomId, data: updateFrame((doc) => file(doc).insert(0, 'x')), ackId: 77 });
    expect(await refused).toMatchObject({ code: 'forbidden', reason: 'observer-read-only', ackId: 77, refused: 'room-sync' });
    // The observer's own client never sends its local changes.
    file(observer.doc).insert(0, 'ignored ');
    expect(observer.sync.unacknowledged).toBe(0);

    file(host.doc).insert(5, ', world');
    await host.sync.whenAcknowledged();
    await waitForDoc(observer.doc, () => textOf(observer.doc).endsWith('hello, world'));
    await server.rooms.registry.open(room.roomId).then((loaded) => loaded?.settled());
    const log = await store.listEvents(room.roomId);
    expect(log.find((event) => event.kind === 'refused')).toMatchObject({ personId: room.observer.personId, payload: { event: 'room-sync', code: 'forbidden', reason: 'observer-read-only' } });
  });

  it('refuses an oversized update and a malformed one with typed errors; the room goes on', async () => {
    const room = await newRoom();
    const guest = client(room.roomId, room.guest.token);
    await guest.join();
    const tooLarge = guest.next('room-error');
    guest.emit({ type: 'room-sync', roomId: room.roomId, data: new Uint8Array(ROOM_LIMITS.maxSyncBytes + 10), ackId: 5 });
    expect(await tooLarge).toMatchObject({ code: 'too-large', refused: 'room-sync', ackId: 5 });
    const malformed = guest.next('room-error');
    guest.emit({ type: 'room-sync', roomId: room.roomId, data: new Uint8Array([2, 5, 1, 2]), ackId: 6 });
    expect(await malformed).toMatchObject({ code: 'invalid-message', ackId: 6 });
    const wrongShape = guest.next('room-error');
    guest.emit({ type: 'room-sync', roomId: room.roomId, data: 'not bytes' });
    expect(await wrongShape).toMatchObject({ code: 'invalid-message', refused: 'room-sync' });
    file(guest.doc).insert(0, 'still fine');
    await guest.sync.whenAcknowledged();
  });

  it('a message for a room the connection has not joined is refused as not-in-room', async () => {
    const room = await newRoom();
    const other = await newRoom();
    const guest = client(room.roomId, room.guest.token);
    await guest.join();
    const refused = guest.next('room-error');
    guest.emit({ type: 'room-sync', roomId: other.roomId, data: updateFrame((doc) => file(doc).insert(0, 'sneak')), ackId: 1 });
    expect(await refused).toMatchObject({ code: 'not-in-room', roomId: other.roomId, ackId: 1 });
    expect(await store.loadUpdates(other.roomId)).toEqual([]);
  });

  it('the host locks editing: a guest’s edit is refused, a resync that changes nothing is not, the host still edits', async () => {
    const room = await newRoom();
    const host = client(room.roomId, room.host.token);
    await host.join();
    const guest = client(room.roomId, room.guest.token);
    await guest.join();
    file(guest.doc).insert(0, 'before the lock. ');
    await guest.sync.whenAcknowledged();

    const policyState = guest.next('room-policy-state');
    host.emit({ type: 'room-policy', roomId: room.roomId, change: { kind: 'lock-editing', locked: true } });
    expect((await policyState).policy.editingLocked).toBe(true);
    expect((await store.getRoom(room.roomId))?.policy.editingLocked).toBe(true);

    const refused = guest.next('room-error');
    file(guest.doc).insert(0, 'after the lock. ');
    expect(await refused).toMatchObject({ code: 'forbidden', reason: 'editing-locked' });

    // A reconnect's step 2 carries the whole delete set; with nothing new in it, it is no edit.
    const fresh = new Y.Doc();
    Y.applyUpdate(fresh, Y.encodeStateAsUpdate(host.doc));
    const again = client(room.roomId, room.guest.token, fresh);
    await again.join();
    await again.sync.whenAcknowledged();

    file(host.doc).insert(0, 'host: ');
    await host.sync.whenAcknowledged();
    await waitForDoc(again.doc, () => textOf(again.doc).startsWith('host: before the lock.'));
  });

  it('only the host changes the policy, sets the AI policy per person, and keeps private notes', async () => {
    const room = await newRoom();
    const host = client(room.roomId, room.host.token);
    await host.join();
    const guest = client(room.roomId, room.guest.token);
    await guest.join();

    const refused = guest.next('room-error');
    guest.emit({ type: 'room-policy', roomId: room.roomId, change: { kind: 'set-ai', personId: room.guest.personId, ai: 'fast+deep' } });
    expect(await refused).toMatchObject({ code: 'forbidden', reason: 'host-only', refused: 'room-policy' });

    const members = guest.next('room-members');
    host.emit({ type: 'room-policy', roomId: room.roomId, change: { kind: 'set-ai', personId: room.guest.personId, ai: 'off' } });
    const listed = (await members).members.find((member) => member.personId === room.guest.personId);
    expect(listed?.ai).toBe('off');

    const notes = host.next('room-notes');
    host.emit({ type: 'room-notes', roomId: room.roomId, text: 'asks good questions' });
    expect(await notes).toMatchObject({ text: 'asks good questions' });
    const guestNotes = guest.next('room-error');
    guest.emit({ type: 'room-notes', roomId: room.roomId });
    expect(await guestNotes).toMatchObject({ code: 'forbidden', reason: 'host-only' });
    const reread = host.next('room-notes');
    host.emit({ type: 'room-notes', roomId: room.roomId });
    expect((await reread).text).toBe('asks good questions');

    const invited = host.next('room-invited');
    host.emit({ type: 'room-invite', requestId: 'i1', roomId: room.roomId, role: 'observer', name: 'Otto' });
    expect((await invited).invite).toMatchObject({ role: 'observer', name: 'Otto' });
    const noInvite = guest.next('room-error');
    guest.emit({ type: 'room-invite', requestId: 'i2', roomId: room.roomId, role: 'guest', name: 'Friend' });
    expect(await noInvite).toMatchObject({ code: 'forbidden', reason: 'host-only' });
  });

  it('checkAction tells the AI handlers what the room policy allows this connection, and logs a refusal', async () => {
    const room = await newRoom();
    const host = client(room.roomId, room.host.token);
    await host.join();
    const guest = client(room.roomId, room.guest.token);
    await guest.join();
    const outsider = client('none', 'none');
    await new Promise<void>((resolve) => (outsider.socket.connected ? resolve() : outsider.socket.once('connect', () => resolve())));
    const serverSocket = (id: string | undefined) => {
      const found = server.io.sockets.sockets.get(id ?? '');
      if (!found) throw new Error('no such socket');
      return found;
    };

    expect(server.rooms.checkAction(serverSocket(guest.socket.id), 'ai-fast', 'suggest')).toEqual({ ok: true });
    expect(server.rooms.checkAction(serverSocket(guest.socket.id), 'ai-deep', 'deep-start')).toEqual({ ok: false, reason: 'deep-lane-off', roomId: room.roomId });
    const state = guest.next('room-policy-state');
    host.emit({ type: 'room-policy', roomId: room.roomId, change: { kind: 'set-ai', personId: room.guest.personId, ai: 'off' } });
    await state;
    const told = guest.next('room-error');
    expect(server.rooms.checkAction(serverSocket(guest.socket.id), 'ai-fast', 'suggest')).toEqual({ ok: false, reason: 'ai-off', roomId: room.roomId });
    expect(await told).toMatchObject({ code: 'forbidden', reason: 'ai-off', refused: 'suggest' });
    expect(server.rooms.checkAction(serverSocket(host.socket.id), 'ai-fast', 'suggest')).toEqual({ ok: true });
    // Someone in no room is not limited by any.
    expect(server.rooms.checkAction(serverSocket(outsider.socket.id), 'ai-deep', 'deep-start')).toEqual({ ok: true });
    await (await server.rooms.registry.open(room.roomId))?.settled();
    expect((await store.listEvents(room.roomId)).some((event) => event.kind === 'refused' && event.personId === room.guest.personId)).toBe(true);
  });

  it('relays awareness with the sender’s client ids, refuses someone else’s, and removes a leaver’s', async () => {
    const room = await newRoom();
    const host = client(room.roomId, room.host.token);
    await host.join();
    const guest = client(room.roomId, room.guest.token);
    await guest.join();

    const seen = host.next('room-awareness');
    guest.awareness.setLocalState({ user: { name: 'Grace' }, cursor: { path: 'main.ts', offset: 3 } });
    await seen;
    expect(host.awareness.getStates().get(guest.doc.clientID)).toMatchObject({ user: { name: 'Grace' } });
    const members = await host.next('room-members', false);
    expect(members.roomId).toBe(room.roomId);

    // The host pretends to be the guest's client.
    const forged = new Y.Doc();
    forged.clientID = guest.doc.clientID;
    const { Awareness, encodeAwarenessUpdate } = await import('y-protocols/awareness');
    const fake = new Awareness(forged);
    fake.setLocalState({ user: { name: 'Not Grace' } });
    const refused = host.next('room-error');
    host.emit({ type: 'room-awareness', roomId: room.roomId, data: encodeAwarenessUpdate(fake, [forged.clientID]) });
    expect(await refused).toMatchObject({ code: 'forbidden', reason: 'awareness-not-yours' });
    fake.destroy();

    const gone = host.next('room-awareness');
    guest.disconnect();
    await gone;
    expect(host.awareness.getStates().has(guest.doc.clientID)).toBe(false);
  });

  it('an empty room is unloaded after the grace period and loads again, with its document, on the next join', async () => {
    const room = await newRoom();
    const host = client(room.roomId, room.host.token);
    await host.join();
    file(host.doc).insert(0, 'kept');
    await host.sync.whenAcknowledged();
    const left = host.next('room-members');
    const guest = client(room.roomId, room.guest.token);
    await guest.join();
    await left;
    guest.disconnect();
    host.disconnect();
    // Wait until the server saw both leave: the room's member count drops to 0.
    const loaded = await server.rooms.registry.open(room.roomId);
    if (!loaded) throw new Error('the room is gone');
    await serverSide(() => loaded.size === 0);
    // open() above cancelled the countdown the last leave started; a release starts it again.
    server.rooms.registry.released(loaded);
    clock.advance(4_999);
    expect(server.rooms.registry.isLoaded(room.roomId)).toBe(true);
    clock.advance(1);
    expect(server.rooms.registry.isLoaded(room.roomId)).toBe(false);

    const back = client(room.roomId, room.guest.token);
    await back.join();
    await waitForDoc(back.doc, () => textOf(back.doc) === 'kept');
  });

  it('logs edits in batches per person, each with its merged update, so replaying the log rebuilds the files', async () => {
    const room = await newRoom();
    const host = client(room.roomId, room.host.token);
    await host.join();
    const guest = client(room.roomId, room.guest.token);
    await guest.join();
    file(host.doc).insert(0, 'one ');
    file(host.doc).insert(4, 'two ');
    await host.sync.whenAcknowledged();
    await waitForDoc(guest.doc, () => textOf(guest.doc) === 'one two ');
    file(guest.doc).insert(8, 'three');
    await guest.sync.whenAcknowledged();
    await waitForDoc(host.doc, () => textOf(host.doc) === 'one two three');
    clock.advance(2_000);
    const loaded = await server.rooms.registry.open(room.roomId);
    await loaded?.settled();
    const edits = (await store.listEvents(room.roomId)).filter((event) => event.kind === 'edit');
    expect(edits.map((event) => event.personId)).toEqual([room.host.personId, room.guest.personId]);
    // The file's creation and both inserts: one batch.
    expect(edits[0]?.payload).toMatchObject({ updates: 3 });
    const replayed = new Y.Doc();
    for (const edit of edits) Y.applyUpdate(replayed, Buffer.from((edit.payload as { update: string }).update, 'base64'));
    expect(textOf(replayed)).toBe('one two three');
  });

  it('a message with an unknown sync kind is refused and the others are not disturbed', async () => {
    const room = await newRoom();
    const guest = client(room.roomId, room.guest.token);
    await guest.join();
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 9);
    encoding.writeVarUint8Array(encoder, new Uint8Array([1]));
    const refused = guest.next('room-error');
    guest.emit({ type: 'room-sync', roomId: room.roomId, data: encoding.toUint8Array(encoder) });
    expect(await refused).toMatchObject({ code: 'invalid-message' });
  });
});

/** Waits for a server-side fact that no client message announces (a disconnect being processed). */
async function serverSide(predicate: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('condition not reached');
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('when the store fails under a room', () => {
  it('nothing more is acknowledged, everyone is told, and their rejoin brings every edit back once the store works', async () => {
    let failing = false;
    // The real store, with appends that fail while `failing` (the database went away).
    const flaky: RoomStore = Object.assign(Object.create(store) as RoomStore, {
      appendUpdate: (roomId: string, update: Uint8Array) => (failing ? Promise.reject(new Error('connection lost')) : store.appendUpdate(roomId, update)),
      appendUpdatesMany: (appends: Parameters<RoomStore['appendUpdatesMany']>[0]) => (failing ? Promise.reject(new Error('connection lost')) : store.appendUpdatesMany(appends)),
    });
    const second = await startRoomServer(flaky, { secret, clock, onRefused: () => undefined });
    try {
      const room = await second.rooms.createRoom({ hostName: 'Ada' });
      const host = connectRoomClient(second.url, { roomId: room.roomId, token: room.host.token });
      const guest = connectRoomClient(second.url, { roomId: room.roomId, token: room.guest.token });
      clients.push(host, guest);
      await host.join();
      await guest.join();
      file(host.doc).insert(0, 'saved. ');
      await host.sync.whenAcknowledged();

      failing = true;
      const told = Promise.all([host.next('room-error'), guest.next('room-error')]);
      file(guest.doc).insert(0, 'lost? ');
      expect((await told).map((error) => error.code)).toEqual(['store-unavailable', 'store-unavailable']);
      expect(guest.sync.unacknowledged).toBeGreaterThan(0);
      expect(second.rooms.registry.isLoaded(room.roomId)).toBe(false);

      // The clients ask to join again (RoomSyncClient's onResyncNeeded); once the store is back, they get in.
      failing = false;
      const rejoined = guest.next('room-joined');
      guest.emit({ type: 'room-join', roomId: room.roomId, token: room.guest.token });
      await rejoined;
      await guest.sync.whenAcknowledged();
      const stored = new Y.Doc();
      for (const update of await store.loadUpdates(room.roomId)) Y.applyUpdate(stored, update);
      expect(textOf(stored)).toBe('lost? saved. ');
    } finally {
      for (const each of clients.splice(0)) each.close();
      await second.close();
    }
  });
});
