import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cp, mkdtemp, rename, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openPgliteClient } from '../PgliteClient.ts';
import { STORE_MIGRATIONS, migrateStore } from '../storeMigrations.ts';

/**
 * A new, empty, migrated data folder for a PGlite store, in a temp dir. Creating a PGlite
 * database runs initdb in WebAssembly (~10 s on a busy machine), so the first call builds a
 * template once per PGlite version and schema, and every later call (any test file, any worker)
 * copies it.
 */
export async function freshPgliteDataDir(): Promise<string> {
  const template = path.join(os.tmpdir(), `pairlane-pglite-template-${templateKey()}`);
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

/** Which template fits: the PGlite build (its files change between versions) and the schema. */
function templateKey(): string {
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  const { version } = JSON.parse(readFileSync(path.join(path.dirname(entry), '..', 'package.json'), 'utf8')) as { version: string };
  const schema = STORE_MIGRATIONS.map((migration) => `${migration.version}:${migration.sql}`).join('\n');
  return createHash('sha256').update(`${version}\n${schema}`).digest('hex').slice(0, 16);
}
