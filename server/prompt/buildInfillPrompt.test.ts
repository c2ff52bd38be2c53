import { describe, expect, it } from 'vitest';
import { buildInfillPrompt } from './buildInfillPrompt.ts';
import { DEFAULT_PROMPT_BUDGET, type PromptBudget } from './promptBudget.ts';

const budget: PromptBudget = { prefixChars: 20, suffixChars: 10, snippetChars: 30, maxSnippets: 2, timeMs: 5 };

describe('buildInfillPrompt', () => {
  it('takes the windows as they are when they fit', () => {
    const { prompt } = buildInfillPrompt({ path: 'a.ts', context: { kind: 'windows', prefix: 'const x = ', suffix: ';\n' } });
    expect(prompt).toEqual({ kind: 'infill', prefix: 'const x = ', suffix: ';\n', path: 'a.ts' });
  });

  it('cuts the windows out of a whole document at the cursor, within the budget', () => {
    const text = `${'a'.repeat(100)}|${'b'.repeat(100)}`;
    const { prompt, stats } = buildInfillPrompt({ path: 'a.ts', context: { kind: 'document', text, cursorOffset: 101 } }, budget);
    expect(prompt.prefix).toBe(`${'a'.repeat(19)}|`);
    expect(prompt.suffix).toBe('b'.repeat(10));
    expect(stats).toMatchObject({ prefixChars: 20, suffixChars: 10 });
  });

  it('trims long windows sent by the client to the budget', () => {
    const { prompt } = buildInfillPrompt({ path: 'a.ts', context: { kind: 'windows', prefix: 'p'.repeat(50), suffix: 's'.repeat(50) } }, budget);
    expect(prompt.prefix.length).toBe(20);
    expect(prompt.suffix.length).toBe(10);
  });

  it('adds other files’ snippets in order until the budget runs out, skipping the file itself', () => {
    const { prompt, stats } = buildInfillPrompt(
      {
        path: 'a.ts',
        context: { kind: 'windows', prefix: '', suffix: '' },
        snippets: [
          { path: 'a.ts', text: 'same file' },
          { path: 'b.ts', text: 'export const b = 1;\n' },
          { path: 'c.ts', text: 'export const c = 2;\nexport const d = 3;\n' },
          { path: 'd.ts', text: 'never reached' },
        ],
      },
      budget,
    );
    expect(prompt.context).toEqual([
      { path: 'b.ts', text: 'export const b = 1;\n' },
      { path: 'c.ts', text: 'export con' },
    ]);
    expect(stats).toMatchObject({ snippetsKept: 2, snippetsDropped: 2, outOfTime: false });
  });

  it('leaves snippets out once the time budget is spent', () => {
    let t = 0;
    const { prompt, stats } = buildInfillPrompt(
      { path: 'a.ts', context: { kind: 'windows', prefix: 'x', suffix: '' }, snippets: [{ path: 'b.ts', text: 'b' }, { path: 'c.ts', text: 'c' }] },
      { ...DEFAULT_PROMPT_BUDGET, timeMs: 5 },
      () => (t += 4),
    );
    expect(prompt.context).toEqual([{ path: 'b.ts', text: 'b' }]);
    expect(stats.outOfTime).toBe(true);
  });

  it('has no context without snippets', () => {
    expect(buildInfillPrompt({ path: 'a.ts', context: { kind: 'windows', prefix: 'a', suffix: 'b' } }).prompt.context).toBeUndefined();
  });
});
