import type * as Y from 'yjs';

/**
 * Rewrites every CRLF and lone CR of a Y.Text as LF, in one transaction with `origin`, and says
 * whether anything changed. Editors hold LF only, so the text must too, or offsets would count
 * different characters in the model and in the document. A CRLF loses only its CR (a delete), so
 * two peers fixing the same text at once converge on one LF; only a lone CR needs an insert.
 */
export function normalizeLineEndings(text: Y.Text, origin: unknown): boolean {
  const value = text.toString();
  if (!value.includes('\r')) return false;
  const doc = text.doc;
  if (doc === null) throw new Error('normalizeLineEndings needs a Y.Text that belongs to a document');
  doc.transact(() => {
    // Right to left, so the offsets still to visit are not moved by the ones already fixed.
    for (let at = value.lastIndexOf('\r'); at !== -1; at = at === 0 ? -1 : value.lastIndexOf('\r', at - 1)) {
      text.delete(at, 1);
      if (value[at + 1] !== '\n') text.insert(at, '\n');
    }
  }, origin);
  return true;
}
