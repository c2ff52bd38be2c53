/**
 * The store contract: one vitest suite every RoomStore backend passes.
 *
 *   defineStoreContract('pglite', async () => ({ openClient, close }));
 *
 * `openClient` gives a connection to the backend's database (the same database each time, so a
 * reopened store sees what the last one wrote). Rooms get fresh ids per case, so the suite also
 * runs against a database that is not empty (an existing DATABASE_URL).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DEFAULT_ROOM_POLICY } from '../../shared/rooms/roomPolicy.ts';
import type { NewRoomEvent } from '../../shared/rooms/roomEvent.ts';
import { StoreError, type RoomRecord, type RoomStore } from './RoomStore.ts';
import type { SqlClient } from './SqlClient.ts';
import type { SqlRoomStoreOptions } from './SqlRoomStore.ts';
import { openSqlRoomStore } from './openSqlRoomStore.ts';
import { STORE_MIGRATIONS, migrateStore } from './storeMigrations.ts';

export interface StoreContractSetup {
  openClient(): Promise<SqlClient>;
  close?(): Promise<void>;
}

function newRoom(overrides: Partial<RoomRecord> = {}): RoomRecord {
  return { id: `r-${randomUUID()}`, createdAt: 1_700_000_000_000, hostId: 'p-host', hostName: 'Ada', policy: DEFAULT_ROOM_POLICY, ...overrides };
}

/** A document with one file, edited `edits` times by one client; returns each update as it happened. */
function typedUpdates(edits: number, clientId = 1): { updates: Uint8Array[]; text: string } {
  const doc = new Y.Doc();
  doc.clientID = clientId;
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  const text = doc.getMap<Y.Text>('files').set('main.ts', new Y.Text());
  for (let i = 0; i < edits; i++) {
    text.insert(text.length, `line ${i}\n`);
    if (i % 3 === 2) text.delete(0, 4);
  }
  return { updates, text: text.toString() };
}

function textOf(updates: Uint8Array[]): string {
  const doc = new Y.Doc();
  for (const update of updates) Y.applyUpdate(doc, update);
  return doc.getMap<Y.Text>('files').get('main.ts')?.toString() ?? '';
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof StoreError) return error.code;
    throw error;
  }
  throw new Error('expected a StoreError');
}

/** A client whose `delete` statements fail: a crash in the middle of a compaction, as the database sees it. */
function failingDeletes(client: SqlClient): SqlClient {
  return {
    ...client,
    transaction: (work) =>
      client.transaction((tx) =>
        work({
          exec: (sql) => tx.exec(sql),
          query: async (sql, params) => {
            if (/^\s*delete/i.test(sql)) throw new Error('the process died here');
            return tx.query(sql, params);
          },
        }),
      ),
    close: async () => undefined,
  };
}

export function defineStoreContract(name: string, setup: () => Promise<StoreContractSetup | { skip: string }>): void {
  describe(`store contract: ${name}`, () => {
    let context: StoreContractSetup | undefined;
    let skipReason = '';
    let store: RoomStore;
    const opened: RoomStore[] = [];

    const open = async (options?: SqlRoomStoreOptions): Promise<RoomStore> => {
      if (!context) throw new Error('no backend');
      const opening = await openSqlRoomStore(await context.openClient(), options);
      opened.push(opening);
      return opening;
    };
    /**
     * Runs `body` with the suite's store closed, then reopens it. PGlite is one process's database:
     * two instances on one folder do not see each other's writes, so a case that opens another
     * store (as a restarted server would) must be the only one open.
     */
    const alone = async (body: () => Promise<void>): Promise<void> => {
      await store.close();
      try {
        await body();
      } finally {
        store = await open();
      }
    };

    beforeAll(async () => {
      const result = await setup();
      if ('skip' in result) {
        skipReason = result.skip;
        return;
      }
      context = result;
      store = await open();
    }, 120_000);
    afterAll(async () => {
      for (const each of opened.splice(0)) await each.close().catch(() => undefined);
      await context?.close?.();
    }, 60_000);

    /** Every case runs only when the backend is there; otherwise it says why it did not. */
    const contract = (title: string, body: () => Promise<void>, timeout?: number) =>
      it(title, async (ctx) => {
        if (!context) {
          ctx.skip(skipReason);
          return;
        }
        await body();
      }, timeout);

    contract('S1 a created room reads back as it was created; an unknown one is undefined', async () => {
      const room = newRoom({ hostName: 'Ada Lovelace', policy: { ...DEFAULT_ROOM_POLICY, ai: { 'p-2': 'off' } } });
      await store.createRoom(room);
      expect(await store.getRoom(room.id)).toEqual(room);
      expect(await store.getRoom(`r-${randomUUID()}`)).toBeUndefined();
    });

    contract('S2 a taken room id is refused as room-exists', async () => {
      const room = newRoom();
      await store.createRoom(room);
      expect(await refusal(store.createRoom({ ...room, hostName: 'Someone else' }))).toBe('room-exists');
    });

    contract('S3 the policy is saved with the room; saving for an unknown room is room-not-found', async () => {
      const room = newRoom();
      await store.createRoom(room);
      const policy = { editingLocked: true, runningDisabled: true, defaultAi: 'off' as const, ai: { 'p-1': 'fast+deep' as const } };
      await store.savePolicy(room.id, policy);
      expect((await store.getRoom(room.id))?.policy).toEqual(policy);
      expect(await refusal(store.savePolicy('nope', policy))).toBe('room-not-found');
    });

    contract('S4 appended updates load back, in order, into the same document', async () => {
      const room = newRoom();
      await store.createRoom(room);
      const { updates, text } = typedUpdates(30);
      for (const update of updates) await store.appendUpdate(room.id, update);
      const loaded = await store.loadUpdates(room.id);
      expect(loaded.map((update) => [...update])).toEqual(updates.map((update) => [...update]));
      expect(textOf(loaded)).toBe(text);
      expect(await store.loadUpdates(`r-${randomUUID()}`)).toEqual([]);
    });

    contract('S5 an update for an unknown room is refused as room-not-found', async () => {
      expect(await refusal(store.appendUpdate(`r-${randomUUID()}`, typedUpdates(1).updates[0] ?? new Uint8Array()))).toBe('room-not-found');
    });

    contract('S6 compaction replaces the updates by one snapshot of the same document, smaller than the history', async () => {
      const room = newRoom();
      await store.createRoom(room);
      const { updates, text } = typedUpdates(60);
      for (const update of updates) await store.appendUpdate(room.id, update);
      const result = await store.compact(room.id);
      expect(result.merged).toBe(updates.length);
      expect(result.bytesAfter).toBeLessThan(result.bytesBefore);
      const loaded = await store.loadUpdates(room.id);
      expect(loaded).toHaveLength(1);
      expect(textOf(loaded)).toBe(text);
      expect((await store.compact(room.id)).merged).toBe(0);
    });

    contract('S7 an update waiting for a missing one survives compaction, and completes when that one arrives', async () => {
      const room = newRoom();
      await store.createRoom(room);
      const { updates, text } = typedUpdates(6);
      const [first, ...rest] = updates;
      // The first update never reached the store before the compaction: the rest depend on it.
      for (const update of rest) await store.appendUpdate(room.id, update);
      await store.compact(room.id);
      if (first) await store.appendUpdate(room.id, first);
      expect(textOf(await store.loadUpdates(room.id))).toBe(text);
    });

    contract('S8 a compaction that dies half-way loses nothing: the transaction rolls back', async () => {
      const room = newRoom();
      await store.createRoom(room);
      const { updates, text } = typedUpdates(12);
      for (const update of updates) await store.appendUpdate(room.id, update);
      await alone(async () => {
        if (!context) throw new Error('no backend');
        const shared = await context.openClient();
        const crashing = await openSqlRoomStore(failingDeletes(shared));
        await expect(crashing.compact(room.id)).rejects.toThrow('the process died here');
        await shared.close();
      });
      const loaded = await store.loadUpdates(room.id);
      expect(loaded).toHaveLength(updates.length);
      expect(textOf(loaded)).toBe(text);
    });

    contract('S9 past the threshold, appends compact the room behind them; what is loaded stays the same', async () => {
      const room = newRoom();
      const { updates, text } = typedUpdates(25);
      await alone(async () => {
        const compacting = await open({ compactAfterUpdates: 10 });
        await compacting.createRoom(room);
        for (const update of updates) await compacting.appendUpdate(room.id, update);
        // close() waits for the compaction running behind the last appends.
        await compacting.close();
      });
      const loaded = await store.loadUpdates(room.id);
      expect(loaded.length).toBeLessThan(10);
      expect(textOf(loaded)).toBe(text);
    });

    contract('S10 concurrent appends are all stored', async () => {
      const room = newRoom();
      await store.createRoom(room);
      const docs = Array.from({ length: 20 }, (_, i) => typedUpdates(3, 100 + i));
      const all = docs.flatMap(({ updates }) => updates);
      await Promise.all(all.map((update) => store.appendUpdate(room.id, update)));
      const loaded = await store.loadUpdates(room.id);
      expect(loaded).toHaveLength(all.length);
      const doc = new Y.Doc();
      for (const update of loaded) Y.applyUpdate(doc, update);
      expect(doc.store.clients.size).toBe(docs.length);
    });

    contract('S10b appendUpdatesMany stores the updates of many rooms at once, each room\'s in the order given', async () => {
      const rooms = [newRoom(), newRoom(), newRoom()];
      for (const room of rooms) await store.createRoom(room);
      const typed = rooms.map((_, i) => typedUpdates(4, 200 + i));
      // Interleaved as rooms typing at the same moment would be.
      const steps = Math.max(...typed.map(({ updates }) => updates.length));
      const appends = Array.from({ length: steps }, (_, step) =>
        rooms.flatMap((room, i) => {
          const update = typed[i]?.updates[step];
          return update ? [{ roomId: room.id, update }] : [];
        }),
      ).flat();
      await store.appendUpdatesMany(appends);
      await store.appendUpdatesMany([]);
      for (const [i, room] of rooms.entries()) {
        const loaded = await store.loadUpdates(room.id);
        expect(loaded.map((update) => [...update])).toEqual((typed[i]?.updates ?? []).map((update) => [...update]));
        expect(textOf(loaded)).toBe(typed[i]?.text);
      }
    });

    contract('S10c appendUpdatesMany with an unknown room is room-not-found and stores nothing', async () => {
      const room = newRoom();
      await store.createRoom(room);
      const { updates } = typedUpdates(2);
      const appends = [
        { roomId: room.id, update: updates[0] ?? new Uint8Array() },
        { roomId: `r-${randomUUID()}`, update: updates[1] ?? new Uint8Array() },
      ];
      expect(await refusal(store.appendUpdatesMany(appends))).toBe('room-not-found');
      expect(await store.loadUpdates(room.id)).toEqual([]);
    });

    contract('S10d past the threshold, appendUpdatesMany compacts each room behind it; what is loaded stays the same', async () => {
      const rooms = [newRoom(), newRoom()];
      const typed = rooms.map((_, i) => typedUpdates(12, 300 + i));
      await alone(async () => {
        const compacting = await open({ compactAfterUpdates: 5 });
        for (const room of rooms) await compacting.createRoom(room);
        for (let step = 0; step < Math.max(...typed.map(({ updates }) => updates.length)); step += 3) {
          await compacting.appendUpdatesMany(rooms.flatMap((room, i) => (typed[i]?.updates.slice(step, step + 3) ?? []).map((update) => ({ roomId: room.id, update }))));
        }
        await compacting.close();
      });
      for (const [i, room] of rooms.entries()) {
        const loaded = await store.loadUpdates(room.id);
        expect(loaded.length).toBeLessThan(typed[i]?.updates.length ?? 0);
        expect(textOf(loaded)).toBe(typed[i]?.text);
      }
    });

    contract('S11 what one store wrote, a store opened later reads', async () => {
      const room = newRoom();
      const { updates, text } = typedUpdates(5);
      await store.createRoom(room);
      for (const update of updates) await store.appendUpdate(room.id, update);
      await store.appendEvent({ roomId: room.id, at: 5, personId: 'p-host', kind: 'join', payload: { role: 'host' } });
      await store.writeNotes(room.id, 'strong on tests', 9);
      // alone() closes the store and opens a new one afterwards: the second reads what the first wrote.
      await alone(async () => undefined);
      expect(await store.getRoom(room.id)).toEqual(room);
      expect(textOf(await store.loadUpdates(room.id))).toBe(text);
      expect(await store.listEvents(room.id)).toHaveLength(1);
      expect(await store.readNotes(room.id)).toEqual({ text: 'strong on tests', updatedAt: 9 });
    }, 60_000);

    contract('S12 events come back by time range, ordered by time then sequence, with their JSON payload as stored', async () => {
      const room = newRoom();
      const other = newRoom();
      await store.createRoom(room);
      await store.createRoom(other);
      const events: NewRoomEvent[] = [
        { roomId: room.id, at: 300, personId: 'p-1', kind: 'edit', payload: { changes: 3, files: ['a.ts'] } },
        { roomId: room.id, at: 100, personId: 'p-host', kind: 'join', payload: { role: 'host', name: 'Ada' } },
        { roomId: room.id, at: 200, personId: 'p-1', kind: 'suggestion-shown', payload: { lane: 'fast', model: 'm', chars: 12 } },
        { roomId: room.id, at: 200, personId: 'p-1', kind: 'suggestion-accepted', payload: { lane: 'fast', model: 'm' } },
        { roomId: other.id, at: 150, personId: 'p-9', kind: 'join', payload: null },
        { roomId: room.id, at: 400, personId: 'p-1', kind: 'run-result', payload: 'passed' },
      ];
      const stored = [];
      for (const event of events) stored.push(await store.appendEvent(event));
      expect(new Set(stored.map((event) => event.seq)).size).toBe(events.length);

      const all = await store.listEvents(room.id);
      expect(all.map((event) => event.kind)).toEqual(['join', 'suggestion-shown', 'suggestion-accepted', 'edit', 'run-result']);
      expect(all[3]?.payload).toEqual({ changes: 3, files: ['a.ts'] });
      expect(all[4]?.payload).toBe('passed');
      expect((await store.listEvents(room.id, { from: 200, to: 300 })).map((event) => event.kind)).toEqual(['suggestion-shown', 'suggestion-accepted']);
      const firstTwo = await store.listEvents(room.id, { limit: 2 });
      expect(firstTwo).toHaveLength(2);
      const last = firstTwo[1];
      const page = await store.listEvents(room.id, { after: last ? { at: last.at, seq: last.seq } : undefined });
      expect(page.map((event) => event.kind)).toEqual(['suggestion-accepted', 'edit', 'run-result']);
      expect((await store.listEvents(other.id)).map((event) => event.personId)).toEqual(['p-9']);
    });

    contract('S13 an invalid event is refused as invalid-event, one for an unknown room as room-not-found', async () => {
      const room = newRoom();
      await store.createRoom(room);
      const base = { roomId: room.id, at: 1, personId: 'p-1', kind: 'paste' as const, payload: { chars: 10 } };
      expect(await refusal(store.appendEvent({ ...base, kind: 'teleport' as 'paste' }))).toBe('invalid-event');
      expect(await refusal(store.appendEvent({ ...base, payload: { big: 'x'.repeat(1_100_000) } }))).toBe('invalid-event');
      expect(await refusal(store.appendEvent({ ...base, payload: { when: new Date(0) } as unknown as null }))).toBe('invalid-event');
      expect(await refusal(store.appendEvent({ ...base, roomId: `r-${randomUUID()}` }))).toBe('room-not-found');
      expect(await store.listEvents(room.id)).toEqual([]);
    });

    contract('S14 host notes: none at first, then the last text written', async () => {
      const room = newRoom();
      await store.createRoom(room);
      expect(await store.readNotes(room.id)).toBeUndefined();
      await store.writeNotes(room.id, 'first', 10);
      expect(await store.writeNotes(room.id, 'second ✓', 20)).toEqual({ text: 'second ✓', updatedAt: 20 });
      expect(await store.readNotes(room.id)).toEqual({ text: 'second ✓', updatedAt: 20 });
      expect(await refusal(store.writeNotes(`r-${randomUUID()}`, 'x'))).toBe('room-not-found');
    });

    contract('S15 migrating again changes nothing; a schema newer than the code is refused', async () => {
      await alone(async () => {
        if (!context) throw new Error('no backend');
        const client = await context.openClient();
        try {
          expect(await migrateStore(client)).toBe(STORE_MIGRATIONS.length);
          const error = await migrateStore(client, []).catch((caught: unknown) => caught);
          expect(error).toBeInstanceOf(StoreError);
          expect((error as StoreError).code).toBe('schema-too-new');
        } finally {
          await client.close();
        }
      });
    });
  });
}
