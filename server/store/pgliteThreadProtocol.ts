import type { SqlRow } from './SqlClient.ts';

/** PGlite's WebAssembly, compiled once by the process (a compiled module is shared with a thread, not copied). */
export interface PgliteModules {
  pgliteWasmModule: WebAssembly.Module;
  initdbWasmModule: WebAssembly.Module;
}

/** What a PGlite thread is started with. */
export interface PgliteThreadData extends PgliteModules {
  /** PGlite's folder. */
  dir: string;
}

/**
 * What the PGlite thread (pgliteThread.ts) and its client (PgliteClient.ts) say to each other.
 * `tx` names an open transaction: `begin` opens it, queries naming it run inside it, `commit` or
 * `rollback` ends it. A query without `tx` runs on its own, after any open transaction ends.
 */
export type PgliteRequest =
  | { id: number; op: 'query'; sql: string; params?: unknown[]; tx?: number }
  | { id: number; op: 'exec'; sql: string; tx?: number }
  | { id: number; op: 'begin' | 'commit' | 'rollback'; tx: number }
  | { id: number; op: 'close' };

/** A failure as the driver reported it: its message and the fields callers read (`code` above all). */
export interface PgliteFailure {
  message: string;
  name?: string;
  fields: Record<string, string | number>;
}

export type PgliteReply = { id: number; rows: SqlRow[] } | { id: number; error: PgliteFailure };

/** Sent once PGlite has opened the folder, or could not. */
export type PgliteReady = { ready: true } | { ready: false; error: PgliteFailure };

/** A thrown value, as something structured clone carries whole (Error's own fields are not). */
export function toFailure(error: unknown): PgliteFailure {
  if (!(error instanceof Error)) return { message: String(error), fields: {} };
  const fields: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(error)) if (typeof value === 'string' || typeof value === 'number') fields[key] = value;
  return { message: error.message, name: error.name, fields };
}

/** The failure as an Error again, with the driver's fields (`code`, `detail`, ...) on it. */
export function fromFailure(failure: PgliteFailure): Error {
  const error = new Error(failure.message);
  if (failure.name) error.name = failure.name;
  return Object.assign(error, failure.fields);
}
