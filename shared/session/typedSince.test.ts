import { describe, expect, it } from 'vitest';
import { TestDocument } from './testing/TestDocument.ts';
import { typedSince } from './typedSince.ts';

describe('typedSince', () => {
  it('returns what was typed at the anchor, and "" at the anchor itself', () => {
    const doc = new TestDocument('function add(a, b) {\n  return ');
    const anchor = doc.cursor;
    expect(typedSince(anchor, anchor)).toBe('');
    expect(typedSince(anchor, doc.type('a +'))).toBe('a +');
    expect(typedSince(anchor, doc.type('\n  b'))).toBe('a +\n  b');
  });

  it('follows backspacing within what was typed', () => {
    const doc = new TestDocument('x = ');
    const anchor = doc.cursor;
    doc.type('abc');
    expect(typedSince(anchor, doc.backspace(2))).toBe('a');
  });

  it('is null after deleting past the anchor, replacing text before it, a move, another file or another line end', () => {
    const doc = new TestDocument('let value = ');
    const anchor = doc.cursor;
    expect(typedSince(anchor, doc.clone().backspace())).toBeNull();
    const replaced = doc.clone();
    replaced.backspace();
    expect(typedSince(anchor, replaced.type('X'))).toBeNull();
    expect(typedSince(anchor, doc.clone().moveTo(3))).toBeNull();
    expect(typedSince(anchor, { ...doc.cursor, path: 'other.ts' })).toBeNull();
    expect(typedSince(anchor, { ...doc.cursor, lineSuffix: ')' })).toBeNull();
  });

  it('compares windows that were cut at the same size', () => {
    const long = 'a'.repeat(50) + 'b'.repeat(50);
    const doc = new TestDocument(long, long.length, 'a.ts', 16);
    const anchor = doc.cursor;
    expect(typedSince(anchor, doc.type('xyz'))).toBe('xyz');
    // Text typed that fills the whole window leaves nothing to check: not trusted.
    expect(typedSince(anchor, doc.type('0123456789abcdef'))).toBeNull();
    // A change before the anchor, still inside the window, is seen.
    const changed = new TestDocument(long.slice(0, 95) + 'Z' + long.slice(96), long.length, 'a.ts', 16);
    expect(typedSince(anchor, changed.type('xyz'))).toBeNull();
  });
});
