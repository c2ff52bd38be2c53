import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import * as Y from 'yjs';
import { createServer, type PairlaneServer } from '../server/createServer.ts';
import { createLaneProviders, type LaneProviders } from '../server/lanes/createLaneProviders.ts';
import { readLanesConfig } from '../server/lanes/readLanesConfig.ts';
import type { RoomStore } from '../server/store/RoomStore.ts';
import { openFreshPgliteStore } from '../server/store/testing/openFreshPgliteStore.ts';
import { readFile, writeFile } from '../shared/workspaceDoc.ts';
import { ServerConnection } from '../client/net/ServerConnection.ts';
import { RoomSession } from '../client/rooms/RoomSession.ts';
import { shareWorkspace } from '../client/rooms/shareWorkspace.ts';

// The page's room plumbing for real, without a browser (a Node test in the e2e suite, the one
// place allowed to import both client/ and server/): ServerConnection (socket.io-client) and
// RoomSession against createServer with rooms on a PGlite store; the server drops connections at
// the transport, as a network would, and the client reconnects by itself.

let server: PairlaneServer;
let store: RoomStore;
let providers: LaneProviders;
const cleanups: Array<() => void> = [];

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  // A fast lane that is configured (so the AI status has something to turn off) but never called.
  const lanes = readLanesConfig({ PAIRLANE_FAST_PROVIDER: 'openai-chat', PAIRLANE_FAST_BASE_URL: 'http://127.0.0.1:9/v1', PAIRLANE_FAST_MODEL: 'm' }, { findLocalModel: () => undefined });
  providers = await createLaneProviders(lanes);
  store = await openFreshPgliteStore();
  server = await createServer({ host: '127.0.0.1', port: 0, ai: { lanes, fastProvider: providers.fast }, rooms: { store, secret: randomBytes(32), onRefused: () => {} } });
});

test.afterAll(async () => {
  await server.close();
  await store.close();
  await providers.close();
});

test.afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function connect(): ServerConnection {
  const connection = new ServerConnection(server.url);
  cleanups.push(() => connection.close());
  return connection;
}

function enter(connection: ServerConnection, roomId: string, token: string, name: string): { session: RoomSession; doc: Y.Doc } {
  const doc = new Y.Doc();
  const session = new RoomSession({ roomId, token, doc, connection, name });
  cleanups.push(() => session.destroy());
  return { session, doc };
}

async function until(check: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Drops every connection at the transport (not a server-side disconnect, which clients do not retry). */
function dropConnections(): void {
  for (const socket of server.io.sockets.sockets.values()) socket.conn.close();
}

test.describe('RoomSession', () => {
  test('shares a workspace: the room holds its files once shareWorkspace resolves, and a guest gets them', async () => {
    const local = new Y.Doc();
    writeFile(local, 'src/main.ts', 'export const answer = 42;\n');
    const hostConnection = connect();
    await until(() => hostConnection.state.status === 'connected', 'the host connection');
    const created = await shareWorkspace(hostConnection, local, 'Ada');
    expect(await store.loadUpdates(created.roomId)).not.toHaveLength(0);

    const guest = enter(connect(), created.roomId, created.guest.token, 'Grace');
    await until(() => readFile(guest.doc, 'src/main.ts') === 'export const answer = 42;\n', "the guest's copy");
    expect(guest.session.view.get()).toMatchObject({ phase: 'joined', you: { role: 'guest', name: 'Guest' } });
    // The local workspace is not the room's: it is left as it was.
    expect(readFile(local, 'src/main.ts')).toBe('export const answer = 42;\n');
  });

  test("shows the host's AI policy in the person's AI status, and greys out what the policy refuses", async () => {
    const created = await server.rooms!.createRoom({ hostName: 'Ada', guestName: 'Grace' });
    const host = enter(connect(), created.roomId, created.host.token, 'Ada');
    const guestConnection = connect();
    const guest = enter(guestConnection, created.roomId, created.guest.token, 'Grace');
    await until(() => host.session.view.get().phase === 'joined' && guest.session.view.get().phase === 'joined', 'both joined');
    await until(() => guestConnection.aiStatus.get() !== undefined, 'the AI status');
    expect(guestConnection.aiStatus.get()?.lanes.fast.enabled).toBe(true);

    host.session.changePolicy({ kind: 'set-ai', personId: created.guest.personId, ai: 'off' });
    host.session.changePolicy({ kind: 'lock-editing', locked: true });
    host.session.changePolicy({ kind: 'disable-running', disabled: true });
    await until(() => guest.session.view.get().policy?.runningDisabled === true, 'the new policy');
    expect(guestConnection.aiStatus.get()?.lanes.fast).toMatchObject({ enabled: false, reason: 'The host has turned AI off for you in this room.' });
    expect(guest.session.abilities()).toEqual({
      edit: { ok: false, reason: 'The host has locked editing.' },
      run: { ok: false, reason: 'The host has turned running off in this room.' },
      ai: 'off',
      host: false,
    });
    expect(host.session.abilities()).toMatchObject({ edit: { ok: true }, run: { ok: true }, host: true });

    // An edit made anyway is refused by the room, and the person is told why.
    writeFile(guest.doc, 'locked.ts', 'nope');
    await until(() => guest.session.notices.get().length > 0, 'the notice');
    expect(guest.session.notices.get()[0]).toMatchObject({ code: 'forbidden', message: 'The host has locked editing: your change was not applied.' });
  });

  test('keeps edits made while the connection is down, counts them, and merges them when it is back', async () => {
    const created = await server.rooms!.createRoom({ hostName: 'Ada', guestName: 'Grace' });
    const host = enter(connect(), created.roomId, created.host.token, 'Ada');
    const guest = enter(connect(), created.roomId, created.guest.token, 'Grace');
    await until(() => host.session.view.get().phase === 'joined' && guest.session.view.get().phase === 'joined', 'both joined');
    writeFile(host.doc, 'notes.md', 'start\n');
    await until(() => readFile(guest.doc, 'notes.md') === 'start\n', 'the first edit');

    dropConnections();
    await until(() => guest.session.view.get().phase !== 'joined' && host.session.view.get().phase !== 'joined', 'the drop');
    const text = (doc: Y.Doc) => doc.getMap<Y.Text>('files').get('notes.md');
    text(guest.doc)?.insert(0, 'guest offline\n');
    text(guest.doc)?.insert(0, 'twice\n');
    text(host.doc)?.insert(text(host.doc)?.length ?? 0, 'host offline\n');
    expect(guest.session.view.get().unstored).toBe(2);

    await until(() => guest.session.view.get().phase === 'joined' && host.session.view.get().phase === 'joined', 'the rejoin');
    await until(() => readFile(host.doc, 'notes.md') === readFile(guest.doc, 'notes.md') && readFile(host.doc, 'notes.md')?.includes('guest offline') === true, 'the merge');
    expect(readFile(host.doc, 'notes.md')).toBe('twice\nguest offline\nstart\nhost offline\n');
    await guest.session.whenStored();
    await until(() => guest.session.view.get().unstored === 0, 'nothing left to store');
    expect(guest.session.view.get().backAt).toBeDefined();
    // Stored: a newcomer loading the room from the store gets the merged text.
    const late = enter(connect(), created.roomId, created.guest.token, 'Late');
    await until(() => readFile(late.doc, 'notes.md') === 'twice\nguest offline\nstart\nhost offline\n', "the newcomer's copy");
  });

  test('an observer watches: read-only, no AI, and nothing it changes locally reaches the room', async () => {
    const created = await server.rooms!.createRoom({ hostName: 'Ada', observerName: 'Olive' });
    const host = enter(connect(), created.roomId, created.host.token, 'Ada');
    const observerConnection = connect();
    const observer = enter(observerConnection, created.roomId, created.observer.token, 'Olive');
    await until(() => host.session.view.get().phase === 'joined' && observer.session.view.get().phase === 'joined', 'both joined');
    writeFile(host.doc, 'shown.ts', 'watch me\n');
    await until(() => readFile(observer.doc, 'shown.ts') === 'watch me\n', "the observer's copy");
    expect(observer.session.abilities()).toEqual({
      edit: { ok: false, reason: 'You joined as an observer: you can watch, not edit.' },
      run: { ok: false, reason: 'Observers cannot run code in this room.' },
      ai: 'off',
      host: false,
    });
    await until(() => observerConnection.aiStatus.get()?.lanes.fast.enabled === false, 'the AI status');

    writeFile(observer.doc, 'sneaky.ts', 'not sent');
    writeFile(host.doc, 'after.ts', 'later\n');
    await until(() => readFile(observer.doc, 'after.ts') === 'later\n', 'a later edit');
    await host.session.whenStored();
    expect(readFile(host.doc, 'sneaky.ts')).toBeUndefined();
  });

  test('a server without rooms says so, to Share and to a link', async () => {
    const bare = await createServer({ host: '127.0.0.1', port: 0 });
    try {
      const connection = new ServerConnection(bare.url);
      cleanups.push(() => connection.close());
      await until(() => connection.state.status === 'connected', 'the connection');
      await expect(shareWorkspace(connection, new Y.Doc(), 'Ada')).rejects.toThrow('This Pairlane server does not host shared rooms.');
      const { session } = enter(connection, 'some-room', 'v1.x.y', 'Ada');
      await until(() => session.view.get().phase === 'refused', 'the refusal');
      expect(session.view.get().refusal).toBe('This Pairlane server does not host shared rooms.');
    } finally {
      for (const cleanup of cleanups.splice(0)) cleanup();
      await bare.close();
    }
  });

  test('refuses a link with a forged token with a reason, and joins nothing', async () => {
    const created = await server.rooms!.createRoom({ hostName: 'Ada' });
    const [version, claims] = created.guest.token.split('.');
    const forged = enter(connect(), created.roomId, `${version}.${claims}.${randomBytes(32).toString('base64url')}`, 'Mallory');
    await until(() => forged.session.view.get().phase === 'refused', 'the refusal');
    expect(forged.session.view.get().refusal).toContain('not valid');
  });
});
