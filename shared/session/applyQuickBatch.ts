import { acceptBatch, type BatchOutcome } from './acceptBatch.ts';
import { quickAnswerVerdict } from './quickAnswerVerdict.ts';
import type { QuickEditContext } from './SessionContext.ts';
import type { SessionEvent } from './SessionEvent.ts';
import type { QuickEditVerdict } from './validateQuickEdit.ts';

type QuickBatch = Extract<SessionEvent, { type: 'quick.batch' }>;

/**
 * A quick edit's answer after `batch`: the stream in order (duplicates dropped, early batches
 * buffered), the done batch's `edits` kept from when it arrives, possibly early, and once the
 * stream has ended the verdict on the answer. Pure.
 */
export function applyQuickBatch(
  quick: QuickEditContext,
  batch: QuickBatch,
  maxPending: number,
): { readonly quick: QuickEditContext; readonly outcome: BatchOutcome; readonly verdict: QuickEditVerdict | null } {
  const { stream, outcome } = acceptBatch(quick.stream, batch, maxPending);
  const taken = outcome === 'applied' || outcome === 'buffered';
  const answerEdits = taken && batch.done ? (batch.edits ?? null) : quick.answerEdits;
  const next = { ...quick, stream, answerEdits };
  return { quick: next, outcome, verdict: quickAnswerVerdict(next) };
}
