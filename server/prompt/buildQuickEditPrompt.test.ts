import { describe, expect, it } from 'vitest';
import { buildQuickEditPrompt, SELECTION_END, SELECTION_START } from './buildQuickEditPrompt.ts';
import { DEFAULT_PROMPT_BUDGET } from './promptBudget.ts';
import { parseSearchReplaceBlocks } from '../../shared/searchReplaceBlocks.ts';

const text = 'function add(a, b) {\n  return a + b;\n}\n';
const selection = { start: text.indexOf('return'), end: text.indexOf(';') + 1 };

describe('buildQuickEditPrompt', () => {
  it('marks the selection in the file and puts the instruction last', () => {
    const prompt = buildQuickEditPrompt({ path: 'add.ts', language: 'typescript', text, selection, instruction: 'use a template literal', turns: [] });
    expect(prompt.kind).toBe('chat');
    expect(prompt.messages.map((m) => m.role)).toEqual(['system', 'user']);
    const user = prompt.messages[1]!.content;
    expect(user).toContain('File: add.ts (typescript)');
    expect(user).toContain(`  ${SELECTION_START}return a + b;${SELECTION_END}\n}`);
    expect(user.endsWith('Instruction: use a template literal')).toBe(true);
  });

  it('carries a redirected conversation: file in the first user turn, partial answer noted, new instruction last', () => {
    const prompt = buildQuickEditPrompt({
      path: 'add.ts',
      text,
      selection,
      instruction: 'no, keep it a plain sum',
      turns: [
        { role: 'user', text: 'make it async' },
        { role: 'assistant', text: 'return await', partial: true },
      ],
    });
    expect(prompt.messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);
    expect(prompt.messages[1]!.content).toContain('Instruction: make it async');
    expect(prompt.messages[1]!.content).toContain(SELECTION_START);
    expect(prompt.messages[2]!.content).toContain('interrupted');
    expect(prompt.messages[3]!.content).toBe('no, keep it a plain sum');
  });

  it('keeps the whole selection and trims the text around it to the budget', () => {
    const long = `${'a\n'.repeat(10_000)}SELECTED${'b\n'.repeat(10_000)}`;
    const start = long.indexOf('SELECTED');
    const prompt = buildQuickEditPrompt({ path: 'x.ts', text: long, selection: { start, end: start + 8 }, instruction: 'rename', turns: [] });
    const user = prompt.messages[1]!.content;
    expect(user).toContain(`${SELECTION_START}SELECTED${SELECTION_END}`);
    expect(user.length).toBeLessThan(DEFAULT_PROMPT_BUDGET.prefixChars + DEFAULT_PROMPT_BUDGET.suffixChars + 200);
  });

  it('marks a caret as an empty selection', () => {
    const prompt = buildQuickEditPrompt({ path: 'x.ts', text: 'ab', selection: { start: 1, end: 1 }, instruction: 'insert x', turns: [] });
    expect(prompt.messages[1]!.content).toContain(`a${SELECTION_START}${SELECTION_END}b`);
  });

  it('offers search/replace blocks in the format the relay resolves', () => {
    const system = buildQuickEditPrompt({ path: 'x.ts', text: 'ab', selection: { start: 0, end: 1 }, instruction: 'x', turns: [] }).messages[0]!.content;
    const example = system.slice(system.indexOf('<<<<<<<'));
    expect(parseSearchReplaceBlocks(example)).toEqual({ blocks: [{ search: 'the lines as they are', replace: 'the lines as they become' }], complete: true });
  });
});
