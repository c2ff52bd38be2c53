import { describe, expect, it } from 'vitest';
import { wholeLinesOf } from './wholeLinesOf.ts';

const text = 'line one\nline two\nline three\n';
const at = (s: string) => text.indexOf(s);

describe('wholeLinesOf', () => {
  it('widens a selection inside a line to the whole line', () => {
    expect(wholeLinesOf(text, { start: at('two'), end: at('two') + 3 })).toEqual({ start: at('line two'), end: at('\nline three') });
  });

  it('widens a selection over several lines to their starts and ends', () => {
    expect(wholeLinesOf(text, { start: at('one'), end: at('two') + 1 })).toEqual({ start: 0, end: at('\nline three') });
  });

  it('does not take the line a selection ends at the start of', () => {
    expect(wholeLinesOf(text, { start: 0, end: at('line two') })).toEqual({ start: 0, end: at('\nline two') });
  });

  it('accepts a backwards selection', () => {
    expect(wholeLinesOf(text, { start: at('two'), end: at('one') })).toEqual({ start: 0, end: at('\nline three') });
  });

  it('keeps a caret as it is', () => {
    expect(wholeLinesOf(text, { start: 4, end: 4 })).toEqual({ start: 4, end: 4 });
  });

  it('reaches the end of a text without a final line break, and leaves a CR out', () => {
    expect(wholeLinesOf('a\nbc', { start: 3, end: 4 })).toEqual({ start: 2, end: 4 });
    expect(wholeLinesOf('ab\r\ncd', { start: 0, end: 1 })).toEqual({ start: 0, end: 2 });
  });

  it('selects an empty line as itself', () => {
    expect(wholeLinesOf('a\n\nb', { start: 2, end: 3 })).toEqual({ start: 2, end: 2 });
  });
});
