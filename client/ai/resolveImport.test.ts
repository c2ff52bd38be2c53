import { describe, expect, it } from 'vitest';
import { resolveImport } from './resolveImport.ts';

const files = new Set(['src/main.ts', 'src/stats.ts', 'src/util/index.ts', 'src/view.tsx', 'lib/data.json']);
const exists = (path: string): boolean => files.has(path);

describe('resolveImport', () => {
  it('resolves relative specifiers with and without extensions', () => {
    expect(resolveImport('src/main.ts', './stats.ts', exists)).toBe('src/stats.ts');
    expect(resolveImport('src/main.ts', './stats', exists)).toBe('src/stats.ts');
    expect(resolveImport('src/main.ts', './util', exists)).toBe('src/util/index.ts');
    expect(resolveImport('src/main.ts', '../lib/data.json', exists)).toBe('lib/data.json');
  });

  it('maps a .js specifier to the TypeScript file it names', () => {
    expect(resolveImport('src/main.ts', './stats.js', exists)).toBe('src/stats.ts');
    expect(resolveImport('src/main.ts', './view.js', exists)).toBe('src/view.tsx');
  });

  it('leaves packages, missing files, paths above the root and the file itself alone', () => {
    expect(resolveImport('src/main.ts', 'vitest', exists)).toBeUndefined();
    expect(resolveImport('src/main.ts', './missing', exists)).toBeUndefined();
    expect(resolveImport('main.ts', '../outside', exists)).toBeUndefined();
    expect(resolveImport('src/main.ts', './main', exists)).toBeUndefined();
  });
});
