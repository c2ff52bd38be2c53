import type { ChatPrompt, InfillPrompt } from '../ModelProvider.ts';

/** Where the model is to write; chosen to be unlikely in real code. */
export const CURSOR_MARK = '<|cursor|>';

/**
 * An infill prompt as a chat, for models served only through chat APIs (Codex-Spark, hosted
 * instruct models): the file with a cursor mark, other files before it, and an instruction to
 * answer with the inserted text alone.
 */
export function infillAsChat(prompt: InfillPrompt): ChatPrompt {
  const others = (prompt.context ?? []).map((file) => `Other file ${file.path}:\n${file.text}\n`).join('\n');
  const name = prompt.path ?? 'the file';
  return {
    kind: 'chat',
    messages: [
      {
        role: 'system',
        content:
          `You are a code completion engine. The user shows a file with the cursor marked ${CURSOR_MARK}. ` +
          'Reply with exactly the text to insert at the cursor: no explanation, no Markdown fences, nothing repeated from before or after the cursor. ' +
          'Reply with nothing if nothing should be inserted.',
      },
      { role: 'user', content: `${others}${others ? '\n' : ''}${name}:\n${prompt.prefix}${CURSOR_MARK}${prompt.suffix}` },
    ],
  };
}
