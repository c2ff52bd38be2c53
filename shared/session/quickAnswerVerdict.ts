import type { QuickEditContext } from './SessionContext.ts';
import { validateQuickEdit, type QuickEditVerdict } from './validateQuickEdit.ts';

/**
 * The verdict on a quick edit's answer once its stream has ended (null before). The answer is the
 * done batch's `edits` when it carried them, else the streamed text as the new text of the
 * selection; it is validated against the document as it was when the quick edit opened.
 */
export function quickAnswerVerdict(quick: QuickEditContext): QuickEditVerdict | null {
  if (!quick.stream.ended) return null;
  const answer = quick.answerEdits ?? [{ start: quick.selection.start, end: quick.selection.end, text: quick.stream.text }];
  return validateQuickEdit(quick.documentText, quick.selection, answer);
}
