import pg from 'pg';
import type { SqlClient, SqlQueries } from './SqlClient.ts';

/** A PostgreSQL server at `databaseUrl` (a `postgres://` URL), through a small pool. */
export function openPostgresClient(databaseUrl: string, poolSize = 8): SqlClient {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize });
  // An idle connection that dies (the database restarted) must not take the process down.
  pool.on('error', (error) => console.error('PostgreSQL connection error:', error.message));
  return {
    backend: 'postgres',
    ...queries(pool),
    transaction: async (work) => {
      const connection = await pool.connect();
      try {
        await connection.query('begin');
        const result = await work(queries(connection));
        await connection.query('commit');
        return result;
      } catch (error) {
        await connection.query('rollback').catch(() => undefined);
        throw error;
      } finally {
        connection.release();
      }
    },
    close: () => pool.end(),
  };
}

/** pg sends a Buffer as bytea; a plain Uint8Array is wrapped (no copy). */
function paramsFor(params: readonly unknown[] | undefined): unknown[] | undefined {
  return params?.map((param) =>
    param instanceof Uint8Array && !Buffer.isBuffer(param) ? Buffer.from(param.buffer, param.byteOffset, param.byteLength) : param,
  );
}

function queries(db: pg.Pool | pg.PoolClient): SqlQueries {
  return {
    query: async (sql, params) => (await db.query<Record<string, unknown>>(sql, paramsFor(params))).rows,
    exec: async (sql) => {
      // Without parameters pg uses the simple protocol, which runs several statements.
      await db.query(sql);
    },
  };
}
