import type { RoomStore } from '../store/RoomStore.ts';
import type { RoomClock } from './RoomClock.ts';
import { Room, type RoomOptions, type RoomRefusalRecord } from './Room.ts';

export interface RoomRegistryOptions {
  store: RoomStore;
  clock: RoomClock;
  /** How long an empty room stays in memory (a reconnect within it finds the room warm). */
  graceMs: number;
  onRefused: (record: RoomRefusalRecord) => void;
  /** The store failed under a room; the registry has dropped it. */
  onBroken: (room: Room, error: unknown) => void;
  /** Passed to every room (RoomOptions.sendToMany). */
  sendToMany?: RoomOptions['sendToMany'];
}

interface Entry {
  room: Promise<Room | undefined>;
  unloadTimer?: unknown;
}

/**
 * The rooms this process holds in memory: loaded from the store on first join, unloaded a grace
 * period after the last person leaves. A room being unloaded finishes storing before it can be
 * loaded again, so a quick rejoin never reads a document that misses the last edits.
 */
export class RoomRegistry {
  private readonly entries = new Map<string, Entry>();
  private readonly unloading = new Map<string, Promise<void>>();

  constructor(private readonly options: RoomRegistryOptions) {}

  /** The room, loading it if needed; undefined when the store has no such room. */
  async open(roomId: string): Promise<Room | undefined> {
    const entry = this.entries.get(roomId);
    if (entry) {
      if (entry.unloadTimer !== undefined) this.options.clock.clearTimeout(entry.unloadTimer);
      entry.unloadTimer = undefined;
      return entry.room;
    }
    const loading = (async () => {
      await this.unloading.get(roomId);
      return Room.load(roomId, {
        store: this.options.store,
        clock: this.options.clock,
        onRefused: this.options.onRefused,
        sendToMany: this.options.sendToMany,
        onBroken: (room, error) => {
          this.drop(roomId);
          void room.close();
          this.options.onBroken(room, error);
        },
      });
    })();
    this.entries.set(roomId, { room: loading });
    try {
      const room = await loading;
      if (!room) this.drop(roomId);
      return room;
    } catch (error) {
      this.drop(roomId);
      throw error;
    }
  }

  /** Call after someone left: an empty room is unloaded after the grace period. */
  released(room: Room): void {
    const entry = this.entries.get(room.id);
    if (!entry || room.size > 0) return;
    if (entry.unloadTimer !== undefined) this.options.clock.clearTimeout(entry.unloadTimer);
    entry.unloadTimer = this.options.clock.setTimeout(() => {
      if (room.size > 0 || this.entries.get(room.id) !== entry) return;
      this.unload(room);
    }, this.options.graceMs);
  }

  /** How many rooms are in memory. */
  get loaded(): number {
    return this.entries.size;
  }

  /** Whether a room is in memory (for tests and /healthz). */
  isLoaded(roomId: string): boolean {
    return this.entries.has(roomId);
  }

  /** Stores what every room holds and frees them all. */
  async close(): Promise<void> {
    const rooms = await Promise.allSettled([...this.entries.values()].map((entry) => entry.room));
    for (const entry of this.entries.values()) if (entry.unloadTimer !== undefined) this.options.clock.clearTimeout(entry.unloadTimer);
    this.entries.clear();
    await Promise.allSettled(rooms.map((result) => (result.status === 'fulfilled' && result.value ? result.value.close() : undefined)));
    await Promise.allSettled([...this.unloading.values()]);
  }

  private unload(room: Room): void {
    this.entries.delete(room.id);
    const closing = room.close().finally(() => {
      if (this.unloading.get(room.id) === closing) this.unloading.delete(room.id);
    });
    this.unloading.set(room.id, closing);
  }

  private drop(roomId: string): void {
    const entry = this.entries.get(roomId);
    if (entry?.unloadTimer !== undefined) this.options.clock.clearTimeout(entry.unloadTimer);
    this.entries.delete(roomId);
  }
}
