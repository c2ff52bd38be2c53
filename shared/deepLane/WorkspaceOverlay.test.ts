import { describe, expect, it } from 'vitest';
import { countLineChanges } from './countLineChanges.ts';
import { executeFileTool } from './executeFileTool.ts';
import { WorkspaceOverlay } from './WorkspaceOverlay.ts';

const base = {
  'src/a.ts': 'export const a = 1;\nexport const b = 2;\n',
  'src/b.ts': "import { a } from './a.ts';\nexport const c = a + 1;\n",
  'README.md': '# x\n',
};

describe('WorkspaceOverlay', () => {
  it('stages patches over the base without touching it, and reports the aggregated diff', () => {
    const overlay = new WorkspaceOverlay(base);
    expect(overlay.apply('src/a.ts\n<<<<<<< SEARCH\nexport const a = 1;\n=======\nexport const a = 10;\nexport const z = 0;\n>>>>>>> REPLACE\n').ok).toBe(true);
    expect(overlay.apply('--- /dev/null\n+++ b/src/new.ts\n@@ -0,0 +1 @@\n+export {};\n').ok).toBe(true);
    expect(overlay.apply('--- a/README.md\n+++ /dev/null\n@@ -1 +0,0 @@\n-# x\n').ok).toBe(true);
    expect(base['src/a.ts']).toBe('export const a = 1;\nexport const b = 2;\n');
    expect(overlay.read('src/a.ts')).toBe('export const a = 10;\nexport const z = 0;\nexport const b = 2;\n');
    expect(overlay.list()).toEqual(['src/a.ts', 'src/b.ts', 'src/new.ts']);
    expect(overlay.list('src')).toEqual(['src/a.ts', 'src/b.ts', 'src/new.ts']);
    expect(overlay.diff()).toEqual([
      { path: 'README.md', status: 'deleted', added: 0, removed: 1 },
      { path: 'src/a.ts', status: 'modified', added: 2, removed: 1 },
      { path: 'src/new.ts', status: 'added', added: 1, removed: 0 },
    ]);
  });

  it('leaves the overlay as it was when a patch fails part-way', () => {
    const overlay = new WorkspaceOverlay(base);
    const result = overlay.apply('src/a.ts\n<<<<<<< SEARCH\nexport const a = 1;\n=======\nexport const a = 2;\n>>>>>>> REPLACE\nsrc/b.ts\n<<<<<<< SEARCH\nnot there\n=======\nx\n>>>>>>> REPLACE\n');
    expect(result.ok).toBe(false);
    expect(overlay.changes()).toEqual([]);
  });

  it('a file patched back to its base text is no change', () => {
    const overlay = new WorkspaceOverlay(base);
    overlay.apply('src/a.ts\n<<<<<<< SEARCH\nexport const a = 1;\n=======\nexport const a = 2;\n>>>>>>> REPLACE\n');
    overlay.apply('src/a.ts\n<<<<<<< SEARCH\nexport const a = 2;\n=======\nexport const a = 1;\n>>>>>>> REPLACE\n');
    expect(overlay.diff()).toEqual([]);
  });
});

describe('executeFileTool', () => {
  const overlay = new WorkspaceOverlay(base);

  it('lists, reads (whole and by lines) and searches', () => {
    expect(executeFileTool(overlay, { name: 'list_files', arguments: {} })).toEqual({ ok: true, output: 'README.md\nsrc/a.ts\nsrc/b.ts' });
    expect(executeFileTool(overlay, { name: 'read_file', arguments: { path: 'src/b.ts' } }).output).toBe(base['src/b.ts']);
    expect(executeFileTool(overlay, { name: 'read_file', arguments: { path: 'src/a.ts', startLine: 2, endLine: 2 } }).output).toBe('[src/a.ts, lines 2–2 of 3]\nexport const b = 2;');
    expect(executeFileTool(overlay, { name: 'search', arguments: { query: 'a\\b', regex: true, path: 'src' } }).output).toBe(
      "src/a.ts:1: export const a = 1;\nsrc/b.ts:1: import { a } from './a.ts';\nsrc/b.ts:2: export const c = a + 1;",
    );
  });

  it('says what went wrong: a missing file, a bad regular expression, a patch that does not apply', () => {
    expect(executeFileTool(overlay, { name: 'read_file', arguments: { path: 'nope.ts' } })).toMatchObject({ ok: false, failure: 'not-found' });
    expect(executeFileTool(overlay, { name: 'search', arguments: { query: '(', regex: true } })).toMatchObject({ ok: false, failure: 'failed' });
    const rejected = executeFileTool(overlay, { name: 'apply_patch', arguments: { patch: '--- a/src/a.ts\n+++ b/src/a.ts\n@@ -1 +1 @@\n-const q = 1;\n+const q = 2;\n' } });
    expect(rejected).toMatchObject({ ok: false, failure: 'patch-rejected' });
    expect(rejected.output).toContain('src/a.ts, hunk 1 of 1');
  });

  it('cuts long output and says so', () => {
    const big = new WorkspaceOverlay({ 'big.txt': 'x'.repeat(200_000) });
    const result = executeFileTool(big, { name: 'read_file', arguments: { path: 'big.txt' } });
    expect(result.truncated).toBe(true);
    expect(result.output.length).toBeLessThanOrEqual(64 * 1024);
    expect(result.output).toContain('more characters cut');
  });
});

describe('countLineChanges', () => {
  it('counts a line diff', () => {
    expect(countLineChanges('a\nb\nc\n', 'a\nx\nc\nd\n')).toEqual({ added: 2, removed: 1 });
    expect(countLineChanges('', 'a\n')).toEqual({ added: 1, removed: 0 });
    expect(countLineChanges('a\nb\n', 'a\nb\n')).toEqual({ added: 0, removed: 0 });
  });
});
