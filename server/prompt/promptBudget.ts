/**
 * How much of a request goes into a prompt, in characters (about four per token for code). The
 * fast lane wants a short prompt: every character is prefill time before the first token.
 */
export interface PromptBudget {
  prefixChars: number;
  suffixChars: number;
  /** All other-file snippets together. */
  snippetChars: number;
  maxSnippets: number;
  /** Milliseconds prompt building may take; snippets past it are left out. */
  timeMs: number;
}

export const DEFAULT_PROMPT_BUDGET: PromptBudget = {
  prefixChars: 6_000,
  suffixChars: 2_000,
  snippetChars: 3_000,
  maxSnippets: 4,
  timeMs: 5,
};
