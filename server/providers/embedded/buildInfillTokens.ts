import type { InfillPrompt } from '../ModelProvider.ts';

/** What building a FIM prompt needs from a model's vocabulary. */
export interface InfillVocabulary<T extends number> {
  /** Plain text to tokens; never parses special-token text out of user code. */
  tokenize(text: string): T[];
  prefix: T;
  suffix: T;
  /** Absent on suffix-prefix-middle models: the order then becomes suffix, prefix. */
  middle?: T;
  /** `<|repo_name|>`-style token of repo-level FIM, if the vocabulary has one. */
  repoName?: T;
  /** `<|file_sep|>`-style token of repo-level FIM, if the vocabulary has one. */
  fileSeparator?: T;
}

/** Repo name written after the repo token; the model only needs a stable word there. */
const REPO_NAME = 'project';
/** What llama.cpp's /infill puts between snippets when the vocabulary has no file separator. */
const SNIPPET_SEPARATOR = '\n\n--- snippet ---\n\n';

/**
 * The fill-in-the-middle prompt as tokens, in the layout llama.cpp's server builds for /infill
 * (repo-level FIM, as Qwen2.5-Coder was trained):
 *
 *   [REPO]project\n [SEP]other.ts\n<snippet> … [SEP]current.ts\n [PRE]prefix [SUF]suffix [MID]
 *
 * so the embedded lane and a llama.cpp server lane show the same model the same prompt. The other
 * files' snippets go before the FIM prefix token (where the model saw them in training), which
 * node-llama-cpp's generateInfillCompletion cannot express: it always starts with the prefix token.
 *
 * Fitting into `budget` tokens: the suffix gets at most a quarter, the prefix the rest (keeping the
 * text nearest the cursor), and what is left goes to the repo context, keeping its end (the most
 * relevant snippets, last by the prompt's ordering, and the current file's header).
 */
export function buildInfillTokens<T extends number>(prompt: InfillPrompt, vocab: InfillVocabulary<T>, budget: number): T[] {
  const extra: T[] = [];
  if (vocab.repoName !== undefined) extra.push(vocab.repoName, ...vocab.tokenize(`${REPO_NAME}\n`));
  for (const snippet of prompt.context ?? []) {
    if (vocab.fileSeparator !== undefined) extra.push(vocab.fileSeparator, ...vocab.tokenize(`${snippet.path}\n`));
    else extra.push(...vocab.tokenize(SNIPPET_SEPARATOR));
    extra.push(...vocab.tokenize(snippet.text));
  }
  if (vocab.fileSeparator !== undefined) extra.push(vocab.fileSeparator, ...vocab.tokenize(`${prompt.path ?? 'filename'}\n`));

  const prefix = vocab.tokenize(prompt.prefix);
  const suffix = vocab.tokenize(prompt.suffix);
  const room = Math.max(0, budget - (vocab.middle === undefined ? 2 : 3));
  let suffixTake = Math.min(suffix.length, Math.floor(room / 4));
  const prefixTake = Math.min(prefix.length, room - suffixTake);
  suffixTake = Math.min(suffix.length, room - prefixTake); // a short prefix leaves more room for the suffix
  const extraTake = Math.min(extra.length, room - prefixTake - suffixTake);

  const keptExtra = extra.slice(extra.length - extraTake);
  const keptPrefix = prefix.slice(prefix.length - prefixTake);
  const keptSuffix = suffix.slice(0, suffixTake);
  if (vocab.middle === undefined) return [...keptExtra, vocab.suffix, ...keptSuffix, vocab.prefix, ...keptPrefix];
  return [...keptExtra, vocab.prefix, ...keptPrefix, vocab.suffix, ...keptSuffix, vocab.middle];
}
