import { describe, expect, it } from 'vitest';
import { toFileSystemTree } from './toFileSystemTree.ts';

describe('toFileSystemTree', () => {
  it('nests folders', () => {
    expect(toFileSystemTree({ 'a.ts': '1', 'src/b.ts': '2', 'src/deep/c.ts': '3', './d.ts': '4' })).toEqual({
      'a.ts': { file: { contents: '1' } },
      'd.ts': { file: { contents: '4' } },
      src: {
        directory: {
          'b.ts': { file: { contents: '2' } },
          deep: { directory: { 'c.ts': { file: { contents: '3' } } } },
        },
      },
    });
  });

  it('refuses paths that leave the workspace or collide', () => {
    expect(() => toFileSystemTree({ '../x.ts': '' })).toThrow(/leaves the workspace/);
    expect(() => toFileSystemTree({ src: '', 'src/a.ts': '' })).toThrow(/is a file/);
    expect(() => toFileSystemTree({ 'src/a.ts': '', src: '' })).toThrow(/is a folder/);
  });
});
