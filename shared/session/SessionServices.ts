import type { CancelReason } from './CancelReason.ts';
import type { CursorContext } from './CursorContext.ts';
import type { TextEdit } from './TextEdit.ts';

/** A fast-lane request the relay should send: complete the document at `cursor`. */
export interface SuggestionRequest {
  readonly requestId: string;
  readonly cursor: CursorContext;
  /** `explicit` when the person asked (mid-line allowed); `auto` after the debounce. */
  readonly trigger: 'auto' | 'explicit';
}

/** One turn of a quick edit's conversation. */
export interface ConversationTurn {
  readonly role: 'user' | 'assistant';
  readonly text: string;
  /** An assistant answer cut short by a redirect. */
  readonly partial?: boolean;
}

/** A quick-edit request: rewrite the selection following the conversation (its last turn is the newest instruction). */
export interface QuickEditRequest {
  readonly requestId: string;
  readonly path: string;
  readonly documentText: string;
  readonly selection: { readonly start: number; readonly end: number };
  readonly turns: readonly ConversationTurn[];
}

/** Text the glue must insert at the cursor for the person (then report the change as `editor.typed`). */
export interface SuggestionInsertion {
  readonly requestId: string;
  readonly path: string;
  readonly at: number;
  readonly text: string;
  /** `whole` on Tab, `word` on Ctrl/Cmd+→. */
  readonly kind: 'whole' | 'word';
}

/** Edits the glue must apply as one undoable change (then report it as `editor.changed`). */
export interface QuickEditApplication {
  readonly requestId: string;
  readonly path: string;
  readonly edits: readonly TextEdit[];
}

/**
 * What the machine does to the world, passed in by whoever runs it. Calls are fire-and-forget;
 * their results come back as events. The machine calls them from its actions, so a call may send
 * an event back synchronously: the actor queues it.
 */
export interface SessionServices {
  /** Send a suggestion request; the answer comes back as `fast.batch` / `fast.failed` / `fast.limited`. */
  requestSuggestion(request: SuggestionRequest): void;
  /** Send a quick-edit request; the answer comes back as `quick.batch` / `quick.failed` / `quick.limited`. */
  requestQuickEdit(request: QuickEditRequest): void;
  /** Stop a request of either lane; the server aborts its upstream call. */
  cancel(requestId: string, reason: CancelReason): void;
  insertSuggestion(insertion: SuggestionInsertion): void;
  applyQuickEdit(application: QuickEditApplication): void;
}
