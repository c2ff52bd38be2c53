import { describe, expect, it } from 'vitest';
import { applyPatch } from './applyPatch.ts';

const files: Record<string, string> = {
  'src/math.ts': 'export function add(a: number, b: number) {\n  return a + b;\n}\n\nexport function sub(a: number, b: number) {\n  return a - b;\n}\n',
  'src/main.ts': "import { add } from './math.ts';\nconsole.log(add(1, 2));\n",
};
const read = (path: string) => files[path];

describe('applyPatch: unified diff', () => {
  it('applies hunks by their context even when the line numbers are wrong', () => {
    const patch = [
      '--- a/src/math.ts',
      '+++ b/src/math.ts',
      '@@ -40,3 +40,3 @@',
      ' export function sub(a: number, b: number) {',
      '-  return a - b;',
      '+  return a - b - 0;',
      ' }',
      '--- a/src/main.ts',
      '+++ b/src/main.ts',
      '@@ -1,2 +1,2 @@',
      " import { add } from './math.ts';",
      '-console.log(add(1, 2));',
      '+console.log(add(2, 2));',
      '',
    ].join('\n');
    const result = applyPatch(patch, read);
    expect(result).toEqual({
      ok: true,
      files: [
        { path: 'src/math.ts', change: 'modified', text: files['src/math.ts']!.replace('a - b;', 'a - b - 0;') },
        { path: 'src/main.ts', change: 'modified', text: files['src/main.ts']!.replace('add(1, 2)', 'add(2, 2)') },
      ],
    });
  });

  it('applies several hunks on one file in order', () => {
    const patch = '--- a/src/math.ts\n+++ b/src/math.ts\n@@ -1,2 +1,2 @@\n-export function add(a: number, b: number) {\n+export function plus(a: number, b: number) {\n   return a + b;\n@@ -5,2 +5,2 @@\n-export function sub(a: number, b: number) {\n+export function minus(a: number, b: number) {\n   return a - b;\n';
    const result = applyPatch(patch, read);
    expect(result.ok && result.files[0]?.text).toBe(files['src/math.ts']!.replace('add(', 'plus(').replace('sub(', 'minus('));
  });

  it('creates and deletes files through /dev/null', () => {
    const patch = '--- /dev/null\n+++ b/src/new.ts\n@@ -0,0 +1,2 @@\n+export const x = 1;\n+export const y = 2;\n--- a/src/main.ts\n+++ /dev/null\n@@ -1,2 +0,0 @@\n-a\n-b\n';
    expect(applyPatch(patch, read)).toEqual({
      ok: true,
      files: [
        { path: 'src/new.ts', change: 'added', text: 'export const x = 1;\nexport const y = 2;\n' },
        { path: 'src/main.ts', change: 'deleted', text: undefined },
      ],
    });
  });

  it('names the file and the hunk that does not apply', () => {
    const patch = '--- a/src/math.ts\n+++ b/src/math.ts\n@@ -1,2 +1,2 @@\n export function add(a: number, b: number) {\n-  return a + b;\n+  return b + a;\n@@ -5,2 +5,2 @@\n-export function mul(a: number, b: number) {\n+export function times(a: number, b: number) {\n';
    const result = applyPatch(patch, read);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.path).toBe('src/math.ts');
    expect(result.hunk).toBe(2);
    expect(result.message).toContain('src/math.ts, hunk 2 of 2 (@@ -5,2 +5,2 @@) does not apply');
    expect(result.message).toContain('export function mul');
  });

  it('refuses a patch to a missing file, and creating one that exists', () => {
    const missing = applyPatch('--- a/src/nope.ts\n+++ b/src/nope.ts\n@@ -1 +1 @@\n-a\n+b\n', read);
    expect(missing).toMatchObject({ ok: false, path: 'src/nope.ts' });
    const exists = applyPatch('--- /dev/null\n+++ b/src/main.ts\n@@ -0,0 +1 @@\n+x\n', read);
    expect(exists.ok || exists.message).toContain('already exists');
  });

  it('says what it expected when the text is neither form', () => {
    const result = applyPatch('please rename add to plus', read);
    expect(result.ok || result.message).toContain('neither a unified diff');
  });

  it('accepts a match that differs only in trailing whitespace', () => {
    const patch = '--- a/src/main.ts\n+++ b/src/main.ts\n@@ -2 +2 @@\n-console.log(add(1, 2));   \n+console.log(add(3, 4));\n';
    const result = applyPatch(patch, read);
    expect(result.ok && result.files[0]?.text).toBe("import { add } from './math.ts';\nconsole.log(add(3, 4));\n");
  });
});

describe('applyPatch: search/replace blocks', () => {
  it('replaces the one occurrence, in several files', () => {
    const patch = [
      'src/math.ts',
      '<<<<<<< SEARCH',
      'export function add(a: number, b: number) {',
      '=======',
      'export function plus(a: number, b: number) {',
      '>>>>>>> REPLACE',
      '',
      '```',
      'src/main.ts',
      '<<<<<<< SEARCH',
      "import { add } from './math.ts';",
      'console.log(add(1, 2));',
      '=======',
      "import { plus } from './math.ts';",
      'console.log(plus(1, 2));',
      '>>>>>>> REPLACE',
      '```',
    ].join('\n');
    const result = applyPatch(patch, read);
    expect(result).toEqual({
      ok: true,
      files: [
        { path: 'src/math.ts', change: 'modified', text: files['src/math.ts']!.replace('add(', 'plus(') },
        { path: 'src/main.ts', change: 'modified', text: "import { plus } from './math.ts';\nconsole.log(plus(1, 2));\n" },
      ],
    });
  });

  it('refuses lines that occur twice, and lines that are not there, naming the block', () => {
    const twice = applyPatch('src/math.ts\n<<<<<<< SEARCH\n}\n=======\n};\n>>>>>>> REPLACE\n', read);
    expect(twice).toMatchObject({ ok: false, path: 'src/math.ts', hunk: 1 });
    expect(twice.ok || twice.message).toContain('occur 2 times');
    const absent = applyPatch('src/math.ts\n<<<<<<< SEARCH\nexport function mul() {}\n=======\nx\n>>>>>>> REPLACE\n', read);
    expect(absent.ok || absent.message).toContain('src/math.ts, block 1 of 1 does not apply');
  });

  it('creates a file from an empty SEARCH', () => {
    const result = applyPatch('src/util.ts\n<<<<<<< SEARCH\n=======\nexport const one = 1;\n>>>>>>> REPLACE\n', read);
    expect(result).toEqual({ ok: true, files: [{ path: 'src/util.ts', change: 'added', text: 'export const one = 1;\n' }] });
  });

  it('reports an unterminated block', () => {
    const result = applyPatch('src/math.ts\n<<<<<<< SEARCH\nexport function add(a: number, b: number) {\n=======\nx\n', read);
    expect(result.ok || result.message).toContain('">>>>>>> REPLACE" is missing');
  });
});
