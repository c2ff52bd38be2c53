import { describe, expect, it } from 'vitest';
import { buildFileTree, visibleRows } from './buildFileTree.ts';

describe('buildFileTree', () => {
  it('puts folders before files and orders names naturally', () => {
    const tree = buildFileTree(['b.ts', 'a10.ts', 'a2.ts', 'src/x.ts'], ['docs']);
    expect(tree.map((n) => `${n.kind}:${n.name}`)).toEqual(['folder:docs', 'folder:src', 'file:a2.ts', 'file:a10.ts', 'file:b.ts']);
  });

  it('creates folders implied by deep files, with depths', () => {
    const [src] = buildFileTree(['src/lib/deep/x.ts'], []);
    expect(src?.path).toBe('src');
    const lib = src?.children[0];
    expect(lib?.path).toBe('src/lib');
    expect(lib?.depth).toBe(1);
    expect(lib?.children[0]?.children[0]).toMatchObject({ kind: 'file', path: 'src/lib/deep/x.ts', depth: 3 });
  });

  it('hides what is inside collapsed folders', () => {
    const tree = buildFileTree(['src/a.ts', 'src/lib/b.ts', 'top.ts'], []);
    expect(visibleRows(tree, new Set()).map((n) => n.path)).toEqual(['src', 'src/lib', 'src/lib/b.ts', 'src/a.ts', 'top.ts']);
    expect(visibleRows(tree, new Set(['src/lib'])).map((n) => n.path)).toEqual(['src', 'src/lib', 'src/a.ts', 'top.ts']);
    expect(visibleRows(tree, new Set(['src'])).map((n) => n.path)).toEqual(['src', 'top.ts']);
  });
});
