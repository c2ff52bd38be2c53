import { describe, expect, it } from 'vitest';
import { continuationAt } from './continuationAt.ts';
import { TestDocument } from './testing/TestDocument.ts';

describe('continuationAt', () => {
  const doc = new TestDocument('const sum = ');
  const anchor = doc.cursor;

  it('is what is left of the suggestion after a typed prefix of it', () => {
    expect(continuationAt(anchor, 'a + b;', anchor)).toEqual({ kind: 'remaining', text: 'a + b;' });
    expect(continuationAt(anchor, 'a + b;', doc.clone().type('a +'))).toEqual({ kind: 'remaining', text: ' b;' });
  });

  it('is "ahead" when everything it says so far has been typed', () => {
    expect(continuationAt(anchor, 'a + b;', doc.clone().type('a + b;'))).toEqual({ kind: 'ahead' });
    expect(continuationAt(anchor, 'a +', doc.clone().type('a + b'))).toEqual({ kind: 'ahead' });
    expect(continuationAt(anchor, '', anchor)).toEqual({ kind: 'ahead' });
  });

  it('is "diverged" once the typing differs or the cursor leaves', () => {
    expect(continuationAt(anchor, 'a + b;', doc.clone().type('a -'))).toEqual({ kind: 'diverged' });
    expect(continuationAt(anchor, 'a + b;', doc.clone().moveTo(2))).toEqual({ kind: 'diverged' });
  });
});
