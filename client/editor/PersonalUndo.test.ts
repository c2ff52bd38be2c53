import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { LocalEditOrigin } from './LocalEditOrigin.ts';
import { normalizeLineEndings } from './normalizeLineEndings.ts';
import { PersonalUndo } from './PersonalUndo.ts';

/** Two peers whose documents forward every update to each other, as a room does. */
function twoPeers(initial: string): { a: Y.Text; b: Y.Text; docA: Y.Doc; docB: Y.Doc } {
  const docA = new Y.Doc();
  const docB = new Y.Doc();
  const REMOTE = 'remote';
  docA.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== REMOTE) Y.applyUpdate(docB, update, REMOTE);
  });
  docB.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== REMOTE) Y.applyUpdate(docA, update, REMOTE);
  });
  const a = docA.getText('file');
  a.insert(0, initial);
  return { a, b: docB.getText('file'), docA, docB };
}

/** A person's edit, made the way the editor binding makes it. */
function edit(text: Y.Text, change: () => void): void {
  text.doc?.transact(change, new LocalEditOrigin(text));
}

describe('PersonalUndo', () => {
  it('undoes only its own person’s edits, with a peer’s edits interleaved before and after', () => {
    const { a, b } = twoPeers('const x = 1;\n');
    const undoA = new PersonalUndo(a);
    const undoB = new PersonalUndo(b);

    edit(a, () => a.insert(a.length, 'const y = 2;\n'));
    undoA.stopCapturing();
    // B types at the start: everything of A's shifted to the right.
    edit(b, () => b.insert(0, '// B\n'));
    undoB.stopCapturing();
    edit(a, () => a.insert(a.length, 'const z = 3;\n'));
    undoA.stopCapturing();
    edit(b, () => b.insert(b.toString().indexOf('1'), '10 + '));

    expect(a.toString()).toBe('// B\nconst x = 10 + 1;\nconst y = 2;\nconst z = 3;\n');
    const first = undoA.undo();
    expect(a.toString()).toBe('// B\nconst x = 10 + 1;\nconst y = 2;\n');
    expect(b.toString()).toBe(a.toString());
    // The cursor goes where the change was: the end of the file, past B's additions.
    expect(first).toEqual({ offset: a.length });
    undoA.undo();
    expect(a.toString()).toBe('// B\nconst x = 10 + 1;\n');
    // Nothing of A's left: B's edits stay.
    expect(undoA.undo()).toBeUndefined();
    expect(b.toString()).toBe('// B\nconst x = 10 + 1;\n');

    // B's undo takes back B's own, last first.
    undoB.undo();
    expect(a.toString()).toBe('// B\nconst x = 1;\n');
    undoB.undo();
    expect(a.toString()).toBe('const x = 1;\n');
    undoA.dispose();
    undoB.dispose();
  });

  it('redoes what it undid, and a new edit of its own clears the redo', () => {
    const { a, b } = twoPeers('let total = 0;\n');
    const undoA = new PersonalUndo(a);
    edit(a, () => a.insert(4, 'grand'));
    undoA.stopCapturing();
    undoA.undo();
    edit(b, () => b.insert(0, 'x'));
    expect(undoA.redo()).toEqual({ offset: 'xlet grand'.length });
    expect(b.toString()).toBe('xlet grandtotal = 0;\n');
    undoA.undo();
    edit(a, () => a.insert(a.length, '// new'));
    expect(undoA.canRedo()).toBe(false);
    undoA.dispose();
  });

  it('makes one step of a burst, and separate steps across an undo stop', () => {
    const { a } = twoPeers('');
    const undoA = new PersonalUndo(a, { captureTimeout: 60_000 });
    for (const ch of 'hello') edit(a, () => a.insert(a.length, ch));
    // An accepted suggestion: the editor pushes an undo stop before and after it.
    undoA.stopCapturing();
    edit(a, () => a.insert(a.length, ' world, with a suggestion'));
    undoA.stopCapturing();
    for (const ch of '!!') edit(a, () => a.insert(a.length, ch));

    expect(undoA.undo()).toEqual({ offset: 'hello world, with a suggestion'.length });
    expect(a.toString()).toBe('hello world, with a suggestion');
    undoA.undo();
    expect(a.toString()).toBe('hello');
    expect(undoA.undo()).toEqual({ offset: 0 });
    expect(a.toString()).toBe('');
    undoA.dispose();
  });

  it('brings back a deletion a peer typed around, and puts the cursor after it', () => {
    const { a, b } = twoPeers('abcdef');
    const undoA = new PersonalUndo(a);
    edit(a, () => a.delete(2, 2));
    edit(b, () => b.insert(0, '>>'));
    edit(b, () => b.insert(b.length, '<<'));
    expect(undoA.undo()).toEqual({ offset: '>>abcd'.length });
    expect(b.toString()).toBe('>>abcdef<<');
    undoA.dispose();
  });

  it('leaves line-ending fixes and other origins out of the history', () => {
    const { a, b } = twoPeers('');
    const undoA = new PersonalUndo(a);
    b.insert(0, 'one\r\ntwo\rthree\n');
    expect(normalizeLineEndings(a, 'eol')).toBe(true);
    expect(b.toString()).toBe('one\ntwo\nthree\n');
    expect(undoA.canUndo()).toBe(false);
    expect(normalizeLineEndings(a, 'eol')).toBe(false);
    undoA.dispose();
  });

  it('converges when both peers fix the same CRLFs at once', () => {
    const docA = new Y.Doc();
    const docB = new Y.Doc();
    const a = docA.getText('file');
    a.insert(0, 'a\r\nb\r\nc');
    Y.applyUpdate(docB, Y.encodeStateAsUpdate(docA));
    const b = docB.getText('file');
    normalizeLineEndings(a, 'eol');
    normalizeLineEndings(b, 'eol');
    Y.applyUpdate(docB, Y.encodeStateAsUpdate(docA));
    Y.applyUpdate(docA, Y.encodeStateAsUpdate(docB));
    expect(a.toString()).toBe('a\nb\nc');
    expect(b.toString()).toBe('a\nb\nc');
  });

  it('leaves no observer behind after 100 attach/dispose cycles', () => {
    const { a, docA } = twoPeers('text');
    const handlers = (): number => (a as unknown as { _eH: { l: unknown[] } })._eH.l.length;
    const docObservers = (): number => [...(docA as unknown as { _observers: Map<string, Set<unknown>> })._observers.values()].reduce((n, set) => n + set.size, 0);
    const before = { text: handlers(), doc: docObservers() };
    for (let i = 0; i < 100; i++) {
      const undo = new PersonalUndo(a);
      edit(a, () => a.insert(0, 'x'));
      undo.undo();
      undo.dispose();
    }
    expect({ text: handlers(), doc: docObservers() }).toEqual(before);
  });
});
