import { describe, expect, it } from 'vitest';
import { formatEachTitle, parseEachTable } from './formatEachTitle.ts';

describe('formatEachTitle', () => {
  it('fills printf placeholders from the row, in order', () => {
    expect(formatEachTitle('add(%i, %i) = %d', [1, 2, 3], 0)).toBe('add(1, 2) = 3');
    expect(formatEachTitle('%s and %s', ['a', 'b'], 0)).toBe('a and b');
    expect(formatEachTitle('obj %o', [{ a: 1 }], 0)).toBe('obj { a: 1 }');
    expect(formatEachTitle('json %j', [{ a: 1 }], 0)).toBe('json {"a":1}');
    expect(formatEachTitle('100%% of %s', ['x'], 0)).toBe('100% of x');
  });

  it('numbers cases with %# (from 0) and %$ (from 1)', () => {
    expect(formatEachTitle('case %# / %$', [], 4)).toBe('case 4 / 5');
  });

  it('reads $names from an object row, with paths, and indexes array rows with $0', () => {
    expect(formatEachTitle('$name is $age', [{ name: 'ann', age: 3 }], 0)).toBe("'ann' is 3");
    expect(formatEachTitle('$user.name', [{ user: { name: 'bo' } }], 0)).toBe("'bo'");
    expect(formatEachTitle('$0 then $1', ['a', 'b'], 0)).toBe("'a' then 'b'");
    expect(formatEachTitle('costs $price', [1], 0)).toBe('costs $price');
  });
});

describe('parseEachTable', () => {
  it('turns a tagged-template table into one object per row', () => {
    expect(parseEachTable(['\n a | b | sum\n ', ' | ', ' | ', '\n ', ' | ', ' | ', '\n'], [1, 2, 3, 4, 5, 9])).toEqual([
      { a: 1, b: 2, sum: 3 },
      { a: 4, b: 5, sum: 9 },
    ]);
  });

  it('says what is wrong with a table whose rows do not fill the columns', () => {
    expect(() => parseEachTable(['a | b\n', ' | ', '\n'], [1, 2, 3])).toThrow('.each table has 3 values for 2 columns (a, b)');
  });
});
