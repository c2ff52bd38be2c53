import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTinyGguf } from '../testing/tinyGguf/writeTinyGguf.ts';
import { loadLanesConfig } from './loadLanesConfig.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pairlane-load-lanes-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('loadLanesConfig', () => {
  it('finds the GGUF in the models folder when no lane names a model', async () => {
    const path = await writeTinyGguf(join(dir, 'models', 'tiny-coder.gguf'), {});
    expect(loadLanesConfig({}, join(dir, 'models')).fast).toMatchObject({ provider: 'embedded', modelPath: path, modelSource: 'models-folder' });
  });

  it('is off when the models folder is missing', () => {
    expect(loadLanesConfig({}, join(dir, 'nowhere')).fast.provider).toBe('off');
  });
});
