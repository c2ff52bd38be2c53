import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DEFAULT_ROOM_POLICY } from '../../shared/rooms/roomPolicy.ts';
import type { RoomStore, UpdateAppend } from '../store/RoomStore.ts';
import { openFreshPgliteStore } from '../store/testing/openFreshPgliteStore.ts';
import { groupCommitStore } from './groupCommitStore.ts';

let store: RoomStore;

beforeAll(async () => {
  store = await openFreshPgliteStore();
}, 120_000);

afterAll(() => store.close());

/** The real store, with each write it is asked for written down (what a batch held). */
function recording(target: RoomStore, writes: string[][]): RoomStore {
  return Object.assign(Object.create(target) as RoomStore, {
    appendUpdate: (roomId: string, update: Uint8Array) => {
      writes.push([roomId]);
      return target.appendUpdate(roomId, update);
    },
    appendUpdatesMany: (appends: readonly UpdateAppend[]) => {
      writes.push(appends.map((append) => append.roomId));
      return target.appendUpdatesMany(appends);
    },
    close: async () => undefined,
  });
}

async function newRoom(): Promise<string> {
  const id = `r-${randomUUID()}`;
  await store.createRoom({ id, createdAt: 1, hostId: 'p-host', hostName: 'Ada', policy: DEFAULT_ROOM_POLICY });
  return id;
}

/** Each keystroke of one person typing `count` characters, as Yjs updates. */
function keystrokes(count: number, clientId: number): { updates: Uint8Array[]; text: string } {
  const doc = new Y.Doc();
  doc.clientID = clientId;
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  const text = doc.getText('main');
  for (let i = 0; i < count; i++) text.insert(text.length, String.fromCharCode(97 + (i % 26)));
  return { updates, text: text.toString() };
}

function textOf(updates: Uint8Array[]): string {
  const doc = new Y.Doc();
  for (const update of updates) Y.applyUpdate(doc, update);
  return doc.getText('main').toString();
}

describe('groupCommitStore', () => {
  it('writes the appends of all rooms waiting at once as one batch, and resolves each after it is stored', async () => {
    const rooms = await Promise.all(Array.from({ length: 20 }, () => newRoom()));
    const writes: string[][] = [];
    const grouped = groupCommitStore(recording(store, writes));
    const typed = rooms.map((_, i) => keystrokes(1, 10 + i));
    await Promise.all(
      rooms.map(async (roomId, i) => {
        await grouped.appendUpdate(roomId, typed[i]?.updates[0] ?? new Uint8Array());
        // Resolved means committed: the row is there to read.
        expect(textOf(await store.loadUpdates(roomId))).toBe(typed[i]?.text);
      }),
    );
    expect(writes).toEqual([rooms]);
  });

  it('keeps each room\'s order across batches while many rooms type at once', async () => {
    const rooms = await Promise.all(Array.from({ length: 5 }, () => newRoom()));
    const writes: string[][] = [];
    const grouped = groupCommitStore(recording(store, writes));
    const typed = rooms.map((_, i) => keystrokes(30, 100 + i));
    // Each room appends its next keystroke once the last one is stored, as a Room does.
    await Promise.all(
      rooms.map(async (roomId, i) => {
        for (const update of typed[i]?.updates ?? []) await grouped.appendUpdate(roomId, update);
      }),
    );
    for (const [i, roomId] of rooms.entries()) {
      const loaded = await store.loadUpdates(roomId);
      expect(loaded.map((update) => [...update])).toEqual((typed[i]?.updates ?? []).map((update) => [...update]));
    }
    // 150 appends in far fewer writes: the rooms shared them.
    expect(writes.length).toBeLessThan(60);
    expect(Math.max(...writes.map((write) => write.length))).toBe(rooms.length);
  });

  it('a failing room fails alone: the others in its batch are still stored and resolve', async () => {
    const rooms = await Promise.all(Array.from({ length: 3 }, () => newRoom()));
    const missing = `r-${randomUUID()}`;
    const grouped = groupCommitStore(store);
    const typed = rooms.map((_, i) => keystrokes(1, 200 + i));
    const results = await Promise.allSettled([
      ...rooms.map((roomId, i) => grouped.appendUpdate(roomId, typed[i]?.updates[0] ?? new Uint8Array())),
      grouped.appendUpdate(missing, keystrokes(1, 299).updates[0] ?? new Uint8Array()),
    ]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected']);
    expect(results[3]?.status === 'rejected' ? (results[3].reason as { code?: string }).code : undefined).toBe('room-not-found');
    for (const [i, roomId] of rooms.entries()) expect(textOf(await store.loadUpdates(roomId))).toBe(typed[i]?.text);
  });
});
