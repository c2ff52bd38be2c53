import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineProviderContract } from '../providerContract.ts';
import { writeTinyGguf } from '../../testing/tinyGguf/writeTinyGguf.ts';
import { createEmbeddedProvider } from './createEmbeddedProvider.ts';

// The embedded adapter runs a real model, so the contract's "any upstream" cases apply: a
// generated random-weight GGUF through node-llama-cpp.
defineProviderContract('embedded', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'pairlane-embedded-contract-'));
  const modelPath = await writeTinyGguf(join(dir, 'tiny-coder.gguf'));
  return {
    toolCalling: true,
    makeProvider: () => createEmbeddedProvider({ modelPath }),
    close: () => rm(dir, { recursive: true, force: true }),
  };
});
