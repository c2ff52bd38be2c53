import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readWorkspaceFolder } from './readWorkspaceFolder.ts';

describe('readWorkspaceFolder', () => {
  let folder = '';

  beforeAll(async () => {
    folder = await fs.mkdtemp(path.join(os.tmpdir(), 'pairlane-read-'));
    const write = async (file: string, data: string | Uint8Array) => {
      await fs.mkdir(path.dirname(path.join(folder, file)), { recursive: true });
      await fs.writeFile(path.join(folder, file), data);
    };
    await write('src/sum.ts', 'export const sum = (a: number, b: number) => a + b;\n');
    await write('src/sum.test.ts', "import { sum } from './sum.ts';\n");
    await write('README.md', '# héllo\n');
    await write('node_modules/dep/index.js', 'module.exports = 1;');
    await write('.git/HEAD', 'ref: refs/heads/main');
    await write('dist/out.js', '1');
    await write('logo.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]));
    await write('latin1.txt', new Uint8Array([0x63, 0x61, 0x66, 0xe9])); // "café" in Latin-1: not UTF-8
    await write('big.json', 'x'.repeat(2_000));
    await fs.symlink('/etc/hostname', path.join(folder, 'link.txt'));
  });

  afterAll(async () => {
    await fs.rm(folder, { recursive: true, force: true });
  });

  it('reads text files with relative "/" paths, sorted', async () => {
    const { files } = await readWorkspaceFolder(folder, { maxFileBytes: 1_000, maxTotalBytes: 100_000 });
    expect(Object.keys(files)).toEqual(['README.md', 'src/sum.test.ts', 'src/sum.ts']);
    expect(files['README.md']).toBe('# héllo\n');
  });

  it('says what it left out and why', async () => {
    const { skipped } = await readWorkspaceFolder(folder, { maxFileBytes: 1_000, maxTotalBytes: 100_000 });
    expect(Object.fromEntries(skipped.map((s) => [s.path, s.reason]))).toEqual({
      '.git/': 'dependencies, history or build output',
      'big.json': 'too large (2000 bytes; limit 1000)',
      'dist/': 'dependencies, history or build output',
      'latin1.txt': 'binary',
      'link.txt': 'symbolic link',
      'logo.png': 'binary',
      'node_modules/': 'dependencies, history or build output',
    });
  });

  it('stops reading at the limit for the whole folder', async () => {
    const { files, skipped } = await readWorkspaceFolder(folder, { maxFileBytes: 5_000, maxTotalBytes: 2_010 });
    expect(Object.keys(files)).toEqual(['README.md', 'big.json']);
    expect(skipped.filter((s) => s.reason.includes('whole folder')).map((s) => s.path)).toEqual(['src/sum.test.ts', 'src/sum.ts']);
  });
});
