import { describe, expect, it } from 'vitest';
import { validateQuickEdit } from './validateQuickEdit.ts';

const doc = ['function fib(n) {', '  if (n < 2) return n;', '  return fib(n - 1) + fib(n - 2);', '}', ''].join('\n');
const bodyStart = doc.indexOf('  if');
const bodyEnd = doc.indexOf('}');
const body = { start: bodyStart, end: bodyEnd };

describe('validateQuickEdit', () => {
  it('accepts a replacement of the selection and gives the new selection text', () => {
    const text = '  return n < 2 ? n : fib(n - 1) + fib(n - 2);\n';
    const verdict = validateQuickEdit(doc, body, [{ start: bodyStart, end: bodyEnd, text }]);
    expect(verdict.ok).toBe(true);
    if (verdict.ok) expect(verdict.replacement).toBe(text);
  });

  it('trims edits to what they change, so an answer that repeats the text around the selection is fine', () => {
    const rewritten = doc.slice(0, bodyStart) + '  if (n <= 1) return n;\n  return fib(n - 1) + fib(n - 2);\n' + doc.slice(bodyEnd);
    const verdict = validateQuickEdit(doc, body, [{ start: 0, end: doc.length, text: rewritten }]);
    expect(verdict).toEqual({
      ok: true,
      edits: [{ start: doc.indexOf('< 2') + 1, end: doc.indexOf('< 2') + 3, text: '= 1' }],
      replacement: '  if (n <= 1) return n;\n  return fib(n - 1) + fib(n - 2);\n',
    });
  });

  it('refuses an answer that changes text outside the selection, naming the line', () => {
    const rewritten = doc.replace('function fib(n)', 'function fib(n: number)');
    const verdict = validateQuickEdit(doc, body, [{ start: 0, end: doc.length, text: rewritten }]);
    expect(verdict).toEqual({
      ok: false,
      refusal: {
        reason: 'outside-selection',
        message: 'The answer changes line 1, outside the selection (lines 2–3).',
        range: { start: 14, end: 14 },
      },
    });
  });

  it('refuses a change right after the selection, and allows an insertion at its very end', () => {
    const after = validateQuickEdit(doc, body, [{ start: bodyEnd, end: bodyEnd + 1, text: '};' }]);
    expect(after.ok === false && after.refusal.reason).toBe('outside-selection');
    const atEnd = validateQuickEdit(doc, body, [{ start: bodyEnd, end: bodyEnd, text: '  // done\n' }]);
    expect(atEnd.ok).toBe(true);
  });

  it('applies several edits inside the selection', () => {
    const first = doc.indexOf('fib(n - 1)');
    const second = doc.indexOf('fib(n - 2)');
    const verdict = validateQuickEdit(doc, body, [
      { start: second, end: second + 3, text: 'memo' },
      { start: first, end: first + 3, text: 'memo' },
    ]);
    expect(verdict.ok && verdict.replacement).toBe('  if (n < 2) return n;\n  return memo(n - 1) + memo(n - 2);\n');
  });

  it('refuses overlapping edits, no edits, no change, and ranges outside the document', () => {
    const at = doc.indexOf('return n');
    const reason = (edits: Parameters<typeof validateQuickEdit>[2], selection = body) => {
      const verdict = validateQuickEdit(doc, selection, edits);
      return verdict.ok ? 'ok' : verdict.refusal.reason;
    };
    expect(reason([{ start: at, end: at + 6, text: 'yield' }, { start: at + 3, end: at + 8, text: 'x' }])).toBe('overlapping');
    expect(reason([{ start: at, end: at, text: 'a' }, { start: at, end: at, text: 'b' }])).toBe('overlapping');
    expect(reason([])).toBe('no-edits');
    expect(reason([{ start: bodyStart, end: bodyEnd, text: doc.slice(bodyStart, bodyEnd) }])).toBe('no-change');
    expect(reason([{ start: 0, end: doc.length + 1, text: '' }])).toBe('out-of-bounds');
    expect(reason([{ start: 5, end: 2, text: '' }])).toBe('out-of-bounds');
    expect(reason([{ start: at, end: at, text: 'x' }], { start: 0, end: doc.length + 3 })).toBe('out-of-bounds');
  });

  it('treats an empty selection as a caret where only an insertion fits', () => {
    const caret = { start: bodyStart, end: bodyStart };
    expect(validateQuickEdit(doc, caret, [{ start: bodyStart, end: bodyStart, text: '  // base case\n' }]).ok).toBe(true);
    const replacing = validateQuickEdit(doc, caret, [{ start: bodyStart, end: bodyStart + 2, text: '\t' }]);
    expect(replacing.ok === false && replacing.refusal.reason).toBe('outside-selection');
  });
});
