import { describe, expect, it } from 'vitest';
import { minimalEdit } from './minimalEdit.ts';

function apply(current: string, next: string): string {
  const edit = minimalEdit(current, next);
  return edit === null ? current : current.slice(0, edit.start) + edit.text + current.slice(edit.end);
}

describe('minimalEdit', () => {
  it('is null for equal texts', () => {
    expect(minimalEdit('same', 'same')).toBeNull();
  });

  it('replaces only what differs between the common start and end', () => {
    expect(minimalEdit('export function add(a, b)', 'export function plus(a, b)')).toEqual({ start: 16, end: 19, text: 'plus' });
  });

  it('covers insertions, deletions, and texts that are prefixes of each other', () => {
    const cases: [string, string][] = [
      ['', 'new file\n'],
      ['gone\n', ''],
      ['aaa', 'aaaa'],
      ['aaaa', 'aa'],
      ['abcabc', 'abc'],
      ['x\ny\nz\n', 'x\nz\n'],
    ];
    for (const [current, next] of cases) expect(apply(current, next)).toBe(next);
  });

  it('never cuts a surrogate pair in half', () => {
    const edit = minimalEdit('a😀b', 'a😃b');
    expect(edit).toEqual({ start: 1, end: 3, text: '😃' });
    expect(apply('😀😀', '😀😃')).toBe('😀😃');
  });
});
