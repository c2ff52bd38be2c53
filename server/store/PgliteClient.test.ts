import { rm } from 'node:fs/promises';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Worker } from 'node:worker_threads';
import { openPgliteClient, type PgliteClientOptions } from './PgliteClient.ts';
import { freshPgliteDataDir } from './testing/freshPgliteDataDir.ts';

// The real PGlite on its own thread, in a fresh data folder: what crosses the thread boundary.

const folders: string[] = [];
afterEach(async () => {
  for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
});

async function client(options?: PgliteClientOptions) {
  const folder = await freshPgliteDataDir();
  folders.push(folder);
  return openPgliteClient(folder, options);
}

describe('PGlite on its own thread', () => {
  it('carries parameters, bytes and rows across, and the driver’s error fields back', async () => {
    const sql = await client();
    try {
      await sql.exec('create table t (id int primary key, data bytea)');
      // A view into a larger buffer (as Socket.IO hands updates over): only its own bytes are stored.
      const frame = Buffer.from([9, 9, 1, 2, 3, 9]);
      await sql.query('insert into t values ($1, $2)', [1, frame.subarray(2, 5)]);
      const rows = await sql.query('select id, data from t');
      expect(rows).toHaveLength(1);
      expect(rows[0]!.id).toBe(1);
      expect([...(rows[0]!.data as Uint8Array)]).toEqual([1, 2, 3]);
      const duplicate = await sql.query('insert into t values (1, null)').catch((error: unknown) => error);
      expect(duplicate).toBeInstanceOf(Error);
      expect(duplicate).toMatchObject({ code: '23505', message: expect.stringContaining('duplicate key') });
    } finally {
      await sql.close();
    }
  });

  it('commits a transaction that resolves, rolls back one that throws, and runs other queries after it', async () => {
    const sql = await client();
    try {
      await sql.exec('create table t (id int)');
      expect(await sql.transaction(async (tx) => (await tx.query('insert into t values (1) returning id'))[0]!.id)).toBe(1);
      const failed = sql.transaction(async (tx) => {
        await tx.query('insert into t values (2)');
        throw new Error('changed my mind');
      });
      // Sent while the transaction is open: runs after it ends, and does not see its row.
      const outside = sql.query('select count(*)::int as n from t');
      await expect(failed).rejects.toThrow('changed my mind');
      expect((await outside)[0]!.n).toBe(1);
      expect((await sql.query('select id from t order by id')).map((row) => row.id)).toEqual([1]);
    } finally {
      await sql.close();
    }
  });

  it('refuses calls once closed instead of leaving them waiting', async () => {
    const sql = await client();
    await sql.close();
    await expect(sql.query('select 1')).rejects.toThrow(/the PGlite thread exited/);
  });

  it('starts a new thread after one dies: what it had not answered fails, what was committed is there', async () => {
    const threads: Worker[] = [];
    const sql = await client({ onThread: (worker) => threads.push(worker), restartAfterMs: 60_000 });
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    // Only the clock the pause is measured on is the test's; timers and the thread run for real.
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      await sql.exec('create table t (id int)');
      await sql.query('insert into t values (1)');
      // A transaction open when the thread dies, and a query queued behind it.
      const open = sql.transaction(async (tx) => {
        await tx.query('insert into t values (2)');
        await threads[0]!.terminate();
        await tx.query('insert into t values (3)');
      });
      const queued = sql.query('select 1');
      await expect(open).rejects.toThrow(/the PGlite thread exited/);
      await expect(queued).rejects.toThrow(/the PGlite thread exited/);
      expect(logged).toHaveBeenCalledWith(expect.stringContaining('the next query starts it again'));
      // Until restartAfterMs has passed, calls fail at once with the death's error (no start per call).
      await expect(sql.query('select 1')).rejects.toThrow(/the PGlite thread exited/);
      expect(threads).toHaveLength(1);
      vi.setSystemTime(Date.now() + 60_000);
      // Then the next call starts a thread on the same folder: the committed row, not the open transaction's.
      expect((await sql.query('select id from t order by id')).map((row) => row.id)).toEqual([1]);
      expect(threads).toHaveLength(2);
      await sql.query('insert into t values (4)');
      expect((await sql.query('select count(*)::int as n from t'))[0]!.n).toBe(2);
    } finally {
      vi.useRealTimers();
      logged.mockRestore();
      await sql.close();
    }
    await expect(sql.query('select 1')).rejects.toThrow(/the store is closed/);
  });
});
