import type { CursorContext } from './CursorContext.ts';
import type { ProviderStatus } from './ProviderStatus.ts';
import type { TextEdit } from './TextEdit.ts';

/**
 * Everything the session machine hears, keyed by `type`.
 *
 * `editor.*` are facts from the editor glue, which both lanes react to. `fast.*` and `quick.*`
 * are the person's commands to a lane and the relay's answers to it; every answer carries the
 * request id the machine chose, so answers to a request that was cancelled or superseded are
 * recognised and dropped.
 */
export type SessionEvent = EditorEvent | FastLaneEvent | QuickEditEvent;

export type EditorEvent =
  /**
   * The person changed the document: typing, deleting, pasting, and the insertions the machine
   * asked for on accept (report those too: accepting a word relies on it). `cursor` is after the change.
   */
  | { type: 'editor.typed'; cursor: CursorContext }
  /** The document changed by something other than the person's typing (a collaborator, an applied quick edit). */
  | { type: 'editor.changed'; cursor: CursorContext }
  /** The cursor moved (click, arrows, another file) without a change to the document. */
  | { type: 'editor.moved'; cursor: CursorContext }
  /** A measured round trip to the server (the connection's ping), which the debounce adapts to. */
  | { type: 'latency.measured'; roundTripMs: number };

export type FastLaneEvent =
  /** Ask for a suggestion now (Alt+\\ or Ctrl+Space): no debounce, allowed mid-line. */
  | { type: 'fast.trigger'; cursor?: CursorContext }
  /** Tab: take the whole suggestion. */
  | { type: 'fast.accept' }
  /** Ctrl/Cmd+→: take the next word; the rest stays shown. */
  | { type: 'fast.acceptWord' }
  /** Esc. */
  | { type: 'fast.dismiss' }
  /** Stop whatever the fast lane is doing (editor blurred, AI turned off). */
  | { type: 'fast.cancel' }
  /** A streamed piece of a suggestion. `seq` counts from 0 per request; the last batch has `done`. */
  | { type: 'fast.batch'; requestId: string; seq: number; text: string; done: boolean }
  /** The request failed; `message` is shown as it is. */
  | { type: 'fast.failed'; requestId: string; status: ProviderStatus; message: string; retryAfterMs?: number }
  /** The server refused or ended the request because a budget or rate limit was reached. */
  | { type: 'fast.limited'; requestId: string; message: string; retryAfterMs?: number };

export type QuickEditEvent =
  /** Start a quick edit of `selection` in `documentText` (the whole current text of `path`). */
  | { type: 'quick.open'; path: string; documentText: string; selection: { start: number; end: number } }
  /** Send the instruction. */
  | { type: 'quick.submit'; instruction: string }
  /** A follow-up instruction ("no, keep it recursive"): while streaming it cancels and restarts, keeping the conversation. */
  | { type: 'quick.redirect'; instruction: string }
  /**
   * A streamed piece of the answer: the new text of the selection. The `done` batch may carry
   * `edits` in document offsets when the answer was resolved to edits (then they, not the text,
   * are the answer); otherwise the answer replaces the selection with the streamed text.
   */
  | { type: 'quick.batch'; requestId: string; seq: number; text: string; done: boolean; edits?: readonly TextEdit[] }
  | { type: 'quick.failed'; requestId: string; status: ProviderStatus; message: string }
  | { type: 'quick.limited'; requestId: string; message: string; retryAfterMs?: number }
  /** Apply the answer under review. */
  | { type: 'quick.accept' }
  /** Drop the answer under review. */
  | { type: 'quick.reject' }
  /** Esc: close the quick edit (cancelling a request in flight). */
  | { type: 'quick.cancel' };
