/** One row as the driver returns it. */
export type SqlRow = Record<string, unknown>;

/** The queries a transaction may run. */
export interface SqlQueries {
  query(sql: string, params?: readonly unknown[]): Promise<SqlRow[]>;
  /** Runs several statements without parameters (schema steps). */
  exec(sql: string): Promise<void>;
}

/**
 * The little of a Postgres driver the store needs, so PGlite and `pg` run the very same SQL
 * (both are PostgreSQL; only the way in differs).
 */
export interface SqlClient extends SqlQueries {
  readonly backend: 'pglite' | 'postgres';
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: SqlQueries) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
