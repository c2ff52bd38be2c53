import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadRoomSecret } from './loadRoomSecret.ts';

describe('loadRoomSecret', () => {
  const dirs: string[] = [];
  const tempDir = async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'pairlane-secret-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(async () => {
    for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  });

  it('uses PAIRLANE_SECRET when set, and refuses a short one', async () => {
    const dir = await tempDir();
    const secret = 's'.repeat(40);
    expect((await loadRoomSecret({ PAIRLANE_SECRET: secret }, dir)).toString()).toBe(secret);
    await expect(loadRoomSecret({ PAIRLANE_SECRET: 'short' }, dir)).rejects.toThrow('at least 32');
  });

  it('otherwise generates one into the data folder, private to the owner, and keeps it across restarts', async () => {
    const dir = path.join(await tempDir(), 'data');
    const first = await loadRoomSecret({}, dir);
    expect(first.length).toBe(64);
    expect((await stat(path.join(dir, 'secret'))).mode & 0o777).toBe(0o600);
    expect((await loadRoomSecret({}, dir)).equals(first)).toBe(true);
    expect((await readFile(path.join(dir, 'secret'), 'utf8')).trim()).toBe(first.toString());
  });
});
