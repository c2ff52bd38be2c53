import { describe, expect, it } from 'vitest';
import { mayBeSearchReplaceAnswer, parseSearchReplaceBlocks } from './searchReplaceBlocks.ts';

describe('parseSearchReplaceBlocks', () => {
  it('reads each block, ignoring text between blocks', () => {
    const answer = ['add.ts', '```ts', '<<<<<<< SEARCH', 'const a = 1;', '=======', 'const a = 2;', '>>>>>>> REPLACE', '', '<<<<<<< SEARCH', 'x', 'y', '=======', '>>>>>>> REPLACE', '```'].join('\n');
    expect(parseSearchReplaceBlocks(answer)).toEqual({
      blocks: [
        { search: 'const a = 1;', replace: 'const a = 2;' },
        { search: 'x\ny', replace: '' },
      ],
      complete: true,
    });
  });

  it('is null for a plain answer', () => {
    expect(parseSearchReplaceBlocks('return a + b;\n')).toBeNull();
  });

  it('says when the answer ends inside a block, and leaves that block out', () => {
    expect(parseSearchReplaceBlocks('<<<<<<< SEARCH\na\n=======\nb')).toEqual({ blocks: [], complete: false });
  });

  it('takes markers with CRLF line ends and a few more or fewer marker characters', () => {
    expect(parseSearchReplaceBlocks('<<<<< SEARCH\r\na\r\n=========\r\nb\r\n>>>>>>>>> REPLACE\r\n')?.blocks).toEqual([{ search: 'a\r', replace: 'b\r' }]);
  });
});

describe('mayBeSearchReplaceAnswer', () => {
  it('is true from the first characters of a SEARCH line on', () => {
    expect(mayBeSearchReplaceAnswer('<<<')).toBe(true);
    expect(mayBeSearchReplaceAnswer('<<<<<<< SEA')).toBe(true);
    expect(mayBeSearchReplaceAnswer('<<<<<<< SEARCH\nconst')).toBe(true);
    expect(mayBeSearchReplaceAnswer('add.ts\n<<<<<<< SEARCH\n')).toBe(true);
  });

  it('is false for code, and for nothing yet', () => {
    expect(mayBeSearchReplaceAnswer('')).toBe(false);
    expect(mayBeSearchReplaceAnswer('function')).toBe(false);
    expect(mayBeSearchReplaceAnswer('a << 2\nb')).toBe(false);
  });
});
