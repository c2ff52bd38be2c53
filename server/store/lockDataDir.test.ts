import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir } from './lockDataDir.ts';

describe('lockDataDir', () => {
  const dirs: string[] = [];
  const lockPath = () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pairlane-lock-'));
    dirs.push(dir);
    return path.join(dir, 'pglite.lock');
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('takes a free lock and releases it', () => {
    const file = lockPath();
    const release = lockDataDir(file);
    expect(readFileSync(file, 'utf8')).toBe(String(process.pid));
    release();
    expect(existsSync(file)).toBe(false);
  });

  it('refuses a lock held by a live process', () => {
    const file = lockPath();
    writeFileSync(file, String(process.ppid));
    expect(() => lockDataDir(file)).toThrow(DataDirLockedError);
  });

  it('takes over a lock left by a process that is gone (a restart after SIGKILL)', () => {
    const file = lockPath();
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    writeFileSync(file, gone);
    lockDataDir(file)();
  });
});
