import { existsSync } from 'node:fs';
import { cp, mkdtemp, rename, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openPgliteClient } from '../PgliteClient.ts';
import { STORE_MIGRATIONS, migrateStore } from '../storeMigrations.ts';

/**
 * A new, empty, migrated data folder for a PGlite store, in a temp dir. Creating a PGlite
 * database runs initdb in WebAssembly (~10 s on a busy machine), so the first call builds a
 * template once per schema version and every later call (any test file, any worker) copies it.
 */
export async function freshPgliteDataDir(): Promise<string> {
  const template = path.join(os.tmpdir(), `pairlane-pglite-template-v${STORE_MIGRATIONS.length}`);
  if (!existsSync(path.join(template, 'pglite', 'PG_VERSION'))) {
    const building = await mkdtemp(path.join(os.tmpdir(), 'pairlane-pglite-building-'));
    const client = await openPgliteClient(building);
    await migrateStore(client);
    await client.close();
    // Another worker may have finished first: then its template stands and ours goes.
    await rename(building, template).catch(() => rm(building, { recursive: true, force: true }));
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'pairlane-data-'));
  await cp(template, dir, { recursive: true });
  return dir;
}
