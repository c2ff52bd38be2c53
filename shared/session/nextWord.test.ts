import { describe, expect, it } from 'vitest';
import { nextWord } from './nextWord.ts';

describe('nextWord', () => {
  it('takes one word or one run of punctuation, with the spaces before it', () => {
    expect(nextWord('items.map(x)')).toBe('items');
    expect(nextWord('.map(x)')).toBe('.');
    expect(nextWord('(x) => x')).toBe('(');
    expect(nextWord(' => x')).toBe(' =>');
    expect(nextWord('  return value;')).toBe('  return');
    expect(nextWord('élan_2 + 1')).toBe('élan_2');
  });

  it('takes a line break with the next line\'s indentation on its own', () => {
    expect(nextWord('\n  return x;')).toBe('\n  ');
    expect(nextWord('\r\n\tx')).toBe('\r\n\t');
  });

  it('is never empty for non-empty text', () => {
    expect(nextWord('   ')).toBe('   ');
    expect(nextWord('\r')).toBe('\r');
    expect(nextWord('')).toBe('');
  });
});
