import { describe, expect, it } from 'vitest';
import { SuggestionCache } from './SuggestionCache.ts';
import { TestDocument } from './testing/TestDocument.ts';

describe('SuggestionCache', () => {
  it('brings a suggestion back at its anchor and anywhere along a typed prefix of it', () => {
    const doc = new TestDocument('const x = ');
    const cache = new SuggestionCache().remember({ requestId: 'f1', anchor: doc.cursor, text: 'compute(1);' });
    expect(cache.lookup(doc.cursor)).toEqual({ suggestion: expect.objectContaining({ requestId: 'f1' }), remaining: 'compute(1);' });
    expect(cache.lookup(doc.type('comp'))?.remaining).toBe('ute(1);');
    expect(cache.lookup(doc.backspace(2))?.remaining).toBe('mpute(1);');
  });

  it('misses where nothing is left to show, where the typing differs, and elsewhere', () => {
    const doc = new TestDocument('const x = ');
    const cache = new SuggestionCache().remember({ requestId: 'f1', anchor: doc.cursor, text: 'y;' });
    expect(cache.lookup(doc.clone().type('y;'))).toBeNull();
    expect(cache.lookup(doc.clone().type('z'))).toBeNull();
    expect(cache.lookup(doc.clone().moveTo(0))).toBeNull();
  });

  it('prefers the most recent suggestion and replaces one with the same anchor', () => {
    const doc = new TestDocument('a = ');
    const cache = new SuggestionCache()
      .remember({ requestId: 'f1', anchor: doc.cursor, text: 'old' })
      .remember({ requestId: 'f2', anchor: doc.cursor, text: 'new' });
    expect(cache.entries.map((e) => e.requestId)).toEqual(['f2']);
    expect(cache.lookup(doc.cursor)?.suggestion.requestId).toBe('f2');
  });

  it('keeps at most its capacity, dropping the oldest', () => {
    const doc = new TestDocument('');
    let cache = new SuggestionCache([], 3);
    for (let i = 1; i <= 5; i++) cache = cache.remember({ requestId: `f${i}`, anchor: doc.type('x'), text: `s${i}` });
    expect(cache.entries.map((e) => e.requestId)).toEqual(['f5', 'f4', 'f3']);
  });

  it('forgets a suggestion by request id, and never stores an empty one', () => {
    const doc = new TestDocument('a = ');
    const cache = new SuggestionCache().remember({ requestId: 'f1', anchor: doc.cursor, text: 'b' });
    expect(cache.forget('f1').lookup(doc.cursor)).toBeNull();
    expect(cache.forget('f9')).toBe(cache);
    expect(new SuggestionCache().remember({ requestId: 'f2', anchor: doc.cursor, text: '' }).entries).toEqual([]);
  });

  it('never changes the cache it was called on', () => {
    const doc = new TestDocument('a = ');
    const empty = new SuggestionCache();
    empty.remember({ requestId: 'f1', anchor: doc.cursor, text: 'b' });
    expect(empty.entries).toEqual([]);
  });
});
