/**
 * The whole lines a selection touches, by UTF-16 offsets into `text`: from the start of its first
 * line to the end of its last one, line break excluded. A selection that ends at the very start
 * of a line (as selecting lines with Shift+↓ does) does not take that line. A caret stays a caret:
 * a quick edit there inserts new code.
 *
 * Quick edits work on whole lines because the answer is shown as a line diff, and a model
 * rewrites a line it sees whole more reliably than the tail of one.
 */
export function wholeLinesOf(text: string, selection: { readonly start: number; readonly end: number }): { start: number; end: number } {
  const from = Math.max(0, Math.min(selection.start, selection.end, text.length));
  const to = Math.min(text.length, Math.max(selection.start, selection.end));
  if (from === to) return { start: from, end: to };
  const start = text.lastIndexOf('\n', from - 1) + 1;
  let end: number;
  if (text[to - 1] === '\n' && to - 1 >= start) {
    end = to - 1;
  } else {
    const lineEnd = text.indexOf('\n', to);
    end = lineEnd === -1 ? text.length : lineEnd;
  }
  if (end > start && text[end - 1] === '\r') end--;
  return { start, end: Math.max(start, end) };
}
