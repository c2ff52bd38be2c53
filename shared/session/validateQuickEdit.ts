import type { QuickEditRefusal } from './QuickEditRefusal.ts';
import type { TextEdit } from './TextEdit.ts';

/** A selection in a document, by UTF-16 offsets; `start === end` is a caret (insert there). */
export interface SelectionRange {
  readonly start: number;
  readonly end: number;
}

/**
 * The verdict on a quick-edit answer. When `ok`, `edits` are the answer's edits reduced to the
 * text they really change, sorted, and `replacement` is the new text of the selection.
 */
export type QuickEditVerdict =
  | { readonly ok: true; readonly edits: readonly TextEdit[]; readonly replacement: string }
  | { readonly ok: false; readonly refusal: QuickEditRefusal };

/**
 * Checks that a quick-edit answer changes only the selected text of `documentText`.
 *
 * Each edit is first trimmed to what it really changes (a model that rewrites a wider region but
 * leaves the text around the selection as it was is fine); what remains must lie inside the
 * selection, inside the document, and not overlap another edit. Used by the session machine
 * before an answer is shown for review, and by the server before it sends one.
 */
export function validateQuickEdit(documentText: string, selection: SelectionRange, edits: readonly TextEdit[]): QuickEditVerdict {
  const length = documentText.length;
  if (!isRange(selection, length)) {
    return refuse({ reason: 'out-of-bounds', message: `The selection ${selection.start}–${selection.end} is not inside the document (0–${length}).` });
  }
  if (edits.length === 0) return refuse({ reason: 'no-edits', message: 'The answer contained no edit.' });
  const trimmed: TextEdit[] = [];
  for (const edit of edits) {
    if (!isRange(edit, length)) {
      return refuse({ reason: 'out-of-bounds', message: `The answer edits ${edit.start}–${edit.end}, outside the document (0–${length}).` });
    }
    const minimal = trimEdit(documentText, edit);
    if (minimal !== null) trimmed.push(minimal);
  }
  if (trimmed.length === 0) return refuse({ reason: 'no-change', message: 'The answer leaves the selection as it is.' });
  trimmed.sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 1; i < trimmed.length; i++) {
    const previous = trimmed[i - 1]!;
    const current = trimmed[i]!;
    if (current.start < previous.end || (current.start === previous.start && current.start === current.end)) {
      return refuse({ reason: 'overlapping', message: 'The answer has two edits of the same text.', range: { start: current.start, end: Math.max(current.end, previous.end) } });
    }
  }
  for (const edit of trimmed) {
    if (edit.start < selection.start || edit.end > selection.end) {
      const where = edit.start < selection.start ? edit.start : Math.max(edit.end - 1, edit.start);
      return refuse({
        reason: 'outside-selection',
        message: `The answer changes line ${lineOf(documentText, where)}, outside the selection (${linesOf(documentText, selection)}).`,
        range: { start: edit.start, end: edit.end },
      });
    }
  }
  let replacement = '';
  let at = selection.start;
  for (const edit of trimmed) {
    replacement += documentText.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  replacement += documentText.slice(at, selection.end);
  return { ok: true, edits: trimmed, replacement };
}

function refuse(refusal: QuickEditRefusal): QuickEditVerdict {
  return { ok: false, refusal };
}

function isRange(range: SelectionRange, length: number): boolean {
  return Number.isInteger(range.start) && Number.isInteger(range.end) && range.start >= 0 && range.start <= range.end && range.end <= length;
}

/** The part of `edit` that changes text: common leading and trailing characters dropped; null if none. */
function trimEdit(documentText: string, edit: TextEdit): TextEdit | null {
  const old = documentText.slice(edit.start, edit.end);
  const text = edit.text;
  let head = 0;
  while (head < old.length && head < text.length && old[head] === text[head]) head++;
  let tail = 0;
  while (tail < old.length - head && tail < text.length - head && old[old.length - 1 - tail] === text[text.length - 1 - tail]) tail++;
  const start = edit.start + head;
  const end = edit.end - tail;
  const inserted = text.slice(head, text.length - tail);
  return start === end && inserted === '' ? null : { start, end, text: inserted };
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

function linesOf(text: string, selection: SelectionRange): string {
  const first = lineOf(text, selection.start);
  const last = lineOf(text, Math.max(selection.start, selection.end - 1));
  return first === last ? `line ${first}` : `lines ${first}–${last}`;
}
