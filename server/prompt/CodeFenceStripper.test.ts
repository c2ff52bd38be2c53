import { describe, expect, it } from 'vitest';
import { CodeFenceStripper } from './CodeFenceStripper.ts';

/** Feeds the pieces one by one and returns everything shown, piece by piece, plus the end. */
function run(pieces: string[]): { shown: string[]; text: string } {
  const stripper = new CodeFenceStripper();
  const shown = pieces.map((piece) => stripper.push(piece));
  shown.push(stripper.end());
  return { shown, text: shown.join('') };
}

describe('CodeFenceStripper', () => {
  it('takes off an opening and a closing fence, whatever the split', () => {
    const answer = '```ts\nreturn `${a}${b}`;\n```\n';
    expect(run([answer]).text).toBe('return `${a}${b}`;');
    expect(run([...answer]).text).toBe('return `${a}${b}`;');
    expect(run(['``', '`typescript\nconst a', ' = 1;\n``', '`']).text).toBe('const a = 1;');
  });

  it('passes an answer without fences through unchanged, and at once after its first characters', () => {
    expect(run(['return a', ' + b;\n```not a fence']).text).toBe('return a + b;\n```not a fence');
    expect(run(['x', 'y']).shown).toEqual(['x', 'y', '']);
  });

  it('keeps inner lines that start with backticks but are not a closing fence', () => {
    expect(run(['```\nconst s = `\n', '```js inside\n', 'done\n```']).text).toBe('const s = `\n```js inside\ndone');
  });

  it('gives back a held last line when the answer ends without closing the fence', () => {
    expect(run(['```\nline\n``']).text).toBe('line\n``');
  });

  it('shows the body as it streams, holding back only what could be a fence', () => {
    const { shown } = run(['```py\n', 'a = 1\n', 'b = 2', '\n`']);
    expect(shown).toEqual(['', 'a = 1', '\nb = 2', '', '\n`']);
  });

  it('drops an answer that is only a fence', () => {
    expect(run(['```']).text).toBe('');
  });
});
