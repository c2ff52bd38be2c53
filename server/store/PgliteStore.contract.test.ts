import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openPgliteClient } from './PgliteClient.ts';
import { defineStoreContract } from './storeContract.ts';

defineStoreContract('pglite', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'pairlane-pglite-'));
  return {
    openClient: () => openPgliteClient(dir),
    close: () => rm(dir, { recursive: true, force: true }),
  };
});
