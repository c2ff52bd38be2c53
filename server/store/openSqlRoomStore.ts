import type { SqlClient } from './SqlClient.ts';
import { SqlRoomStore, type SqlRoomStoreOptions } from './SqlRoomStore.ts';
import { migrateStore } from './storeMigrations.ts';

/** Brings the schema up to date, then serves rooms from `client`; closes the client when migrating fails. */
export async function openSqlRoomStore(client: SqlClient, options?: SqlRoomStoreOptions): Promise<SqlRoomStore> {
  try {
    await migrateStore(client);
  } catch (error) {
    await client.close();
    throw error;
  }
  return new SqlRoomStore(client, options);
}
