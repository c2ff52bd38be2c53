import { parseSearchReplaceBlocks, type SearchReplaceBlock } from '../../shared/searchReplaceBlocks.ts';
import type { TextEdit } from '../../shared/session/TextEdit.ts';

/**
 * A complete quick-edit answer, resolved against the document it was asked about:
 * - `replacement`: a plain answer; the streamed text is the selection's new text, as it is;
 * - `edits`: search/replace blocks, each found in the document and turned into an edit in
 *   document offsets (the client's session machine validates them: an edit outside the
 *   selection is refused there, with its reason shown);
 * - `unresolved`: blocks that cannot be applied (search text not in the document, an answer cut
 *   off inside a block), with a sentence saying why.
 */
export type ResolvedQuickEditAnswer =
  | { readonly kind: 'replacement' }
  | { readonly kind: 'edits'; readonly edits: readonly TextEdit[] }
  | { readonly kind: 'unresolved'; readonly message: string };

type Range = { readonly start: number; readonly end: number };

/**
 * Resolves `answer` (code fences already taken off) against `documentText`, whose `selection`
 * the quick edit is about. Each block's search text is looked for in the whole document, so an
 * answer that reaches outside the selection is resolved faithfully and refused by validation,
 * not silently bent into the selection. Where a search text occurs more than once, the
 * occurrence inside the selection wins, then one overlapping it, then the nearest. An empty
 * search text stands for the selection itself. A block that deletes whole lines takes their
 * line break with them.
 */
export function resolveQuickEditAnswer(documentText: string, selection: Range, answer: string): ResolvedQuickEditAnswer {
  const parsed = parseSearchReplaceBlocks(answer);
  if (parsed === null) return { kind: 'replacement' };
  if (!parsed.complete) return { kind: 'unresolved', message: 'The answer ended inside a search/replace block.' };
  if (parsed.blocks.length === 0) return { kind: 'unresolved', message: 'The answer has a search/replace block without its end.' };
  const edits: TextEdit[] = [];
  for (const block of parsed.blocks) {
    const range = findBlock(documentText, selection, block);
    if (range === null) return { kind: 'unresolved', message: `The answer searches for text that is not in the file: “${firstLine(block.search)}”.` };
    edits.push({ ...wholeLineDeletion(documentText, range, block), text: block.replace });
  }
  return { kind: 'edits', edits };
}

function findBlock(text: string, selection: Range, block: SearchReplaceBlock): Range | null {
  if (block.search === '') return selection;
  let best: Range | null = null;
  let bestRank = Infinity;
  for (let at = text.indexOf(block.search); at !== -1; at = text.indexOf(block.search, at + 1)) {
    const range = { start: at, end: at + block.search.length };
    const rank = rankOf(range, selection);
    if (rank < bestRank) {
      best = range;
      bestRank = rank;
    }
  }
  return best;
}

/** Lower is better: inside the selection, then overlapping it, then by distance from it. */
function rankOf(range: Range, selection: Range): number {
  if (range.start >= selection.start && range.end <= selection.end) return -2;
  if (range.start < selection.end && range.end > selection.start) return -1;
  return range.end <= selection.start ? selection.start - range.end : range.start - selection.end;
}

/** A block that replaces whole lines with nothing removes the lines, break included, not only their text. */
function wholeLineDeletion(text: string, range: Range, block: SearchReplaceBlock): Range {
  if (block.replace !== '' || range.start === range.end) return range;
  const atLineStart = range.start === 0 || text[range.start - 1] === '\n';
  const atLineEnd = range.end === text.length || text[range.end] === '\n';
  if (!atLineStart || !atLineEnd) return range;
  if (range.end < text.length) return { start: range.start, end: range.end + 1 };
  return range.start > 0 ? { start: range.start - 1, end: range.end } : range;
}

function firstLine(text: string): string {
  const line = text.split('\n')[0]!.trim();
  return line.length > 60 ? `${line.slice(0, 57)}…` : line;
}
