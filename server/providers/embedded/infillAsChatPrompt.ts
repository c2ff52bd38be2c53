import type { ChatPrompt, InfillPrompt } from '../ModelProvider.ts';

/** Marks the cursor in the file shown to a chat model. */
export const CURSOR_MARK = '<CURSOR>';

/**
 * A fill-in-the-middle request phrased for a chat model, for GGUFs without FIM tokens: the file
 * with a cursor mark, other files first, and an instruction to answer with the inserted code only.
 */
export function infillAsChatPrompt(prompt: InfillPrompt): ChatPrompt {
  const others = (prompt.context ?? []).map((snippet) => `File ${snippet.path}:\n${snippet.text}\n\n`).join('');
  const file = prompt.path === undefined ? 'The file' : `File ${prompt.path}`;
  return {
    kind: 'chat',
    messages: [
      {
        role: 'system',
        content:
          `You complete code. Reply with exactly the text to insert at ${CURSOR_MARK}: ` +
          'no explanation, no code fences, nothing that is already before or after the cursor.',
      },
      { role: 'user', content: `${others}${file}, cursor at ${CURSOR_MARK}:\n${prompt.prefix}${CURSOR_MARK}${prompt.suffix}` },
    ],
  };
}
