import type { SnapshotFrom } from 'xstate';
import type { ProviderStatus } from './ProviderStatus.ts';
import type { QuickEditRefusal } from './QuickEditRefusal.ts';
import type { ConversationTurn } from './SessionServices.ts';
import type { sessionMachine } from './sessionMachine.ts';
import type { TextEdit } from './TextEdit.ts';

export type QuickEditState = 'instructing' | 'streaming' | 'review' | 'applied' | 'rejected' | 'refused' | 'failed';

/** What the quick-edit widget renders. */
export interface QuickEditView {
  readonly state: QuickEditState;
  readonly path: string;
  readonly selection: { readonly start: number; readonly end: number };
  /** The selected text as it was when the quick edit opened. */
  readonly original: string;
  /** The new text of the selection so far (streaming) or as proposed (review, applied): the inline diff is original → this. */
  readonly proposed: string;
  readonly edits: readonly TextEdit[] | null;
  readonly turns: readonly ConversationTurn[];
  readonly refusal: QuickEditRefusal | null;
  readonly failure: { readonly status: ProviderStatus | 'budget'; readonly message: string } | null;
}

const STATES: readonly QuickEditState[] = ['instructing', 'streaming', 'review', 'applied', 'rejected', 'refused', 'failed'];

/** The quick edit to render, or null when none is open. */
export function selectQuickEdit(snapshot: SnapshotFrom<typeof sessionMachine>): QuickEditView | null {
  const state = STATES.find((s) => snapshot.matches({ quickEdit: s }));
  if (state === undefined) return null;
  const { quick } = snapshot.context;
  const original = quick.documentText.slice(quick.selection.start, quick.selection.end);
  return {
    state,
    path: quick.path,
    selection: quick.selection,
    original,
    proposed: quick.proposal?.replacement ?? quick.stream.text,
    edits: quick.proposal?.edits ?? null,
    turns: quick.turns,
    refusal: quick.refusal,
    failure: quick.failure,
  };
}
