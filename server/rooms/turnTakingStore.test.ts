import { describe, expect, it } from 'vitest';
import type { RoomStore } from '../store/RoomStore.ts';
import { turnTakingStore } from './turnTakingStore.ts';

/** A store whose appends hold the thread for a while, as PGlite's queries do, and record their order. */
function blockingStore(log: string[]): RoomStore {
  const store = {
    backend: 'pglite',
    async appendUpdate(roomId: string) {
      const until = performance.now() + 3;
      while (performance.now() < until) {
        // PostgreSQL in WebAssembly, on this thread.
      }
      log.push(`append ${roomId}`);
    },
    async getRoom(roomId: string) {
      if (roomId === 'missing') throw new Error('no such room');
      return undefined;
    },
  };
  return store as unknown as RoomStore;
}

describe('turnTakingStore', () => {
  it('runs a backlog of calls one per turn of the event loop, so timers and sockets get in between', async () => {
    const log: string[] = [];
    const store = turnTakingStore(blockingStore(log));
    const appends = Array.from({ length: 10 }, (_, i) => store.appendUpdate(`r${i}`, new Uint8Array()));
    setTimeout(() => log.push('timer'), 0);
    await Promise.all(appends);
    expect(log.filter((entry) => entry.startsWith('append'))).toEqual(Array.from({ length: 10 }, (_, i) => `append r${i}`));
    const timerAt = log.indexOf('timer');
    expect(timerAt).toBeGreaterThan(0);
    expect(timerAt).toBeLessThan(log.length - 1);
  });

  it('passes results, errors and plain properties through, and goes on after an error', async () => {
    const store = turnTakingStore(blockingStore([]));
    expect(store.backend).toBe('pglite');
    await expect(store.getRoom('missing')).rejects.toThrow('no such room');
    await expect(store.getRoom('r1')).resolves.toBeUndefined();
  });
});
