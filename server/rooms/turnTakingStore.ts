import type { RoomStore } from '../store/RoomStore.ts';

/**
 * The store with its calls taken one at a time, each in a turn of the event loop of its own.
 *
 * PGlite runs each query synchronously (PostgreSQL in WebAssembly, on this thread) and chains
 * queued queries through promises, so a backlog of writes from many rooms (one per keystroke and
 * room) ran as one unbroken stretch of microtasks: tens to hundreds of milliseconds in which no
 * socket was read, so no edit was relayed. Taking turns lets the sockets in between every call:
 * propagation never waits for the store (the acks, which do, wait as before).
 *
 * Every method of a RoomStore returns a promise; each is called in order, after the one before
 * it settled. Calls the store makes to itself (a compaction behind an append) are its own.
 */
export function turnTakingStore(store: RoomStore): RoomStore {
  let tail: Promise<unknown> = Promise.resolve();
  const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
  return new Proxy(store, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const call = tail.then(nextTurn).then(() => (value as (...params: unknown[]) => unknown).apply(target, args));
        tail = call.catch(() => undefined);
        return call;
      };
    },
  });
}
