import { describe, expect, it } from 'vitest';
import { trimPrefixWindow } from './trimPrefixWindow.ts';

describe('trimPrefixWindow', () => {
  it('keeps a prefix that fits', () => {
    expect(trimPrefixWindow('abc\ndef', 10)).toBe('abc\ndef');
  });

  it('cuts at a line start near the top of the window', () => {
    const text = 'first line\nsecond line\nthird';
    // 20 chars back lands near the end of "first line"; the next line start is close, so it cuts there.
    expect(trimPrefixWindow(text, 20)).toBe('second line\nthird');
    // 10 chars back lands early in "second line": too far from the next line start to drop it.
    expect(trimPrefixWindow(text, 10)).toBe('line\nthird');
  });

  it('cuts mid-line when no line start is near', () => {
    const text = 'x'.repeat(100);
    expect(trimPrefixWindow(text, 10)).toBe('x'.repeat(10));
  });

  it('never starts with half a surrogate pair', () => {
    const text = 'aaaa😀bb';
    const out = trimPrefixWindow(text, 3);
    expect(out).toBe('bb');
    expect(trimPrefixWindow(text, 4)).toBe('😀bb');
  });

  it('gives nothing for a zero budget', () => {
    expect(trimPrefixWindow('abc', 0)).toBe('');
  });
});
