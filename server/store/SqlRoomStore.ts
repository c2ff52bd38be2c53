import * as Y from 'yjs';
import { NewRoomEvent, type RoomEvent } from '../../shared/rooms/roomEvent.ts';
import { RoomPolicyState } from '../../shared/rooms/roomPolicy.ts';
import {
  StoreError,
  type CompactionResult,
  type EventRange,
  type HostNotes,
  type RoomRecord,
  type RoomStore,
  type UpdateAppend,
} from './RoomStore.ts';
import type { SqlClient, SqlRow } from './SqlClient.ts';

export interface SqlRoomStoreOptions {
  /** Compact a room once it has this many stored updates. Default 256. */
  compactAfterUpdates?: number;
  /** Told about a compaction that failed behind an append (the updates stay as they were). */
  onCompactionError?: (roomId: string, error: unknown) => void;
}

/** Postgres' code for a foreign key violation: the room does not exist. */
const FOREIGN_KEY_VIOLATION = '23503';
const UNIQUE_VIOLATION = '23505';

/**
 * The RoomStore over any PostgreSQL (PGlite or a server): the same SQL for both, so the contract
 * suite checks one implementation of the logic and two ways of reaching a database.
 */
export class SqlRoomStore implements RoomStore {
  readonly backend: 'pglite' | 'postgres';
  private readonly compactAfter: number;
  /** Stored updates per room as far as this process knows (seeded on load): when to compact. */
  private readonly updateCounts = new Map<string, number>();
  private readonly compactions = new Map<string, Promise<unknown>>();

  constructor(
    private readonly sql: SqlClient,
    private readonly options: SqlRoomStoreOptions = {},
  ) {
    this.backend = sql.backend;
    this.compactAfter = Math.max(2, options.compactAfterUpdates ?? 256);
  }

  async createRoom(room: RoomRecord): Promise<void> {
    try {
      await this.sql.query('insert into rooms (id, created_at_ms, host_id, host_name, policy) values ($1, $2, $3, $4, $5)', [
        room.id,
        room.createdAt,
        room.hostId,
        room.hostName,
        JSON.stringify(RoomPolicyState.parse(room.policy)),
      ]);
    } catch (error) {
      if (codeOf(error) === UNIQUE_VIOLATION) throw new StoreError('room-exists', `A room "${room.id}" already exists.`);
      throw error;
    }
  }

  async getRoom(roomId: string): Promise<RoomRecord | undefined> {
    const rows = await this.sql.query('select id, created_at_ms, host_id, host_name, policy::text as policy from rooms where id = $1', [roomId]);
    const row = rows[0];
    if (!row) return undefined;
    return {
      id: String(row.id),
      createdAt: Number(row.created_at_ms),
      hostId: String(row.host_id),
      hostName: String(row.host_name),
      policy: RoomPolicyState.parse(jsonOf(row.policy)),
    };
  }

  async savePolicy(roomId: string, policy: RoomPolicyState): Promise<void> {
    const rows = await this.sql.query('update rooms set policy = $2 where id = $1 returning id', [roomId, JSON.stringify(RoomPolicyState.parse(policy))]);
    if (rows.length === 0) throw notFound(roomId);
  }

  async appendUpdate(roomId: string, update: Uint8Array): Promise<void> {
    try {
      await this.sql.query('insert into room_updates (room_id, data, stored_at_ms) values ($1, $2, $3)', [roomId, update, Date.now()]);
    } catch (error) {
      if (codeOf(error) === FOREIGN_KEY_VIOLATION) throw notFound(roomId);
      throw error;
    }
    this.counted(roomId, 1);
  }

  async appendUpdatesMany(appends: readonly UpdateAppend[]): Promise<void> {
    if (appends.length === 0) return;
    try {
      // One statement is one transaction: every row commits or none. `with ordinality` keeps the
      // order given, so one room's updates get their sequence numbers in that order.
      await this.sql.query(
        `insert into room_updates (room_id, data, stored_at_ms)
           select room_id, data, $3 from unnest($1::text[], $2::bytea[]) with ordinality as given (room_id, data, n) order by n`,
        [appends.map((append) => append.roomId), appends.map((append) => append.update), Date.now()],
      );
    } catch (error) {
      if (codeOf(error) === FOREIGN_KEY_VIOLATION) throw new StoreError('room-not-found', `One of the rooms ${[...new Set(appends.map((append) => append.roomId))].join(', ')} does not exist.`);
      throw error;
    }
    const perRoom = new Map<string, number>();
    for (const { roomId } of appends) perRoom.set(roomId, (perRoom.get(roomId) ?? 0) + 1);
    for (const [roomId, added] of perRoom) this.counted(roomId, added);
  }

  /** Counts rows appended to a room; past the threshold, compacts it behind the append. */
  private counted(roomId: string, added: number): void {
    const count = (this.updateCounts.get(roomId) ?? 0) + added;
    this.updateCounts.set(roomId, count);
    if (count >= this.compactAfter && !this.compactions.has(roomId)) {
      // Behind the append: the caller's acknowledgement does not wait for a merge it does not need.
      const running = this.compact(roomId)
        .catch((error: unknown) => this.options.onCompactionError?.(roomId, error))
        .finally(() => this.compactions.delete(roomId));
      this.compactions.set(roomId, running);
    }
  }

  async loadUpdates(roomId: string): Promise<Uint8Array[]> {
    const rows = await this.sql.query('select data from room_updates where room_id = $1 order by seq', [roomId]);
    this.updateCounts.set(roomId, rows.length);
    return rows.map((row) => bytesOf(row.data));
  }

  async compact(roomId: string): Promise<CompactionResult> {
    const result = await this.sql.transaction(async (tx) => {
      // Only the rows read here are replaced: an append committed meanwhile keeps its own row.
      const rows = await tx.query('select seq, data from room_updates where room_id = $1 order by seq for update', [roomId]);
      if (rows.length < 2) return { merged: 0, bytesBefore: 0, bytesAfter: 0 };
      const updates = rows.map((row) => bytesOf(row.data));
      // Through a document rather than Y.mergeUpdates: deleted text is garbage-collected, so the
      // snapshot is the size of the file, not of its history. Updates still waiting for a missing
      // one are kept in the encoding (Yjs adds its pending structs), so nothing is dropped.
      const doc = new Y.Doc();
      doc.transact(() => {
        for (const update of updates) Y.applyUpdate(doc, update);
      });
      const snapshot = Y.encodeStateAsUpdate(doc);
      doc.destroy();
      await tx.query('insert into room_updates (room_id, data, stored_at_ms) values ($1, $2, $3)', [roomId, snapshot, Date.now()]);
      await tx.query('delete from room_updates where room_id = $1 and seq = any($2::bigint[])', [roomId, rows.map((row) => String(row.seq))]);
      return {
        merged: rows.length,
        bytesBefore: updates.reduce((sum, update) => sum + update.byteLength, 0),
        bytesAfter: snapshot.byteLength,
      };
    });
    if (result.merged > 0) this.updateCounts.set(roomId, Math.max(1, (this.updateCounts.get(roomId) ?? 0) - result.merged + 1));
    return result;
  }

  async appendEvent(event: NewRoomEvent): Promise<RoomEvent> {
    const parsed = NewRoomEvent.safeParse(event);
    if (!parsed.success) {
      throw new StoreError('invalid-event', `Not a valid event: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || '(event)'}: ${issue.message}`).join('; ')}`);
    }
    const valid = parsed.data;
    try {
      const rows = await this.sql.query(
        'insert into room_events (room_id, at_ms, person_id, kind, payload) values ($1, $2, $3, $4, $5) returning seq',
        [valid.roomId, valid.at, valid.personId, valid.kind, JSON.stringify(valid.payload)],
      );
      return { ...valid, seq: Number(rows[0]?.seq) };
    } catch (error) {
      if (codeOf(error) === FOREIGN_KEY_VIOLATION) throw notFound(valid.roomId);
      throw error;
    }
  }

  async listEvents(roomId: string, range: EventRange = {}): Promise<RoomEvent[]> {
    const rows = await this.sql.query(
      `select seq, at_ms, person_id, kind, payload::text as payload from room_events
        where room_id = $1 and at_ms >= $2 and at_ms < $3 and (at_ms, seq) > ($4::bigint, $5::bigint)
        order by at_ms, seq limit $6`,
      [roomId, range.from ?? 0, range.to ?? Number.MAX_SAFE_INTEGER, range.after?.at ?? -1, range.after?.seq ?? -1, range.limit ?? 1000],
    );
    return rows.map((row) => eventOf(roomId, row));
  }

  async readNotes(roomId: string): Promise<HostNotes | undefined> {
    const rows = await this.sql.query('select text, updated_at_ms from room_notes where room_id = $1', [roomId]);
    const row = rows[0];
    return row ? { text: String(row.text), updatedAt: Number(row.updated_at_ms) } : undefined;
  }

  async writeNotes(roomId: string, text: string, at: number = Date.now()): Promise<HostNotes> {
    try {
      await this.sql.query(
        `insert into room_notes (room_id, text, updated_at_ms) values ($1, $2, $3)
           on conflict (room_id) do update set text = excluded.text, updated_at_ms = excluded.updated_at_ms`,
        [roomId, text, at],
      );
    } catch (error) {
      if (codeOf(error) === FOREIGN_KEY_VIOLATION) throw notFound(roomId);
      throw error;
    }
    return { text, updatedAt: at };
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.compactions.values()]);
    await this.sql.close();
  }
}

function notFound(roomId: string): StoreError {
  return new StoreError('room-not-found', `There is no room "${roomId}".`);
}

function codeOf(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

/** bytea comes back as a Uint8Array from PGlite and a Buffer (a Uint8Array too) from pg. */
function bytesOf(value: unknown): Uint8Array {
  if (value instanceof Uint8Array) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  throw new Error(`Expected bytea, got ${typeof value}`);
}

/** jsonb is read as text (`::text`), so both drivers hand back the same thing to parse. */
function jsonOf(value: unknown): unknown {
  return JSON.parse(String(value));
}

function eventOf(roomId: string, row: SqlRow): RoomEvent {
  return {
    roomId,
    seq: Number(row.seq),
    at: Number(row.at_ms),
    personId: String(row.person_id),
    kind: NewRoomEvent.shape.kind.parse(row.kind),
    payload: NewRoomEvent.shape.payload.parse(jsonOf(row.payload)),
  };
}
