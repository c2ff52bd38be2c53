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
 * occurrence inside the selection wins, then one overlapping it, then the nearest. A search text
 * that is not in the document exactly may still match whole lines with trailing spaces ignored
 * and a common indentation the model left off put back (on the replacement too). An empty
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
    const found = findBlock(documentText, selection, block);
    if (found === null) return { kind: 'unresolved', message: `The answer searches for text that is not in the file: “${firstLine(block.search)}”.` };
    const replace = found.indent === '' ? block.replace : indentLines(block.replace, found.indent);
    edits.push({ ...wholeLineDeletion(documentText, found, replace), text: replace });
  }
  return { kind: 'edits', edits };
}

/** Where a block's search text is, and the indentation the model left off its lines (added to the replacement). */
type Found = Range & { readonly indent: string };

/**
 * The block's search text in the document: exactly, or else line by line with trailing spaces
 * ignored and, when the model dropped the same leading indentation from every line (a frequent
 * slip), with that indentation put back.
 */
function findBlock(text: string, selection: Range, block: SearchReplaceBlock): Found | null {
  if (block.search === '') return { ...selection, indent: '' };
  const candidates: Found[] = [];
  for (let at = text.indexOf(block.search); at !== -1; at = text.indexOf(block.search, at + 1)) {
    candidates.push({ start: at, end: at + block.search.length, indent: '' });
  }
  if (candidates.length === 0) candidates.push(...looseMatches(text, block.search));
  let best: Found | null = null;
  let bestRank = Infinity;
  for (const candidate of candidates) {
    const rank = rankOf(candidate, selection);
    if (rank < bestRank) {
      best = candidate;
      bestRank = rank;
    }
  }
  return best;
}

/** Whole-line matches of `search` that differ only in trailing spaces and a common missing indentation. */
function looseMatches(text: string, search: string): Found[] {
  const wanted = search.split('\n').map((line) => line.trimEnd());
  const lines = text.split('\n');
  const starts: number[] = [];
  let offset = 0;
  for (const line of lines) {
    starts.push(offset);
    offset += line.length + 1;
  }
  const found: Found[] = [];
  for (let first = 0; first + wanted.length <= lines.length; first++) {
    const indent = indentationAdded(lines.slice(first, first + wanted.length), wanted);
    if (indent === null) continue;
    const last = first + wanted.length - 1;
    found.push({ start: starts[first]!, end: starts[last]! + lines[last]!.length, indent });
  }
  return found;
}

/** The indentation every non-blank wanted line lacks against its document line, or null when they differ otherwise. */
function indentationAdded(have: readonly string[], wanted: readonly string[]): string | null {
  let indent: string | null = null;
  for (let i = 0; i < wanted.length; i++) {
    const line = have[i]!.trimEnd();
    const want = wanted[i]!;
    if (want === '') {
      if (line !== '') return null;
      continue;
    }
    if (!line.endsWith(want)) return null;
    const extra = line.slice(0, line.length - want.length);
    if (extra.trim() !== '' || (indent !== null && extra !== indent)) return null;
    indent = extra;
  }
  return indent ?? '';
}

function indentLines(text: string, indent: string): string {
  return text
    .split('\n')
    .map((line) => (line.trim() === '' ? line : indent + line))
    .join('\n');
}

/** Lower is better: inside the selection, then overlapping it, then by distance from it. */
function rankOf(range: Range, selection: Range): number {
  if (range.start >= selection.start && range.end <= selection.end) return -2;
  if (range.start < selection.end && range.end > selection.start) return -1;
  return range.end <= selection.start ? selection.start - range.end : range.start - selection.end;
}

/** A block that replaces whole lines with nothing removes the lines, break included, not only their text. */
function wholeLineDeletion(text: string, range: Range, replace: string): Range {
  if (replace !== '' || range.start === range.end) return { start: range.start, end: range.end };
  const atLineStart = range.start === 0 || text[range.start - 1] === '\n';
  const atLineEnd = range.end === text.length || text[range.end] === '\n';
  if (!atLineStart || !atLineEnd) return { start: range.start, end: range.end };
  if (range.end < text.length) return { start: range.start, end: range.end + 1 };
  return { start: range.start > 0 ? range.start - 1 : range.start, end: range.end };
}

function firstLine(text: string): string {
  const line = text.split('\n')[0]!.trim();
  return line.length > 60 ? `${line.slice(0, 57)}…` : line;
}
