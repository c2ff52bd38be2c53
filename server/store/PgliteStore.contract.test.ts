import { rm } from 'node:fs/promises';
import { openPgliteClient } from './PgliteClient.ts';
import { defineStoreContract } from './storeContract.ts';
import { freshPgliteDataDir } from './testing/freshPgliteDataDir.ts';

defineStoreContract('pglite', async () => {
  const dir = await freshPgliteDataDir();
  return {
    openClient: () => openPgliteClient(dir),
    close: () => rm(dir, { recursive: true, force: true }),
  };
});
