import type { RoomStore } from '../../store/RoomStore.ts';
import type { SqlRoomStoreOptions } from '../../store/SqlRoomStore.ts';
import { openFreshPgliteStore } from '../../store/testing/openFreshPgliteStore.ts';
import type { AttachRoomsOptions } from '../attachRooms.ts';
import { startRoomServer, type RoomServer } from './startRoomServer.ts';

/** A room server over a PGlite store in a fresh data folder; close() stops the server, closes the store and removes the folder. */
export async function startPgliteRoomServer(options: Omit<AttachRoomsOptions, 'store'> & { store?: SqlRoomStoreOptions }): Promise<RoomServer & { store: RoomStore }> {
  const { store: storeOptions, ...roomOptions } = options;
  const store = await openFreshPgliteStore(storeOptions);
  const server = await startRoomServer(store, roomOptions);
  return {
    ...server,
    store,
    close: async () => {
      await server.close();
      await store.close();
    },
  };
}
