import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { SqlClient, SqlQueries, SqlRow } from './SqlClient.ts';
import { lockDataDir } from './lockDataDir.ts';
import { fromFailure, type PgliteModules, type PgliteReady, type PgliteReply, type PgliteRequest, type PgliteThreadData } from './pgliteThreadProtocol.ts';

/** Spread so the union's per-op fields stay checked; `id` is added when sent. */
type Request = PgliteRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

/**
 * PostgreSQL compiled to WebAssembly (PGlite) with its files in `<dataDir>/pglite`, run on a
 * worker thread of its own (pgliteThread.ts) so its queries never hold the server's thread.
 * Emscripten's NODEFS writes through to the real files on every write, so a committed
 * transaction survives the process being killed. One connection: PGlite runs one query at a time
 * and queues the rest; a transaction holds it until it ends. One process per folder, enforced by
 * a lock file (DataDirLockedError).
 */
export async function openPgliteClient(dataDir: string): Promise<SqlClient> {
  const dir = path.join(path.resolve(dataDir), 'pglite');
  await mkdir(dir, { recursive: true });
  const release = lockDataDir(`${dir}.lock`);
  let modules: PgliteModules;
  try {
    modules = await compiledModules();
  } catch (error) {
    release();
    throw error;
  }
  const worker = new Worker(new URL('./pgliteThreadBoot.mjs', import.meta.url), { workerData: { dir, ...modules } satisfies PgliteThreadData });
  const pending = new Map<number, { resolve: (rows: SqlRow[]) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  let nextTx = 1;
  let gone: Error | undefined;

  const ready = new Promise<void>((resolve, reject) => {
    worker.once('message', (message: PgliteReady) => (message.ready ? resolve() : reject(fromFailure(message.error))));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the PGlite thread exited (${code}) before opening ${dir}`)));
  });
  try {
    await ready;
  } catch (error) {
    await worker.terminate();
    release();
    throw error;
  }
  worker.on('message', (reply: PgliteReply) => {
    const waiting = pending.get(reply.id);
    pending.delete(reply.id);
    if (pending.size === 0) worker.unref();
    if ('error' in reply) waiting?.reject(fromFailure(reply.error));
    else waiting?.resolve(reply.rows);
  });
  const fail = (error: Error) => {
    gone ??= error;
    for (const waiting of pending.values()) waiting.reject(error);
    pending.clear();
  };
  worker.on('error', (error) => fail(new Error(`the PGlite thread failed: ${error.message}`, { cause: error })));
  worker.on('exit', (code) => fail(new Error(`the PGlite thread exited (${code})`)));
  // Idle, the thread does not keep the process alive; a call in flight does.
  worker.unref();

  const call = (request: Request): Promise<SqlRow[]> => {
    if (gone) return Promise.reject(gone);
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage({ ...request, id });
    });
  };
  const queries = (tx?: number): SqlQueries => ({
    query: (sql, params) => call({ op: 'query', sql, ...(params ? { params: params.map(ownBytes) } : {}), ...(tx === undefined ? {} : { tx }) }),
    exec: async (sql) => {
      await call({ op: 'exec', sql, ...(tx === undefined ? {} : { tx }) });
    },
  });

  return {
    backend: 'pglite',
    ...queries(),
    transaction: async (work) => {
      const tx = nextTx++;
      await call({ op: 'begin', tx });
      let result;
      try {
        result = await work(queries(tx));
      } catch (error) {
        await call({ op: 'rollback', tx }).catch(() => undefined);
        throw error;
      }
      await call({ op: 'commit', tx });
      return result;
    },
    close: async () => {
      try {
        if (!gone) await call({ op: 'close' });
      } finally {
        await worker.terminate();
        release();
      }
    },
  };
}

let compiling: Promise<PgliteModules> | undefined;

/**
 * PGlite's WebAssembly (the server and initdb), compiled once per process and handed to each
 * thread: a thread of its own would otherwise compile it again on every open (~0.6 s).
 */
function compiledModules(): Promise<PgliteModules> {
  compiling ??= (async () => {
    const dist = path.dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
    const compile = async (file: string) => WebAssembly.compile(await readFile(path.join(dist, file)));
    const [pgliteWasmModule, initdbWasmModule] = await Promise.all([compile('pglite.wasm'), compile('initdb.wasm')]);
    return { pgliteWasmModule, initdbWasmModule };
  })();
  // A failure is not kept: the next open tries again.
  compiling.catch(() => (compiling = undefined));
  return compiling;
}

/**
 * Bytes as a copy of their own, at any depth of arrays. Posting a view to the thread copies its
 * whole underlying buffer: an update Socket.IO handed over is a few bytes of a received frame,
 * often of Node's 8 KiB pool or a larger read, which cost half a millisecond a batch to clone.
 */
function ownBytes(value: unknown): unknown {
  // Not `slice`: on a Buffer it is a view, like `subarray`.
  if (value instanceof Uint8Array) return new Uint8Array(value);
  if (Array.isArray(value)) return value.map(ownBytes);
  return value;
}
