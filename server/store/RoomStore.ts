import type { NewRoomEvent, RoomEvent } from '../../shared/rooms/roomEvent.ts';
import type { RoomPolicyState } from '../../shared/rooms/roomPolicy.ts';

/** A room as stored. */
export interface RoomRecord {
  id: string;
  /** Milliseconds since the epoch. */
  createdAt: number;
  hostId: string;
  hostName: string;
  policy: RoomPolicyState;
}

/** The host's private notes on a room. */
export interface HostNotes {
  text: string;
  updatedAt: number;
}

/** What one compaction did. */
export interface CompactionResult {
  /** How many stored updates were merged (0 when there was nothing to merge). */
  merged: number;
  /** Bytes of the merged rows before, and of the snapshot that replaced them. */
  bytesBefore: number;
  bytesAfter: number;
}

/** A time range of the event log, both ends in epoch ms; `from` inclusive, `to` exclusive. */
export interface EventRange {
  from?: number;
  to?: number;
  /** Only events after this one in the log's order (time, then seq): the last of the previous page. */
  after?: { at: number; seq: number };
  /** At most this many, oldest first. Default 1000. */
  limit?: number;
}

/** One update to append to one room's document (RoomStore.appendUpdatesMany). */
export interface UpdateAppend {
  roomId: string;
  update: Uint8Array;
}

/** Why a store call failed in a way the caller should handle. */
export type StoreErrorCode = 'room-exists' | 'room-not-found' | 'invalid-event' | 'schema-too-new';

export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

/**
 * Room persistence: the rooms, each room's Yjs document as appended updates, its event log and
 * the host's notes. One interface, one contract suite (storeContract.ts), two backends: PGlite
 * in a data folder (the default, no set-up) and PostgreSQL (`DATABASE_URL`).
 *
 * Every promise resolves only once what it wrote is committed, so a caller may acknowledge it.
 */
export interface RoomStore {
  /** 'pglite' or 'postgres', for logs and /healthz. */
  readonly backend: 'pglite' | 'postgres';
  /** Throws StoreError('room-exists') when the id is taken. */
  createRoom(room: RoomRecord): Promise<void>;
  getRoom(roomId: string): Promise<RoomRecord | undefined>;
  /** Throws StoreError('room-not-found'). */
  savePolicy(roomId: string, policy: RoomPolicyState): Promise<void>;

  /**
   * Appends one Yjs update (v1 encoding) to the room's document. Past the store's threshold the
   * room's updates are compacted behind the append; close() waits for that.
   */
  appendUpdate(roomId: string, update: Uint8Array): Promise<void>;
  /**
   * Appends several updates, of one room or many, as one statement in one transaction: all are
   * committed when it resolves, none when it throws (StoreError('room-not-found') when one room is
   * unknown). Updates of the same room are stored in the order given. Group commit across rooms:
   * one write for every room waiting at the same moment.
   */
  appendUpdatesMany(appends: readonly UpdateAppend[]): Promise<void>;
  /** Every stored update of the room, oldest first (after a compaction, one snapshot first). Empty for an unknown room. */
  loadUpdates(roomId: string): Promise<Uint8Array[]>;
  /** Merges the room's updates into one snapshot, in one transaction: a crash leaves either all of them or the snapshot. */
  compact(roomId: string): Promise<CompactionResult>;

  /** Validates and appends an event; throws StoreError('invalid-event' | 'room-not-found'). */
  appendEvent(event: NewRoomEvent): Promise<RoomEvent>;
  /** The room's events in a time range, ordered by time then sequence. */
  listEvents(roomId: string, range?: EventRange): Promise<RoomEvent[]>;

  readNotes(roomId: string): Promise<HostNotes | undefined>;
  /** Throws StoreError('room-not-found'). */
  writeNotes(roomId: string, text: string, at?: number): Promise<HostNotes>;

  /** Waits for compactions under way, then closes the connection(s). */
  close(): Promise<void>;
}
