import type { SqlClient } from './SqlClient.ts';
import { StoreError } from './RoomStore.ts';

/** One step of the schema; versions count up from 1 with no gaps, and a released step never changes. */
export interface StoreMigration {
  version: number;
  name: string;
  sql: string;
}

/**
 * The store's schema, in order. Times are epoch milliseconds in bigint columns (exact, and the
 * same in every backend); sequence numbers are identity columns, so the database orders appends.
 */
export const STORE_MIGRATIONS: readonly StoreMigration[] = [
  {
    version: 1,
    name: 'rooms, document updates, event log, host notes',
    sql: `
      create table rooms (
        id text primary key,
        created_at_ms bigint not null,
        host_id text not null,
        host_name text not null,
        policy jsonb not null
      );
      create table room_updates (
        seq bigint generated always as identity primary key,
        room_id text not null references rooms (id) on delete cascade,
        data bytea not null,
        stored_at_ms bigint not null
      );
      create index room_updates_by_room on room_updates (room_id, seq);
      create table room_events (
        seq bigint generated always as identity primary key,
        room_id text not null references rooms (id) on delete cascade,
        at_ms bigint not null,
        person_id text not null,
        kind text not null,
        payload jsonb not null
      );
      create index room_events_by_time on room_events (room_id, at_ms, seq);
      create table room_notes (
        room_id text primary key references rooms (id) on delete cascade,
        text text not null,
        updated_at_ms bigint not null
      );
    `,
  },
];

/** An arbitrary constant: the advisory lock that keeps two processes from migrating at once. */
const MIGRATION_LOCK = 7_061_420;

/**
 * Brings the schema up to the newest version, in one transaction, under an advisory lock (two
 * servers starting on one database migrate once). Refuses a database whose schema is newer than
 * this code: running old code on it could corrupt what the newer version wrote.
 */
export async function migrateStore(client: SqlClient, migrations: readonly StoreMigration[] = STORE_MIGRATIONS): Promise<number> {
  return client.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query('create table if not exists pairlane_schema (version integer primary key, name text not null, applied_at_ms bigint not null)');
    const rows = await tx.query('select coalesce(max(version), 0) as version from pairlane_schema');
    const current = Number(rows[0]?.version ?? 0);
    const newest = migrations.at(-1)?.version ?? 0;
    if (current > newest) {
      throw new StoreError('schema-too-new', `The store's schema is version ${current}; this server knows up to ${newest}. Upgrade the server.`);
    }
    for (const migration of migrations) {
      if (migration.version <= current) continue;
      await tx.exec(migration.sql);
      await tx.query('insert into pairlane_schema (version, name, applied_at_ms) values ($1, $2, $3)', [migration.version, migration.name, Date.now()]);
    }
    return newest;
  });
}
