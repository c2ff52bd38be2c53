import { dataDirFrom } from './dataDirFrom.ts';
import { openPgliteClient } from './PgliteClient.ts';
import { openPostgresClient } from './PostgresClient.ts';
import type { RoomStore } from './RoomStore.ts';
import type { SqlRoomStoreOptions } from './SqlRoomStore.ts';
import { openSqlRoomStore } from './openSqlRoomStore.ts';

/**
 * The store the environment asks for: PostgreSQL when `DATABASE_URL` is set, otherwise PGlite in
 * the data folder (`PAIRLANE_DATA_DIR`, default `./data`), which needs no set-up at all.
 */
export async function openRoomStore(env: NodeJS.ProcessEnv, options?: SqlRoomStoreOptions): Promise<RoomStore> {
  const databaseUrl = env.DATABASE_URL?.trim();
  const client = databaseUrl ? openPostgresClient(databaseUrl) : await openPgliteClient(dataDirFrom(env));
  return openSqlRoomStore(client, options);
}
