import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** The shortest PAIRLANE_SECRET accepted: shorter ones can be guessed. */
export const MIN_SECRET_CHARS = 32;

/**
 * The key that signs room tokens: `PAIRLANE_SECRET` when set, otherwise a random one generated
 * once and kept in `<dataDir>/secret` (mode 0600), so tokens stay valid across restarts. Never
 * sent to a client.
 */
export async function loadRoomSecret(env: NodeJS.ProcessEnv, dataDir: string): Promise<Buffer> {
  const fromEnv = env.PAIRLANE_SECRET?.trim();
  if (fromEnv) {
    if (fromEnv.length < MIN_SECRET_CHARS) throw new Error(`PAIRLANE_SECRET must be at least ${MIN_SECRET_CHARS} characters.`);
    return Buffer.from(fromEnv, 'utf8');
  }
  const file = path.join(dataDir, 'secret');
  try {
    const kept = (await readFile(file, 'utf8')).trim();
    if (kept.length >= MIN_SECRET_CHARS) return Buffer.from(kept, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('hex');
  // 'wx': two servers starting at once on one folder must not each write their own.
  try {
    await writeFile(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
    return Buffer.from(secret, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return Buffer.from((await readFile(file, 'utf8')).trim(), 'utf8');
  }
}
