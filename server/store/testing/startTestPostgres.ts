import { execFile } from 'node:child_process';
import { chownSync, existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A PostgreSQL server for tests, or why there is none. */
export type TestPostgres =
  | { available: true; url: string; /** Whether this process started it (and stop() stops it). */ started: boolean; stop(): Promise<void> }
  | { available: false; reason: string };

/** The newest Debian-style bin folder (/usr/lib/postgresql/<major>/bin), or PAIRLANE_PG_BIN. */
export function findPostgresBin(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const explicit = env.PAIRLANE_PG_BIN?.trim();
  if (explicit) return existsSync(path.join(explicit, 'pg_ctl')) ? explicit : undefined;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const majors = readdirSync(root)
    .filter((name) => /^\d+$/.test(name) && existsSync(path.join(root, name, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(b) - Number(a));
  return majors[0] === undefined ? undefined : path.join(root, majors[0], 'bin');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * Uses `DATABASE_URL` when set; otherwise initialises a throwaway cluster in a temp folder and
 * starts it on a free loopback port. PostgreSQL refuses to run as root, so as root the cluster
 * belongs to the `postgres` user (or `nobody`) and the binaries run through `runuser`.
 */
export async function startTestPostgres(env: NodeJS.ProcessEnv = process.env): Promise<TestPostgres> {
  const existing = env.DATABASE_URL?.trim();
  if (existing) return { available: true, url: existing, started: false, stop: async () => undefined };
  const bin = findPostgresBin(env);
  if (!bin) return { available: false, reason: 'no PostgreSQL binaries (apt-get install postgresql, or set DATABASE_URL or PAIRLANE_PG_BIN)' };

  const dir = await mkdtemp(path.join(os.tmpdir(), 'pairlane-pg-'));
  const asRoot = process.getuid?.() === 0;
  const user = asRoot ? (await userExists('postgres') ? 'postgres' : 'nobody') : undefined;
  if (user) {
    const { stdout } = await run('id', ['-u', user]);
    const { stdout: gid } = await run('id', ['-g', user]);
    chownSync(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  const exec = (tool: string, args: string[]) =>
    user ? run('runuser', ['-u', user, '--', path.join(bin, tool), ...args]) : run(path.join(bin, tool), args);

  const data = path.join(dir, 'data');
  const port = await freePort();
  try {
    await exec('initdb', ['-D', data, '-U', 'pairlane', '--auth=trust', '-E', 'UTF8', '--no-sync', '--no-instructions']);
    await exec('pg_ctl', [
      'start', '-w', '-t', '60', '-D', data, '-l', path.join(dir, 'server.log'),
      '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=50`,
    ]);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    available: true,
    url: `postgres://pairlane@127.0.0.1:${port}/postgres`,
    started: true,
    stop: async () => {
      await exec('pg_ctl', ['stop', '-m', 'immediate', '-D', data]).catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function userExists(name: string): Promise<boolean> {
  try {
    await run('id', ['-u', name]);
    return true;
  } catch {
    return false;
  }
}
