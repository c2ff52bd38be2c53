import type { FileSnippet, SuggestMessage } from './clientMessage.ts';
import type { SuggestionRequest } from './session/SessionServices.ts';

/** How much of the document around the cursor goes to the server (it trims further to its prompt budget). */
export const SUGGEST_WINDOW_CHARS = { prefix: 8_000, suffix: 4_000 } as const;

/**
 * The `suggest` message for the session machine's request, with the windows cut from the
 * document's current text (the machine only knows the cursor, never the document).
 */
export function toSuggestMessage(
  request: SuggestionRequest,
  documentText: string,
  extras: { language?: string; snippets?: readonly FileSnippet[] } = {},
): SuggestMessage {
  const offset = Math.min(request.cursor.offset, documentText.length);
  const message: SuggestMessage = {
    type: 'suggest',
    requestId: request.requestId,
    path: request.cursor.path,
    context: {
      kind: 'windows',
      prefix: documentText.slice(Math.max(0, offset - SUGGEST_WINDOW_CHARS.prefix), offset),
      suffix: documentText.slice(offset, offset + SUGGEST_WINDOW_CHARS.suffix),
    },
    trigger: request.trigger,
  };
  if (extras.language !== undefined) message.language = extras.language;
  if (extras.snippets !== undefined && extras.snippets.length > 0) message.snippets = [...extras.snippets];
  return message;
}
