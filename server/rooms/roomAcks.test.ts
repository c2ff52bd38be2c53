import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { RoomClientMessage, RoomServerMessage } from '../../shared/roomMessage.ts';
import { RoomSyncClient } from '../../shared/rooms/RoomSyncClient.ts';
import { DEFAULT_ROOM_POLICY } from '../../shared/rooms/roomPolicy.ts';
import type { RoomStore } from '../store/RoomStore.ts';
import { openFreshPgliteStore } from '../store/testing/openFreshPgliteStore.ts';
import { Room } from './Room.ts';
import { realClock } from './RoomClock.ts';
import type { RoomPeer } from './RoomPeer.ts';

// The ack path of one room, its client a RoomSyncClient wired straight to it (no socket), over a
// real PGlite store whose appends a test can hold back, so several updates wait for one commit.
let store: RoomStore;
let held: { release: () => void; started: Promise<void> } | undefined;
let hold = false;

beforeAll(async () => {
  store = await openFreshPgliteStore();
}, 120_000);
afterAll(() => store.close());

/** The store, with appends that wait for `held.release()` while `hold` is set. */
function gatedStore(): RoomStore {
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property === 'appendUpdate') {
        return async (roomId: string, update: Uint8Array) => {
          if (hold) {
            let started: () => void = () => undefined;
            const gate = new Promise<void>((release) => {
              held = { release, started: new Promise<void>((resolve) => (started = resolve)) };
            });
            started();
            await gate;
          }
          await target.appendUpdate(roomId, update);
        };
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

async function newRoom(): Promise<{ room: Room; roomId: string }> {
  const roomId = `acks-${Math.random().toString(36).slice(2, 10)}`;
  await store.createRoom({ id: roomId, createdAt: Date.now(), hostId: 'p-host', hostName: 'Ada', policy: DEFAULT_ROOM_POLICY });
  const room = await Room.load(roomId, { store: gatedStore(), clock: realClock, onRefused: () => undefined, onBroken: () => undefined });
  if (!room) throw new Error('room not loaded');
  return { room, roomId };
}

/** A RoomSyncClient joined to `room`, each direction delivered a microtask later; every message the server sent is kept. */
function connect(room: Room, roomId: string) {
  const doc = new Y.Doc();
  const sent: RoomServerMessage[] = [];
  const delivered: { sync?: RoomSyncClient } = {};
  const peer: RoomPeer = {
    connectionId: 'c-1',
    person: { personId: 'p-host', name: 'Ada', role: 'host' },
    send: (message) => {
      sent.push(message);
      queueMicrotask(() => delivered.sync?.receive(message));
    },
  };
  const sync = new RoomSyncClient({
    roomId,
    doc,
    send: (message: RoomClientMessage) =>
      queueMicrotask(() => {
        if (message.type === 'room-sync') room.receiveSync(peer, message);
      }),
  });
  delivered.sync = sync;
  room.join(peer);
  return { doc, sync, sent, text: doc.getText('main.ts') };
}

const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 20));

describe('room acks', () => {
  it('a batch acknowledges each connection with one message naming each of its updates, which clears them all', async () => {
    const { room, roomId } = await newRoom();
    const client = connect(room, roomId);
    await client.sync.whenAcknowledged();
    hold = true;
    client.text.insert(0, 'a');
    await settle();
    const first = held;
    await first?.started;
    // These three queue behind the held append and are stored together, as one batch.
    client.text.insert(1, 'b');
    client.text.insert(2, 'c');
    client.text.insert(3, 'd');
    await settle();
    expect(client.sync.unacknowledged).toBe(4);
    hold = false;
    first?.release();
    await client.sync.whenAcknowledged();
    await room.settled();
    const acks = client.sent.filter((message) => message.type === 'room-ack');
    // The step 2 (1), then 'a' alone (2), then one message for b, c and d (5, after 3 and 4).
    expect(acks).toEqual([
      { type: 'room-ack', roomId, ackId: 1 },
      { type: 'room-ack', roomId, ackId: 2 },
      { type: 'room-ack', roomId, ackId: 5, earlier: [3, 4] },
    ]);
    expect(client.sync.unacknowledged).toBe(0);

    // Nothing acknowledged is lost: the room as stored has every acknowledged edit.
    const reloaded = await Room.load(roomId, { store, clock: realClock, onRefused: () => undefined, onBroken: () => undefined });
    expect(reloaded?.doc.getText('main.ts').toString()).toBe('abcd');
    await reloaded?.close();
    client.sync.destroy();
    await room.close();
  });

  it('an ack leaves the updates sent after it outstanding', async () => {
    const { room, roomId } = await newRoom();
    const client = connect(room, roomId);
    await client.sync.whenAcknowledged();
    hold = true;
    client.text.insert(0, 'x');
    await settle();
    const first = held;
    await first?.started;
    client.text.insert(1, 'y');
    await settle();
    const second = new Promise<void>((resolve) => {
      const check = () => (held !== first ? resolve() : setTimeout(check, 5));
      check();
    });
    first?.release();
    // 'x' is stored and acknowledged; 'y' waits in the next (held) append.
    await second;
    await held?.started;
    await settle();
    expect(client.sent.filter((message) => message.type === 'room-ack').at(-1)).toMatchObject({ ackId: 2 });
    expect(client.sync.unacknowledged).toBe(1);
    hold = false;
    held?.release();
    await client.sync.whenAcknowledged();
    expect(client.sync.unacknowledged).toBe(0);
    client.sync.destroy();
    await room.close();
  });
});
