import type { CursorContext } from './CursorContext.ts';

/**
 * What the person typed at `anchor` to arrive at `cursor`, or null if `cursor` is not `anchor`
 * plus text typed at the cursor (another file, a deletion past the anchor, a move, or a change on
 * the line right of the cursor).
 *
 * Decided from the windows alone: the text before the anchor must be unchanged (as far as both
 * windows reach) and the rest of the line must be the same. Backspacing within what was typed is
 * fine: it only makes the typed text shorter.
 */
export function typedSince(anchor: CursorContext, cursor: CursorContext): string | null {
  if (anchor.path !== cursor.path || anchor.lineSuffix !== cursor.lineSuffix) return null;
  const distance = cursor.offset - anchor.offset;
  if (distance < 0 || distance > cursor.before.length) return null;
  const typed = cursor.before.slice(cursor.before.length - distance);
  const rest = cursor.before.slice(0, cursor.before.length - distance);
  // With the same window size, what is left of the new window after the typed text is the tail of
  // the anchor's window; holding more of the old text than the anchor did means the text changed.
  if (rest.length > anchor.before.length || !anchor.before.endsWith(rest)) return null;
  // Typed text filling the whole window leaves nothing to check the anchor against.
  if (rest === '' && anchor.before !== '') return null;
  return typed;
}
