import type { CursorContext } from './CursorContext.ts';
import { typedSince } from './typedSince.ts';

/**
 * Where a suggestion requested at `anchor` stands once the cursor is at `cursor`:
 * - `remaining`: the person typed a prefix of it; `text` is what is left to show;
 * - `ahead`: everything it says so far has been typed (it may still grow);
 * - `diverged`: the person typed something it does not say, or moved away.
 */
export type Continuation = { readonly kind: 'remaining'; readonly text: string } | { readonly kind: 'ahead' } | { readonly kind: 'diverged' };

/** The continuation of `text` (a suggestion for `anchor`) at `cursor`. */
export function continuationAt(anchor: CursorContext, text: string, cursor: CursorContext): Continuation {
  const typed = typedSince(anchor, cursor);
  if (typed === null) return { kind: 'diverged' };
  if (text.startsWith(typed)) {
    const rest = text.slice(typed.length);
    return rest === '' ? { kind: 'ahead' } : { kind: 'remaining', text: rest };
  }
  return typed.startsWith(text) ? { kind: 'ahead' } : { kind: 'diverged' };
}
