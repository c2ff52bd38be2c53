import { parentPort, workerData } from 'node:worker_threads';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { toFailure, type PgliteReady, type PgliteReply, type PgliteRequest, type PgliteThreadData } from './pgliteThreadProtocol.ts';

/**
 * PGlite on a thread of its own (started by PgliteClient.ts). PostgreSQL in WebAssembly runs
 * each query synchronously on the thread that calls it: on the server's thread, every stored
 * keystroke stopped the relaying of everyone else's for as long as PGlite took. Here it only
 * holds this thread; the server's goes on reading and sending.
 */
const port = parentPort;
if (!port) throw new Error('pgliteThread.ts runs as a worker thread');
const { dir, pgliteWasmModule, initdbWasmModule } = workerData as PgliteThreadData;

/** Open transactions: the handle to run queries in, and how to end it. */
const open = new Map<number, { tx: Transaction; commit: () => void; rollback: (reason: Error) => void }>();
/** Each transaction begun, settling once PGlite committed or rolled it back. */
const endings = new Map<number, Promise<unknown>>();

class RolledBack extends Error {}

let db: PGlite;
try {
  db = await PGlite.create(dir, { pgliteWasmModule, initdbWasmModule });
  port.postMessage({ ready: true } satisfies PgliteReady);
} catch (error) {
  port.postMessage({ ready: false, error: toFailure(error) } satisfies PgliteReady);
  process.exit(1);
}

port.on('message', (request: PgliteRequest) => {
  answer(request).then(
    (rows) => port.postMessage({ id: request.id, rows } satisfies PgliteReply),
    (error: unknown) => port.postMessage({ id: request.id, error: toFailure(error) } satisfies PgliteReply),
  );
});

async function answer(request: PgliteRequest): Promise<Record<string, unknown>[]> {
  switch (request.op) {
    case 'query':
      return (await on(request.tx).query<Record<string, unknown>>(request.sql, request.params)).rows;
    case 'exec':
      await on(request.tx).exec(request.sql);
      return [];
    case 'begin':
      return begin(request.tx);
    case 'commit':
    case 'rollback': {
      const entry = open.get(request.tx);
      const ended = endings.get(request.tx);
      if (!entry || !ended) throw new Error(`no open transaction ${request.tx}`);
      open.delete(request.tx);
      endings.delete(request.tx);
      if (request.op === 'commit') {
        entry.commit();
        // Resolves once PGlite committed; a failed commit rejects, and the caller hears it.
        await ended;
      } else {
        entry.rollback(new RolledBack('rolled back'));
        await ended.catch(() => undefined);
      }
      return [];
    }
    case 'close':
      await db.close();
      return [];
  }
}

/** Opens transaction `id` once PGlite starts it (after any transaction before it): answered then. */
function begin(id: number): Promise<Record<string, unknown>[]> {
  return new Promise((started, failed) => {
    const ended = db.transaction(
      (tx) =>
        new Promise<void>((commit, rollback) => {
          open.set(id, { tx, commit, rollback });
          started([]);
        }),
    );
    endings.set(id, ended);
    // Before it started (PGlite could not begin): the begin fails. After: commit or rollback awaits it.
    ended.catch((error: unknown) => {
      if (open.has(id) || !endings.has(id)) return;
      endings.delete(id);
      failed(error);
    });
  });
}

function on(tx: number | undefined): PGlite | Transaction {
  if (tx === undefined) return db;
  const entry = open.get(tx);
  if (!entry) throw new Error(`no open transaction ${tx}`);
  return entry.tx;
}
