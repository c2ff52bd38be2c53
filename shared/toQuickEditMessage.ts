import type { QuickEditMessage } from './clientMessage.ts';
import type { QuickEditRequest } from './session/SessionServices.ts';

/**
 * The `quick-edit` message for the session machine's request: its last turn is the newest
 * instruction, the turns before it are the conversation so far.
 */
export function toQuickEditMessage(request: QuickEditRequest, language?: string): QuickEditMessage {
  const turns = request.turns.slice(0, -1).map((turn) => ({ role: turn.role, text: turn.text, ...(turn.partial ? { partial: true } : {}) }));
  const message: QuickEditMessage = {
    type: 'quick-edit',
    requestId: request.requestId,
    path: request.path,
    text: request.documentText,
    selection: { start: request.selection.start, end: request.selection.end },
    instruction: request.turns.at(-1)?.text ?? '',
    turns,
  };
  if (language !== undefined) message.language = language;
  return message;
}
