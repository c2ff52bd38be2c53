import { describe, expect, it } from 'vitest';
import { planLineDiff } from './planLineDiff.ts';

const fib = ['function fib(n) {', '  if (n < 2) return n;', '  return fib(n - 1) + fib(n - 2);', '}'].join('\n');

describe('planLineDiff', () => {
  it('marks nothing when the answer is the original', () => {
    expect(planLineDiff(fib, fib, false)).toEqual({ marked: [], inserts: [], added: 0, removed: 0 });
  });

  it('marks a changed line removed and inserts its replacement after it', () => {
    const proposed = fib.replace('return n;', 'return n; // base');
    expect(planLineDiff(fib, proposed, false)).toEqual({
      marked: [{ line: 1, kind: 'removed' }],
      inserts: [{ afterLine: 1, lines: ['  if (n < 2) return n; // base'], growing: false }],
      added: 1,
      removed: 1,
    });
  });

  it('inserts added lines after the line they follow, above the first line when they lead', () => {
    const proposed = `// Fibonacci\n${fib.replace('return n;\n', 'return n;\n  // recurse\n')}`;
    const plan = planLineDiff(fib, proposed, false);
    expect(plan.marked).toEqual([]);
    expect(plan.inserts).toEqual([
      { afterLine: -1, lines: ['// Fibonacci'], growing: false },
      { afterLine: 1, lines: ['  // recurse'], growing: false },
    ]);
    expect(plan.added).toBe(2);
  });

  it('marks deleted lines with nothing inserted', () => {
    const plan = planLineDiff(fib, fib.replace('  if (n < 2) return n;\n', ''), false);
    expect(plan.marked).toEqual([{ line: 1, kind: 'removed' }]);
    expect(plan.inserts).toEqual([]);
    expect(plan.removed).toBe(1);
  });

  it('while streaming, grows the new text above the original lines not reached yet', () => {
    const proposed = 'function fib(n) {\n  let a = 0, b = 1;\n  for (let i';
    const plan = planLineDiff(fib, proposed, true);
    expect(plan.marked).toEqual([
      { line: 1, kind: 'pending' },
      { line: 2, kind: 'pending' },
      { line: 3, kind: 'pending' },
    ]);
    expect(plan.inserts).toEqual([{ afterLine: 0, lines: ['  let a = 0, b = 1;', '  for (let i'], growing: true }]);
    expect(plan.removed).toBe(0);
    expect(plan.added).toBe(1);
  });

  it('while streaming, marks lines the answer has gone past as removed', () => {
    const proposed = 'function fib(n) {\n  if (n <= 1) return n;\n  return fib(n - 1) + fib(n - 2);\n';
    const plan = planLineDiff(fib, proposed, true);
    expect(plan.marked).toEqual([
      { line: 1, kind: 'removed' },
      { line: 3, kind: 'pending' },
    ]);
    expect(plan.inserts).toEqual([{ afterLine: 1, lines: ['  if (n <= 1) return n;'], growing: false }]);
  });

  it('puts an unfinished line after the original when everything so far matches it', () => {
    const plan = planLineDiff('a\nb', 'a\nb\nc', true);
    expect(plan.marked).toEqual([]);
    expect(plan.inserts).toEqual([{ afterLine: 1, lines: ['c'], growing: true }]);
  });

  it('shows nothing yet for an empty streaming answer, and all removed for an empty final one', () => {
    expect(planLineDiff(fib, '', true).inserts).toEqual([]);
    expect(planLineDiff(fib, '', true).removed).toBe(0);
    expect(planLineDiff(fib, '', false).removed).toBe(4);
  });

  it('diffs an insertion at a caret (empty original)', () => {
    expect(planLineDiff('', 'const x = 1;\n', false)).toEqual({
      marked: [],
      inserts: [{ afterLine: -1, lines: ['const x = 1;', ''], growing: false }],
      added: 2,
      removed: 0,
    });
  });

  it('keeps common lines between two changes', () => {
    const original = 'a\nb\nc\nd\ne';
    const plan = planLineDiff(original, 'a\nB\nc\nd\nE', false);
    expect(plan.marked.map((m) => m.line)).toEqual([1, 4]);
    expect(plan.inserts).toEqual([
      { afterLine: 1, lines: ['B'], growing: false },
      { afterLine: 4, lines: ['E'], growing: false },
    ]);
  });
});
