import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createFile, listFiles } from '../../shared/workspaceDoc.ts';
import { EditorTabs } from './EditorTabs.ts';
import { WorkspaceCommands } from './WorkspaceCommands.ts';

describe('WorkspaceCommands', () => {
  it('creates, renames and removes files while the files may be changed', () => {
    const doc = new Y.Doc();
    const commands = new WorkspaceCommands(doc, new EditorTabs(undefined));
    expect(commands.newFile('src/a.ts', 'x')).toBeUndefined();
    expect(commands.rename('src/a.ts', 'src/b.ts')).toBeUndefined();
    expect(commands.newFolder('lib')).toBeUndefined();
    expect(commands.remove('src/b.ts')).toBeUndefined();
    expect(listFiles(doc)).toEqual([]);
  });

  it('refuses every change with the reason while the files are read-only, and leaves the document as it was', () => {
    const doc = new Y.Doc();
    createFile(doc, 'main.ts', 'let a = 1;');
    const commands = new WorkspaceCommands(doc, new EditorTabs(undefined));
    let reason: string | undefined = 'The host has locked editing.';
    commands.setReadOnlyReason(() => reason);
    const before = Y.encodeStateVector(doc);
    expect(commands.newFile('other.ts')).toBe('The host has locked editing.');
    expect(commands.newFolder('lib')).toBe('The host has locked editing.');
    expect(commands.rename('main.ts', 'renamed.ts')).toBe('The host has locked editing.');
    expect(commands.remove('main.ts')).toBe('The host has locked editing.');
    expect(Y.encodeStateVector(doc)).toEqual(before);
    expect(listFiles(doc)).toEqual(['main.ts']);

    reason = undefined;
    expect(commands.newFile('other.ts')).toBeUndefined();
    expect(listFiles(doc)).toEqual(['main.ts', 'other.ts']);
  });
});
