import { describe, expect, it } from 'vitest';
import { validateQuickEdit } from '../../shared/session/validateQuickEdit.ts';
import { resolveQuickEditAnswer } from './resolveQuickEditAnswer.ts';

const doc = ['// Fibonacci numbers', 'export function fib(n) {', '  if (n < 2) return n;', '  return fib(n - 1) + fib(n - 2);', '}', ''].join('\n');
const selection = { start: doc.indexOf('export'), end: doc.indexOf('}') + 1 };
const block = (search: string, replace: string) => `<<<<<<< SEARCH\n${search}\n=======\n${replace}\n>>>>>>> REPLACE\n`;

describe('resolveQuickEditAnswer', () => {
  it('leaves a plain answer to be the new text of the selection', () => {
    expect(resolveQuickEditAnswer(doc, selection, 'export function fib(n) {\n  return n;\n}')).toEqual({ kind: 'replacement' });
  });

  it('turns each block into an edit in document offsets', () => {
    const answer = block('  if (n < 2) return n;', '  if (n <= 1) return n;') + block('fib(n - 2)', 'fib(n - 2) /* twice */');
    const resolved = resolveQuickEditAnswer(doc, selection, answer);
    expect(resolved).toEqual({
      kind: 'edits',
      edits: [
        { start: doc.indexOf('  if'), end: doc.indexOf('  if') + '  if (n < 2) return n;'.length, text: '  if (n <= 1) return n;' },
        { start: doc.indexOf('fib(n - 2)'), end: doc.indexOf('fib(n - 2)') + 10, text: 'fib(n - 2) /* twice */' },
      ],
    });
    const verdict = validateQuickEdit(doc, selection, resolved.kind === 'edits' ? resolved.edits : []);
    expect(verdict.ok && verdict.replacement).toBe('export function fib(n) {\n  if (n <= 1) return n;\n  return fib(n - 1) + fib(n - 2) /* twice */;\n}');
  });

  it('resolves a block outside the selection faithfully, so validation refuses it with the line', () => {
    const resolved = resolveQuickEditAnswer(doc, selection, block('// Fibonacci numbers', '// Fibonacci numbers, recursively'));
    expect(resolved).toEqual({ kind: 'edits', edits: [{ start: 0, end: 20, text: '// Fibonacci numbers, recursively' }] });
    const verdict = validateQuickEdit(doc, selection, resolved.kind === 'edits' ? resolved.edits : []);
    expect(verdict).toMatchObject({ ok: false, refusal: { reason: 'outside-selection', message: 'The answer changes line 1, outside the selection (lines 2–5).' } });
  });

  it('prefers the occurrence inside the selection, then the nearest one', () => {
    const text = 'n = 1;\nfunction f() {\n  n = 1;\n}\nn = 1;\n';
    const inside = { start: text.indexOf('  n'), end: text.indexOf('}') };
    const resolved = resolveQuickEditAnswer(text, inside, block('n = 1;', 'n = 2;'));
    expect(resolved).toEqual({ kind: 'edits', edits: [{ start: text.indexOf('  n') + 2, end: text.indexOf('  n') + 8, text: 'n = 2;' }] });
    const caret = { start: text.indexOf('}') + 2, end: text.indexOf('}') + 2 };
    const near = resolveQuickEditAnswer(text, caret, block('n = 1;', 'n = 3;'));
    expect(near).toEqual({ kind: 'edits', edits: [{ start: text.lastIndexOf('n = 1;'), end: text.lastIndexOf('n = 1;') + 6, text: 'n = 3;' }] });
  });

  it('deletes whole lines with their line break', () => {
    const resolved = resolveQuickEditAnswer(doc, selection, '<<<<<<< SEARCH\n  if (n < 2) return n;\n=======\n>>>>>>> REPLACE');
    expect(resolved).toEqual({ kind: 'edits', edits: [{ start: doc.indexOf('  if'), end: doc.indexOf('  return'), text: '' }] });
  });

  it('reads an empty search as the selection itself', () => {
    expect(resolveQuickEditAnswer(doc, selection, block('', 'x').replace('SEARCH\n\n', 'SEARCH\n'))).toEqual({ kind: 'edits', edits: [{ ...selection, text: 'x' }] });
  });

  it('finds lines the model wrote without their indentation or with trailing spaces, and indents the replacement to match', () => {
    const answer = block('if (n < 2) return n;  \nreturn fib(n - 1) + fib(n - 2);', 'if (n <= 1) return n;\n\nreturn fib(n - 1) + fib(n - 2);');
    const start = doc.indexOf('  if');
    expect(resolveQuickEditAnswer(doc, selection, answer)).toEqual({
      kind: 'edits',
      edits: [{ start, end: doc.indexOf(';\n}') + 1, text: '  if (n <= 1) return n;\n\n  return fib(n - 1) + fib(n - 2);' }],
    });
  });

  it('does not match lines that differ in more than indentation', () => {
    expect(resolveQuickEditAnswer(doc, selection, block('if (n < 2) return n;\nreturn fib(n - 1);', 'x'))).toMatchObject({ kind: 'unresolved' });
    // Lines short of different indentations: not one common slip.
    expect(resolveQuickEditAnswer(doc, selection, block('export function fib(n) {\nif (n < 2) return n;', 'x'))).toMatchObject({ kind: 'unresolved' });
    expect(resolveQuickEditAnswer('a\n  b\n    c\n', { start: 0, end: 9 }, block('b\nc', 'x'))).toMatchObject({ kind: 'unresolved' });
  });

  it('is unresolved when a search text is not in the file, or the answer stops inside a block', () => {
    expect(resolveQuickEditAnswer(doc, selection, block('  if (n < 3) return n;', 'x'))).toEqual({
      kind: 'unresolved',
      message: 'The answer searches for text that is not in the file: “if (n < 3) return n;”.',
    });
    expect(resolveQuickEditAnswer(doc, selection, '<<<<<<< SEARCH\n  if (n < 2)')).toMatchObject({ kind: 'unresolved' });
  });
});
