import { describe, expect, it } from 'vitest';
import { formatConsoleArgs } from './formatConsoleArgs.ts';

describe('formatConsoleArgs', () => {
  it('prints strings raw and inspects everything else, as Node does', () => {
    expect(formatConsoleArgs(['sum', 3, { a: [1, 2] }, null, undefined, true])).toBe('sum 3 { a: [ 1, 2 ] } null undefined true');
    expect(formatConsoleArgs([new Map([['k', 1]])])).toContain("'k' => 1");
    expect(formatConsoleArgs([[1, 'two']])).toBe("[ 1, 'two' ]");
  });

  it('applies a leading format string to the arguments after it', () => {
    expect(formatConsoleArgs(['%s is %d years, %o', 'Ann', 42, { x: 1 }])).toBe('Ann is 42 years, { x: 1 }');
    expect(formatConsoleArgs(['100%'])).toBe('100%');
  });

  it('prints an error with its stack and its cause', () => {
    const error = new Error('outer', { cause: new TypeError('inner') });
    const text = formatConsoleArgs(['failed:', error]);
    expect(text.startsWith('failed: Error: outer\n    at ')).toBe(true);
    expect(text).toContain('[cause]: TypeError: inner');
  });
});
