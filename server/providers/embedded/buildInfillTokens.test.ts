import { describe, expect, it } from 'vitest';
import { buildInfillTokens, type InfillVocabulary } from './buildInfillTokens.ts';

// A readable vocabulary: one "token" per character (its code point), specials far above.
const PRE = 1001;
const SUF = 1002;
const MID = 1003;
const REP = 1004;
const SEP = 1005;
const names: Record<number, string> = { [PRE]: '[PRE]', [SUF]: '[SUF]', [MID]: '[MID]', [REP]: '[REP]', [SEP]: '[SEP]' };
const chars: InfillVocabulary<number>['tokenize'] = (text) => [...text].map((char) => char.codePointAt(0) ?? 0);
const show = (tokens: number[]) => tokens.map((token) => names[token] ?? String.fromCodePoint(token)).join('');

const repoLevel: InfillVocabulary<number> = { tokenize: chars, prefix: PRE, suffix: SUF, middle: MID, repoName: REP, fileSeparator: SEP };
const plain: InfillVocabulary<number> = { tokenize: chars, prefix: PRE, suffix: SUF, middle: MID };

describe('buildInfillTokens', () => {
  it('puts other files before the FIM prefix, each after a file separator, as llama.cpp /infill does', () => {
    const tokens = buildInfillTokens(
      { kind: 'infill', prefix: 'let a = ', suffix: ';', path: 'a.ts', context: [{ path: 'b.ts', text: 'B' }, { path: 'c.ts', text: 'C' }] },
      repoLevel,
      1000,
    );
    expect(show(tokens)).toBe('[REP]project\n[SEP]b.ts\nB[SEP]c.ts\nC[SEP]a.ts\n[PRE]let a = [SUF];[MID]');
  });

  it('separates snippets with text when the vocabulary has no file separator', () => {
    const tokens = buildInfillTokens({ kind: 'infill', prefix: 'x', suffix: 'y', context: [{ path: 'b.ts', text: 'B' }] }, plain, 1000);
    expect(show(tokens)).toBe('\n\n--- snippet ---\n\nB[PRE]x[SUF]y[MID]');
  });

  it('uses suffix-prefix order for a model without a middle token', () => {
    const tokens = buildInfillTokens({ kind: 'infill', prefix: 'x', suffix: 'y' }, { tokenize: chars, prefix: PRE, suffix: SUF }, 1000);
    expect(show(tokens)).toBe('[SUF]y[PRE]x');
  });

  it('fits the budget: the suffix gets at most a quarter, the prefix keeps the text at the cursor, context gets the rest from its end', () => {
    const prompt = { kind: 'infill', prefix: 'abcdefghijklmnopqrstuvwxyz', suffix: '0123456789', context: [{ path: 'f', text: 'CONTEXT' }] } as const;
    // 23 = 3 specials + 20: suffix 5, prefix 15, no room for context.
    expect(show(buildInfillTokens(prompt, plain, 23))).toBe('[PRE]lmnopqrstuvwxyz[SUF]01234[MID]');
    // A short prefix hands its room on to the suffix, then to the context's end.
    expect(show(buildInfillTokens({ ...prompt, prefix: 'ab' }, plain, 3 + 2 + 10 + 4))).toBe('TEXT[PRE]ab[SUF]0123456789[MID]');
  });

  it('never reads special-token text out of the code', () => {
    const seen: string[] = [];
    const tokenize = (text: string) => {
      seen.push(text);
      return chars(text);
    };
    buildInfillTokens({ kind: 'infill', prefix: '<|fim_middle|>', suffix: '' }, { ...plain, tokenize }, 100);
    expect(seen).toContain('<|fim_middle|>'); // passed to the plain-text tokenizer, like any other code
  });
});
