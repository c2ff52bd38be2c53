import type { SuggestMessage } from '../../shared/clientMessage.ts';
import type { InfillPrompt } from '../providers/ModelProvider.ts';
import { DEFAULT_PROMPT_BUDGET, type PromptBudget } from './promptBudget.ts';
import { trimPrefixWindow } from './trimPrefixWindow.ts';
import { trimSuffixWindow } from './trimSuffixWindow.ts';

/** What prompt building was given and what it kept, for logs and the session report. */
export interface InfillPromptStats {
  prefixChars: number;
  suffixChars: number;
  snippetsKept: number;
  snippetsDropped: number;
  /** Snippets were left out because the time budget ran out. */
  outOfTime: boolean;
}

/**
 * The fill-in-the-middle prompt for a suggest request: the windows around the cursor trimmed to
 * the budget, then other files' snippets in the order given until the snippet budget (or the
 * time budget, measured with `now`) runs out. A snippet that does not fit whole is cut at a line
 * end; one from the file being edited is skipped (the windows already hold it). Pure apart from
 * the clock it is given.
 */
export function buildInfillPrompt(
  request: Pick<SuggestMessage, 'path' | 'context' | 'snippets'>,
  budget: PromptBudget = DEFAULT_PROMPT_BUDGET,
  now: () => number = () => 0,
): { prompt: InfillPrompt; stats: InfillPromptStats } {
  const started = now();
  const context = request.context;
  const rawPrefix = context.kind === 'windows' ? context.prefix : context.text.slice(Math.max(0, context.cursorOffset - budget.prefixChars - 1), context.cursorOffset);
  const rawSuffix = context.kind === 'windows' ? context.suffix : context.text.slice(context.cursorOffset, context.cursorOffset + budget.suffixChars + 1);
  const prefix = trimPrefixWindow(rawPrefix, budget.prefixChars);
  const suffix = trimSuffixWindow(rawSuffix, budget.suffixChars);

  const snippets = request.snippets ?? [];
  const kept: { path: string; text: string }[] = [];
  let left = budget.snippetChars;
  let outOfTime = false;
  for (const snippet of snippets) {
    if (kept.length >= budget.maxSnippets || left <= 0) break;
    if (now() - started > budget.timeMs) {
      outOfTime = true;
      break;
    }
    if (snippet.path === request.path || snippet.text.trim() === '') continue;
    const text = trimSuffixWindow(snippet.text, left);
    if (text.trim() === '') break;
    kept.push({ path: snippet.path, text });
    left -= text.length;
  }

  const prompt: InfillPrompt = { kind: 'infill', prefix, suffix, path: request.path };
  if (kept.length > 0) prompt.context = kept;
  return {
    prompt,
    stats: { prefixChars: prefix.length, suffixChars: suffix.length, snippetsKept: kept.length, snippetsDropped: snippets.length - kept.length, outOfTime },
  };
}
