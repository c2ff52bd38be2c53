import { z } from 'zod';

/**
 * Why a quick-edit answer is not offered for review:
 * - `no-edits`: the answer was empty;
 * - `out-of-bounds`: an edit (or the selection) lies outside the document;
 * - `overlapping`: two edits touch the same text, so their order is ambiguous;
 * - `outside-selection`: the answer changes text outside the selection;
 * - `no-change`: applying the answer would change nothing;
 * - `document-changed`: the document changed while the answer was coming or under review.
 */
export const QuickEditRefusalReason = z.enum(['no-edits', 'out-of-bounds', 'overlapping', 'outside-selection', 'no-change', 'document-changed']);
export type QuickEditRefusalReason = z.infer<typeof QuickEditRefusalReason>;

/** A refused answer: the reason, a sentence the UI shows as it is, and the offending range if any. */
export interface QuickEditRefusal {
  readonly reason: QuickEditRefusalReason;
  readonly message: string;
  readonly range?: { readonly start: number; readonly end: number };
}
