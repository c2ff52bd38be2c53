import { describe, expect, it } from 'vitest';
import { trimSuffixWindow } from './trimSuffixWindow.ts';

describe('trimSuffixWindow', () => {
  it('keeps a suffix that fits', () => {
    expect(trimSuffixWindow('abc\ndef', 10)).toBe('abc\ndef');
  });

  it('cuts after a line end near the bottom of the window', () => {
    const text = 'first\nsecond line\nthird line';
    expect(trimSuffixWindow(text, 8)).toBe('first\n');
    expect(trimSuffixWindow(text, 20)).toBe('first\nsecond line\n');
  });

  it('cuts mid-line when no line end is near', () => {
    expect(trimSuffixWindow('y'.repeat(50), 7)).toBe('y'.repeat(7));
  });

  it('never ends with half a surrogate pair', () => {
    expect(trimSuffixWindow('ab😀cd', 3)).toBe('ab');
    expect(trimSuffixWindow('ab😀cd', 4)).toBe('ab😀');
  });

  it('gives nothing for a zero budget', () => {
    expect(trimSuffixWindow('abc', 0)).toBe('');
  });
});
