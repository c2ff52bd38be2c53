import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findLocalModel } from './findLocalModel.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pairlane-models-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const put = (name: string, bytes: number) => writeFile(join(dir, name), Buffer.alloc(bytes, 1));

describe('findLocalModel', () => {
  it('prefers a model whose name says coder or FIM over a smaller general one', async () => {
    await put('llama-3.2-1b-instruct-q4_k_m.gguf', 10);
    await put('qwen2.5-coder-0.5b-instruct-q8_0.gguf', 50);
    expect(findLocalModel(dir)).toBe(join(dir, 'qwen2.5-coder-0.5b-instruct-q8_0.gguf'));
  });

  it('takes the smallest among equals, then the first by name', async () => {
    await put('b-coder.gguf', 30);
    await put('a-coder.gguf', 30);
    await put('c-coder.gguf', 20);
    expect(findLocalModel(dir)).toBe(join(dir, 'c-coder.gguf'));
    await rm(join(dir, 'c-coder.gguf'));
    expect(findLocalModel(dir)).toBe(join(dir, 'a-coder.gguf'));
  });

  it('takes a general model when it is all there is', async () => {
    await put('phi-mini.GGUF', 10);
    expect(findLocalModel(dir)).toBe(join(dir, 'phi-mini.GGUF'));
  });

  it('skips what is not a runnable model: other files, empty files, folders, projectors, later split parts', async () => {
    await put('notes.txt', 10);
    await put('empty-coder.gguf', 0);
    await put('mmproj-coder-f16.gguf', 10);
    await put('.hidden-coder.gguf', 10);
    await put('big-coder-00002-of-00002.gguf', 10);
    await mkdir(join(dir, 'folder-coder.gguf'));
    expect(findLocalModel(dir)).toBeUndefined();
    await put('big-coder-00001-of-00002.gguf', 10);
    expect(findLocalModel(dir)).toBe(join(dir, 'big-coder-00001-of-00002.gguf'));
  });

  it('answers undefined for a missing folder', async () => {
    expect(findLocalModel(join(dir, 'missing'))).toBeUndefined();
  });
});
