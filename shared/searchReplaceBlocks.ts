/**
 * Search/replace blocks: the answer format coding agents use to change a file in places, one
 * block per change, each naming the exact text to find and what it becomes:
 *
 *     <<<<<<< SEARCH
 *     the exact lines to find
 *     =======
 *     what they become
 *     >>>>>>> REPLACE
 *
 * A quick edit may be answered this way instead of with the new text of the selection. The server
 * resolves the blocks to edits against the document; the client only needs to know the answer
 * is in this form, to show it as edits rather than as the selection's new text while it streams.
 */
export interface SearchReplaceBlock {
  /** The text to find (whole lines, joined by `\n`, no line break after the last). Empty: insert at the selection. */
  readonly search: string;
  readonly replace: string;
}

export const SEARCH_MARKER = '<<<<<<< SEARCH';
export const DIVIDER_MARKER = '=======';
export const REPLACE_MARKER = '>>>>>>> REPLACE';

const SEARCH_LINE = /^<{5,9} ?SEARCH\s*$/;
const DIVIDER_LINE = /^={5,9}\s*$/;
const REPLACE_LINE = /^>{5,9} ?REPLACE\s*$/;

/**
 * The blocks of an answer, or null when it has no SEARCH line (a plain answer). Lines outside
 * blocks (a file name, a code fence, a remark) are ignored. `complete` is false when the answer
 * ends inside a block: that block is not among `blocks`.
 */
export function parseSearchReplaceBlocks(answer: string): { readonly blocks: readonly SearchReplaceBlock[]; readonly complete: boolean } | null {
  const blocks: SearchReplaceBlock[] = [];
  let part: 'outside' | 'search' | 'replace' = 'outside';
  let search: string[] = [];
  let replace: string[] = [];
  let seen = false;
  for (const raw of answer.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (part === 'outside') {
      if (SEARCH_LINE.test(line)) {
        seen = true;
        part = 'search';
        search = [];
        replace = [];
      }
    } else if (part === 'search') {
      if (DIVIDER_LINE.test(line)) part = 'replace';
      else search.push(raw);
    } else if (REPLACE_LINE.test(line)) {
      blocks.push({ search: search.join('\n'), replace: replace.join('\n') });
      part = 'outside';
    } else {
      replace.push(raw);
    }
  }
  return seen ? { blocks, complete: part === 'outside' } : null;
}

/**
 * Whether a streaming answer is, or may yet turn out to be, search/replace blocks: it has a
 * SEARCH line, or all it has so far is the start of one.
 */
export function mayBeSearchReplaceAnswer(answerSoFar: string): boolean {
  const text = answerSoFar.trimStart();
  if (text === '') return false;
  if (!text.includes('\n')) return SEARCH_MARKER.startsWith(text) || SEARCH_LINE.test(text);
  return text.split('\n').some((line) => SEARCH_LINE.test(line.endsWith('\r') ? line.slice(0, -1) : line));
}
