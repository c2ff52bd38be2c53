import { openSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs';

/** Thrown when another live process already uses the folder. */
export class DataDirLockedError extends Error {
  constructor(
    readonly lockPath: string,
    readonly pid: number,
  ) {
    super(`${lockPath} is held by process ${pid}: one server per data folder (use DATABASE_URL to share a database).`);
    this.name = 'DataDirLockedError';
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes `lockPath` for this process (a file holding our pid) and returns its release. PGlite is
 * one process's database: a second instance on the same files would not see the first one's
 * writes and would overwrite them. A lock left by a killed process (its pid is gone) is taken over,
 * so a restart after SIGKILL just works.
 */
export function lockDataDir(lockPath: string): () => void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number(readFileSync(lockPath, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) throw new DataDirLockedError(lockPath, pid);
      rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`Could not take ${lockPath}`);
}
