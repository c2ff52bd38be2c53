import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import type { SqlClient, SqlQueries } from './SqlClient.ts';
import { lockDataDir } from './lockDataDir.ts';

/**
 * PostgreSQL compiled to WebAssembly (PGlite) with its files in `<dataDir>/pglite`. Emscripten's
 * NODEFS writes through to the real files on every write, so a committed transaction survives
 * the process being killed. One connection: PGlite runs one query at a time and queues the rest.
 * One process per folder, enforced by a lock file (DataDirLockedError).
 */
export async function openPgliteClient(dataDir: string): Promise<SqlClient> {
  const dir = path.join(path.resolve(dataDir), 'pglite');
  await mkdir(dir, { recursive: true });
  const release = lockDataDir(`${dir}.lock`);
  let db: PGlite;
  try {
    db = await PGlite.create(dir);
  } catch (error) {
    release();
    throw error;
  }
  return {
    backend: 'pglite',
    ...queries(db),
    transaction: (work) => db.transaction((tx) => work(queries(tx))),
    close: async () => {
      try {
        await db.close();
      } finally {
        release();
      }
    },
  };
}

function queries(db: PGlite | Transaction): SqlQueries {
  return {
    query: async (sql, params) => (await db.query<Record<string, unknown>>(sql, params ? [...params] : undefined)).rows,
    exec: async (sql) => {
      await db.exec(sql);
    },
  };
}
