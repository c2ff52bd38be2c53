import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  WorkspacePathError,
  createFile,
  createFolder,
  deleteFile,
  deleteFolder,
  fileText,
  filesOf,
  hasFolder,
  listFiles,
  listFolders,
  normalizePath,
  pathProblem,
  readFile,
  readFiles,
  renameFile,
  renameFolder,
  replaceWorkspace,
  writeFile,
} from './workspaceDoc.ts';

function docWith(files: Record<string, string>, folders: string[] = []): Y.Doc {
  const doc = new Y.Doc();
  replaceWorkspace(doc, files, folders);
  return doc;
}

/** Counts transactions, to check that multi-entry changes land as one. */
function countTransactions(doc: Y.Doc): () => number {
  let n = 0;
  doc.on('afterTransaction', () => (n += 1));
  return () => n;
}

describe('pathProblem', () => {
  it.each(['a.ts', 'src/sum.ts', 'src/__tests__/x.spec.ts', 'my file (1).md', 'é/ñ.ts', 'pkg/@scope/a+b$.js', '.env'])(
    'accepts %s',
    (path) => expect(pathProblem(path)).toBeUndefined(),
  );

  it.each([
    ['', 'A name is required.'],
    ['/abs.ts', 'no leading "/"'],
    ['src/', 'must not end with "/"'],
    ['a//b.ts', 'empty folder name'],
    ['../x.ts', '".." is not allowed'],
    ['src/./x.ts', '"." is not allowed'],
    ['a\\b.ts', 'not "\\"'],
    ['src/a:b.ts', 'contains ":"'],
    ['src/ x.ts', 'starts or ends with a space'],
    ['a'.repeat(101), 'longer than 100'],
    [`${'abc/'.repeat(70)}x`, 'longer than 260'],
  ])('rejects %j with a reason', (path, reason) => {
    expect(pathProblem(path)).toContain(reason);
  });

  it('normalizes what a person typed', () => {
    expect(normalizePath('  ./src/a.ts ')).toBe('src/a.ts');
    expect(normalizePath('/src/lib/')).toBe('src/lib');
  });
});

describe('files', () => {
  it('creates, reads, writes and deletes', () => {
    const doc = new Y.Doc();
    createFile(doc, 'src/a.ts', 'export const a = 1;\n');
    expect(readFile(doc, 'src/a.ts')).toBe('export const a = 1;\n');
    writeFile(doc, 'src/a.ts', 'changed');
    writeFile(doc, 'b.ts', 'new');
    expect(readFiles(doc)).toEqual({ 'b.ts': 'new', 'src/a.ts': 'changed' });
    deleteFile(doc, 'b.ts');
    expect(listFiles(doc)).toEqual(['src/a.ts']);
  });

  it('refuses a taken path, a file under a file and a missing file, with clear messages', () => {
    const doc = docWith({ 'src/a.ts': '' });
    expect(() => createFile(doc, 'src/a.ts')).toThrow('A file named "src/a.ts" already exists.');
    expect(() => createFile(doc, 'src')).toThrow('A folder named "src" already exists.');
    expect(() => createFile(doc, 'src/a.ts/b.ts')).toThrow('"src/a.ts" is a file, so it cannot hold "b.ts".');
    expect(() => deleteFile(doc, 'nope.ts')).toThrow(WorkspacePathError);
    expect(() => createFile(doc, '../evil.ts')).toThrow(WorkspacePathError);
  });

  it('renames a file, keeping its contents, in one transaction', () => {
    const doc = docWith({ 'src/a.ts': 'A', 'src/b.ts': 'B' });
    const transactions = countTransactions(doc);
    renameFile(doc, 'src/a.ts', 'lib/a2.ts');
    expect(transactions()).toBe(1);
    expect(readFiles(doc)).toEqual({ 'lib/a2.ts': 'A', 'src/b.ts': 'B' });
    expect(() => renameFile(doc, 'lib/a2.ts', 'src/b.ts')).toThrow('already exists');
    renameFile(doc, 'src/b.ts', 'src/b.ts');
    expect(readFile(doc, 'src/b.ts')).toBe('B');
  });

  it('edits made through the Y.Text show in reads', () => {
    const doc = docWith({ 'a.ts': 'hello' });
    fileText(doc, 'a.ts')?.insert(5, ' world');
    expect(readFile(doc, 'a.ts')).toBe('hello world');
  });
});

describe('folders', () => {
  it('lists explicit empty folders and folders implied by files', () => {
    const doc = docWith({ 'src/util/x.ts': '' }, ['docs']);
    createFolder(doc, 'src/empty');
    expect(listFolders(doc)).toEqual(['docs', 'src', 'src/empty', 'src/util']);
    expect(hasFolder(doc, 'src/util')).toBe(true);
    expect(() => createFolder(doc, 'src')).toThrow('A folder named "src" already exists.');
  });

  it('renames a folder and every child in one transaction', () => {
    const doc = docWith({ 'src/a.ts': 'A', 'src/deep/b.ts': 'B', 'srcx/c.ts': 'C' }, ['src/empty']);
    const transactions = countTransactions(doc);
    renameFolder(doc, 'src', 'lib');
    expect(transactions()).toBe(1);
    expect(readFiles(doc)).toEqual({ 'lib/a.ts': 'A', 'lib/deep/b.ts': 'B', 'srcx/c.ts': 'C' });
    expect(listFolders(doc)).toEqual(['lib', 'lib/deep', 'lib/empty', 'srcx']);
  });

  it('refuses to move a folder into itself or onto an existing name', () => {
    const doc = docWith({ 'src/a.ts': '', 'lib/b.ts': '' });
    expect(() => renameFolder(doc, 'src', 'src/inner')).toThrow('cannot move into itself');
    expect(() => renameFolder(doc, 'src', 'lib')).toThrow('A folder named "lib" already exists.');
    expect(() => renameFolder(doc, 'nope', 'x')).toThrow('There is no folder "nope".');
  });

  it('deletes a folder and everything in it in one transaction', () => {
    const doc = docWith({ 'src/a.ts': '', 'src/deep/b.ts': '', 'srcx/c.ts': '', 'top.ts': '' }, ['src/empty']);
    const transactions = countTransactions(doc);
    deleteFolder(doc, 'src');
    expect(transactions()).toBe(1);
    expect(listFiles(doc)).toEqual(['srcx/c.ts', 'top.ts']);
    expect(listFolders(doc)).toEqual(['srcx']);
  });
});

describe('replaceWorkspace', () => {
  it('swaps everything in one transaction', () => {
    const doc = docWith({ 'old.ts': 'x' }, ['old']);
    const transactions = countTransactions(doc);
    replaceWorkspace(doc, { 'src/new.ts': 'y' });
    expect(transactions()).toBe(1);
    expect(readFiles(doc)).toEqual({ 'src/new.ts': 'y' });
    expect(listFolders(doc)).toEqual(['src']);
  });

  it('leaves the workspace untouched when a path is invalid', () => {
    const doc = docWith({ 'keep.ts': 'k' });
    expect(() => replaceWorkspace(doc, { 'ok.ts': '', '../bad.ts': '' })).toThrow(WorkspacePathError);
    expect(() => replaceWorkspace(doc, { a: '', 'a/b.ts': '' })).toThrow('"a" is a file');
    expect(readFiles(doc)).toEqual({ 'keep.ts': 'k' });
  });
});

describe('between peers', () => {
  it('converges when one peer renames a folder while another edits a file in it', () => {
    const a = docWith({ 'src/a.ts': 'hello' });
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    fileText(b, 'src/a.ts')?.insert(5, '!');
    renameFolder(a, 'src', 'lib');
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(readFiles(a)).toEqual(readFiles(b));
    expect(filesOf(a).size).toBe(1);
  });
});
