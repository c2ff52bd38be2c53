import { describe, expect, it } from 'vitest';
import { cursorContextAt } from './cursorContextAt.ts';

describe('cursorContextAt', () => {
  it('takes the window before the cursor and the rest of the line after it', () => {
    expect(cursorContextAt('a.ts', 'abc\r\ndef ghi\nnext', 7, 4)).toEqual({ path: 'a.ts', offset: 7, before: '\r\nde', lineSuffix: 'f ghi' });
    expect(cursorContextAt('a.ts', 'x = 1\r\n', 5)).toEqual({ path: 'a.ts', offset: 5, before: 'x = 1', lineSuffix: '' });
  });

  it('refuses an offset outside the document', () => {
    expect(() => cursorContextAt('a.ts', 'abc', 4)).toThrow(RangeError);
    expect(() => cursorContextAt('a.ts', 'abc', -1)).toThrow(RangeError);
  });
});
