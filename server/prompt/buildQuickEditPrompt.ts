import type { QuickEditMessage } from '../../shared/clientMessage.ts';
import { DIVIDER_MARKER, REPLACE_MARKER, SEARCH_MARKER } from '../../shared/searchReplaceBlocks.ts';
import type { ChatPrompt } from '../providers/ModelProvider.ts';
import { DEFAULT_PROMPT_BUDGET, type PromptBudget } from './promptBudget.ts';
import { trimPrefixWindow } from './trimPrefixWindow.ts';
import { trimSuffixWindow } from './trimSuffixWindow.ts';

export const SELECTION_START = '<|selection|>';
export const SELECTION_END = '<|/selection|>';

const SYSTEM = [
  [
    'You edit code in an editor. The user shows a file with the part to change marked between',
    `${SELECTION_START} and ${SELECTION_END} (both markers together mark an insertion point) and says what to do.`,
    'Answer with the new text of the marked part only: no explanation, no code fences, no markers,',
    'nothing from outside the markers. Keep the surrounding indentation.',
  ].join(' '),
  // A small change in a long selection costs far fewer tokens as blocks than as the whole text again.
  'When the marked part is long and the change is small, you may instead answer with search/replace blocks,',
  'one per change, each searching for exact whole lines of the marked part:',
  SEARCH_MARKER,
  'the lines as they are',
  DIVIDER_MARKER,
  'the lines as they become',
  REPLACE_MARKER,
].join('\n');

/**
 * The chat prompt for a quick edit: the file around the selection (windows trimmed to the
 * budget; the selection itself always whole), the earlier turns of a redirected conversation,
 * and the newest instruction last. The model answers with the selection's new text, or with
 * search/replace blocks (resolved by the relay, see resolveQuickEditAnswer.ts). The file goes into the first user turn, so the turns stay
 * alternating for chat templates that insist on it.
 */
export function buildQuickEditPrompt(
  request: Pick<QuickEditMessage, 'path' | 'language' | 'text' | 'selection' | 'instruction' | 'turns'>,
  budget: PromptBudget = DEFAULT_PROMPT_BUDGET,
): ChatPrompt {
  const { start, end } = request.selection;
  const before = trimPrefixWindow(request.text.slice(0, start), budget.prefixChars);
  const after = trimSuffixWindow(request.text.slice(end), budget.suffixChars);
  const file = [
    `File: ${request.path}${request.language ? ` (${request.language})` : ''}`,
    '',
    `${before}${SELECTION_START}${request.text.slice(start, end)}${SELECTION_END}${after}`,
  ].join('\n');

  const turns = [...request.turns, { role: 'user' as const, text: request.instruction, partial: false }];
  const firstUser = turns.findIndex((turn) => turn.role === 'user');
  const messages: ChatPrompt['messages'][number][] = [{ role: 'system', content: SYSTEM }];
  turns.forEach((turn, index) => {
    let content = turn.text;
    if (turn.role === 'assistant' && turn.partial) content += '\n[The user interrupted this answer.]';
    if (index === firstUser) content = `${file}\n\nInstruction: ${content}`;
    messages.push({ role: turn.role, content });
  });
  return { kind: 'chat', messages };
}
