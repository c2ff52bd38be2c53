import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { SqlClient, SqlQueries, SqlRow } from './SqlClient.ts';
import { lockDataDir } from './lockDataDir.ts';
import { fromFailure, type PgliteModules, type PgliteReady, type PgliteReply, type PgliteRequest, type PgliteThreadData } from './pgliteThreadProtocol.ts';

/** Spread so the union's per-op fields stay checked; `id` is added when sent. */
type Request = PgliteRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

/** How `openPgliteClient` may be watched and tuned. */
export interface PgliteClientOptions {
  /** Told of every thread started: the first and each one after a thread died. */
  onThread?: (worker: Worker) => void;
  /** The least time between two starts of a thread after one died, in ms (default 1,000). */
  restartAfterMs?: number;
}

/** One PGlite thread and the calls it has not answered yet. */
interface Thread {
  worker: Worker;
  pending: Map<number, { resolve: (rows: SqlRow[]) => void; reject: (error: Error) => void }>;
  /** Settles once PGlite opened the folder (or could not). */
  ready: Promise<void>;
  isReady: boolean;
}

/**
 * PostgreSQL compiled to WebAssembly (PGlite) with its files in `<dataDir>/pglite`, run on a
 * worker thread of its own (pgliteThread.ts) so its queries never hold the server's thread.
 * Emscripten's NODEFS writes through to the real files on every write, so a committed
 * transaction survives the process being killed. One connection: PGlite runs one query at a time
 * and queues the rest; a transaction holds it until it ends. One process per folder, enforced by
 * a lock file (DataDirLockedError).
 *
 * A thread that dies (PGlite aborting, a crash in its WebAssembly) fails the calls it had not
 * answered, a transaction open on it included, and the next call starts a new thread on the same
 * folder: PostgreSQL's recovery replays what was committed, as after a killed process. Starts
 * after a death are at least `restartAfterMs` apart; a call before then fails with the death's error.
 */
export async function openPgliteClient(dataDir: string, options: PgliteClientOptions = {}): Promise<SqlClient> {
  const dir = path.join(path.resolve(dataDir), 'pglite');
  const restartAfterMs = options.restartAfterMs ?? 1000;
  await mkdir(dir, { recursive: true });
  const release = lockDataDir(`${dir}.lock`);
  let modules: PgliteModules;
  try {
    modules = await compiledModules();
  } catch (error) {
    release();
    throw error;
  }
  let nextId = 1;
  let nextTx = 1;
  let closed = false;
  let opened = false;
  let thread: Thread | undefined;
  /** Why the last thread died, and when: calls fail with it until a restart is due. */
  let death: { error: Error; at: number } | undefined;

  const start = (): Thread => {
    const worker = new Worker(new URL('./pgliteThreadBoot.mjs', import.meta.url), { workerData: { dir, ...modules } satisfies PgliteThreadData });
    const started: Thread = { worker, pending: new Map(), ready: Promise.resolve(), isReady: false };
    const died = (error: Error): void => {
      for (const waiting of started.pending.values()) waiting.reject(error);
      started.pending.clear();
      if (thread !== started) return;
      thread = undefined;
      if (closed) return;
      death = { error, at: Date.now() };
      // Opening fails to the caller of openPgliteClient; after that, a death is the server log's.
      if (opened) console.error(`PGlite (${dir}): ${error.message}; the next query starts it again`);
    };
    started.ready = new Promise<void>((resolve, reject) => {
      worker.once('message', (message: PgliteReady) => (message.ready ? resolve() : reject(fromFailure(message.error))));
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`the PGlite thread exited (${code}) before opening ${dir}`)));
    }).then(() => {
      started.isReady = true;
      // Idle, the thread does not keep the process alive; a call in flight does (and opening did).
      if (started.pending.size === 0) worker.unref();
      worker.on('message', (reply: PgliteReply) => {
        const waiting = started.pending.get(reply.id);
        started.pending.delete(reply.id);
        if (started.pending.size === 0) worker.unref();
        if ('error' in reply) waiting?.reject(fromFailure(reply.error));
        else waiting?.resolve(reply.rows);
      });
    });
    // Before it is ready, the ready promise carries the failure; after, every call waiting on it does.
    started.ready.catch((error: unknown) => {
      void worker.terminate();
      died(error instanceof Error ? error : new Error(String(error)));
    });
    worker.on('error', (error) => died(new Error(`the PGlite thread failed: ${error.message}`, { cause: error })));
    worker.on('exit', (code) => died(new Error(closed ? 'the PGlite thread exited: the store is closed' : `the PGlite thread exited (${code})`)));
    thread = started;
    options.onThread?.(worker);
    return started;
  };

  /** The thread to send to now: the live one, or a new one when the last died long enough ago. */
  const current = (): Thread | Error => {
    if (closed) return new Error('the PGlite thread exited: the store is closed');
    if (thread) return thread;
    if (death && Date.now() - death.at < restartAfterMs) return death.error;
    return start();
  };

  const send = (to: Thread, request: Request): Promise<SqlRow[]> => {
    if (to !== thread) return Promise.reject(death?.error ?? new Error('the PGlite thread exited'));
    const id = nextId++;
    return new Promise((resolve, reject) => {
      to.pending.set(id, { resolve, reject });
      to.worker.ref();
      to.worker.postMessage({ ...request, id });
    });
  };
  const call = (request: Request): Promise<SqlRow[]> => {
    const to = current();
    if (to instanceof Error) return Promise.reject(to);
    // Sent at once when the thread is up, so calls reach it in the order they were made.
    if (to.isReady) return send(to, request);
    return to.ready.then(() => send(to, request));
  };
  const queries = (tx?: number): SqlQueries => ({
    query: (sql, params) => call({ op: 'query', sql, ...(params ? { params: params.map(ownBytes) } : {}), ...(tx === undefined ? {} : { tx }) }),
    exec: async (sql) => {
      await call({ op: 'exec', sql, ...(tx === undefined ? {} : { tx }) });
    },
  });

  try {
    await start().ready;
  } catch (error) {
    release();
    throw error;
  }
  opened = true;

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
      if (closed) return;
      const last = thread;
      try {
        if (last?.isReady) await send(last, { op: 'close' });
      } finally {
        closed = true;
        if (last) await last.worker.terminate();
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
