import { rm } from 'node:fs/promises';
import { openPgliteClient } from '../PgliteClient.ts';
import type { SqlRoomStore, SqlRoomStoreOptions } from '../SqlRoomStore.ts';
import { openSqlRoomStore } from '../openSqlRoomStore.ts';
import { freshPgliteDataDir } from './freshPgliteDataDir.ts';

/**
 * A store over PGlite in a fresh data folder of its own (`freshPgliteDataDir`), for a test that
 * needs a real store and not its folder: its `close()` closes the store, then removes the folder.
 */
export async function openFreshPgliteStore(options?: SqlRoomStoreOptions): Promise<SqlRoomStore> {
  const dataDir = await freshPgliteDataDir();
  const store = await openSqlRoomStore(await openPgliteClient(dataDir), options);
  const close = store.close.bind(store);
  store.close = async () => {
    await close();
    await rm(dataDir, { recursive: true, force: true });
  };
  return store;
}
