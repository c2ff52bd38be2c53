import { describe, expect, it } from 'vitest';
import { missingModuleMessage, resolveWorkspaceImport } from './resolveWorkspaceImport.ts';

const files = {
  'src/a.ts': '',
  'src/util/index.ts': '',
  'src/view.tsx': '',
  'src/legacy.js': '',
  'src/esm.mts': '',
  'lib/deep/b.ts': '',
  'data.json': '{}',
};

describe('resolveWorkspaceImport', () => {
  it('finds relative imports by guessing the extension', () => {
    expect(resolveWorkspaceImport('./a', 'src/main.ts', files)).toEqual({ kind: 'file', path: 'src/a.ts' });
    expect(resolveWorkspaceImport('./view', 'src/main.ts', files)).toEqual({ kind: 'file', path: 'src/view.tsx' });
    expect(resolveWorkspaceImport('./legacy', 'src/main.ts', files)).toEqual({ kind: 'file', path: 'src/legacy.js' });
  });

  it('finds a folder through its index file', () => {
    expect(resolveWorkspaceImport('./util', 'src/main.ts', files)).toEqual({ kind: 'file', path: 'src/util/index.ts' });
  });

  it('maps a .js import written in TypeScript to the .ts file', () => {
    expect(resolveWorkspaceImport('./a.js', 'src/main.ts', files)).toEqual({ kind: 'file', path: 'src/a.ts' });
    expect(resolveWorkspaceImport('./esm.mjs', 'src/main.ts', files)).toEqual({ kind: 'file', path: 'src/esm.mts' });
  });

  it('walks up with .. and reads root-absolute paths', () => {
    expect(resolveWorkspaceImport('../../src/a', 'lib/deep/b.ts', files)).toEqual({ kind: 'file', path: 'src/a.ts' });
    expect(resolveWorkspaceImport('/data.json', 'src/main.ts', files)).toEqual({ kind: 'file', path: 'data.json' });
  });

  it('refuses to climb above the workspace', () => {
    expect(resolveWorkspaceImport('../../a', 'src/main.ts', files)).toMatchObject({ kind: 'missing', bare: false });
  });

  it('sends vitest and @jest/globals to the runner', () => {
    expect(resolveWorkspaceImport('vitest', 'src/a.test.ts', files)).toEqual({ kind: 'runner', module: 'vitest' });
    expect(resolveWorkspaceImport('@jest/globals', 'src/a.test.ts', files)).toEqual({ kind: 'runner', module: '@jest/globals' });
  });

  it('names a missing package and where it was imported', () => {
    const missing = resolveWorkspaceImport('lodash', 'src/a.ts', files);
    expect(missing).toMatchObject({ kind: 'missing', bare: true });
    if (missing.kind !== 'missing') throw new Error('expected missing');
    expect(missingModuleMessage(missing, 'src/a.ts:1')).toBe(
      "Cannot find module 'lodash' imported from src/a.ts:1 — only workspace files can be imported offline",
    );
  });

  it('says which files it looked for when a relative import matches none', () => {
    const missing = resolveWorkspaceImport('./nope', 'src/a.ts', files);
    if (missing.kind !== 'missing') throw new Error('expected missing');
    expect(missingModuleMessage(missing, 'src/a.ts:3')).toBe(
      "Cannot find module './nope' imported from src/a.ts:3: no such file in the workspace (looked for src/nope, src/nope.ts, src/nope.tsx, src/nope.js, …)",
    );
  });
});
