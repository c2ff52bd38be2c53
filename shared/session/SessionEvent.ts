import type { DeepBudgets, DeepFailureStatus, DeepTaskFigures, DeepTestSummary, DeepToolCall, PlanStep, ToolFailure } from '../deepLane/protocol.ts';
import type { ProgramResult, RunStatus, TestReport } from '../testReport.ts';
import type { CursorContext } from './CursorContext.ts';
import type { PromotionReason } from './PromotionReason.ts';
import type { ProviderStatus } from './ProviderStatus.ts';
import type { SelectedCode } from './SelectedCode.ts';
import type { TextEdit } from './TextEdit.ts';

/**
 * Everything the session machine hears, keyed by `type`.
 *
 * `editor.*` are facts from the editor glue, which both lanes react to. `fast.*` and `quick.*`
 * are the person's commands to a lane and the relay's answers to it; every answer carries the
 * request id the machine chose, so answers to a request that was cancelled or superseded are
 * recognised and dropped. `runtime.*` and `run.*` come from the runtime glue; `deep.*` are the
 * person's commands to the deep lane and the server's deep events (`deepEventToSessionEvent`),
 * each tagged with the task id the machine chose.
 */
export type SessionEvent = EditorEvent | FastLaneEvent | QuickEditEvent | RuntimeEvent | DeepLaneEvent | LanesEvent;

/** Token figures of a finished answer, as the server counted them. */
export interface AnswerUsage {
  readonly inputTokens: number;
  readonly outputTokens: number;
}

/** What a run does: the workspace's tests, or one program. */
export type RunKind = 'program' | 'tests';

export type LanesEvent =
  /** The lanes' models as the server's ai-status names them (for the metrics records). */
  { type: 'ai.models'; fast: string | null; deep: string | null };

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
  | { type: 'fast.batch'; requestId: string; seq: number; text: string; done: boolean; usage?: AnswerUsage }
  /** The request failed; `message` is shown as it is. */
  | { type: 'fast.failed'; requestId: string; status: ProviderStatus; message: string; retryAfterMs?: number }
  /** The server refused or ended the request because a budget or rate limit was reached. */
  | { type: 'fast.limited'; requestId: string; message: string; retryAfterMs?: number };

export type QuickEditEvent =
  /**
   * Start a quick edit of `selection` in `documentText` (the whole current text of `path`).
   * `alsoSelected`: selections the person made in other files at the same time (other editors);
   * a selection over more than one file is handed to the deep lane.
   */
  | { type: 'quick.open'; path: string; documentText: string; selection: { start: number; end: number }; alsoSelected?: readonly SelectedCode[] }
  /** Send the instruction. */
  | { type: 'quick.submit'; instruction: string }
  /** A follow-up instruction ("no, keep it recursive"): while streaming it cancels and restarts, keeping the conversation. */
  | { type: 'quick.redirect'; instruction: string }
  /**
   * A streamed piece of the answer: the new text of the selection. The `done` batch may carry
   * `edits` in document offsets when the answer was resolved to edits (then they, not the text,
   * are the answer); otherwise the answer replaces the selection with the streamed text.
   */
  | { type: 'quick.batch'; requestId: string; seq: number; text: string; done: boolean; edits?: readonly TextEdit[]; usage?: AnswerUsage }
  | { type: 'quick.failed'; requestId: string; status: ProviderStatus; message: string }
  | { type: 'quick.limited'; requestId: string; message: string; retryAfterMs?: number }
  /** Apply the answer under review. */
  | { type: 'quick.accept' }
  /** Drop the answer under review. */
  | { type: 'quick.reject' }
  /** Esc: close the quick edit (cancelling a request in flight). */
  | { type: 'quick.cancel' }
  /** The person asks for the deep lane instead (with the instruction typed so far, if any). */
  | { type: 'quick.handOff'; instruction?: string };

export type RuntimeEvent =
  /** The runtime booted (`runtime`: its name, e.g. "worker" or "webcontainer"); also after a fallback runtime booted. */
  | { type: 'runtime.ready'; runtime: string }
  /** The runtime could not boot or broke; `reason` is shown as it is. */
  | { type: 'runtime.failed'; reason: string }
  /** The person asks to run the program or the tests. */
  | { type: 'run.start'; kind: RunKind }
  /** The person asks to stop the run going on. */
  | { type: 'run.stop' }
  /** A run the machine started (`startRun`) ended, however it ended (a stopped run too). */
  | { type: 'run.finished'; runId: string; status: RunStatus; report?: TestReport; program?: ProgramResult; output?: string };

/** One file of a deep task's aggregated diff; `before`/`after` are the texts when the glue knows them (its overlay). */
export interface DeepFileChange {
  readonly path: string;
  readonly status: 'added' | 'modified' | 'deleted';
  readonly added: number;
  readonly removed: number;
  /** The workspace's text when the task started (null for an added file, or unknown). */
  readonly before: string | null;
  /** The task's text (null for a deleted file, or unknown). */
  readonly after: string | null;
}

export type DeepLaneEvent =
  /**
   * Propose a deep task (the person asks, or the machine hands a quick edit over). `reasons` are
   * the promotion criteria that held (the person asking: `asked`, the default).
   * `failingTestOutput` defaults to the person's last failing test run.
   */
  | {
      type: 'deep.propose';
      instruction: string;
      constraints?: string;
      selection?: SelectedCode;
      openFiles?: readonly string[];
      failingTestOutput?: string;
      reasons?: readonly PromotionReason[];
      /** The proposal comes from a quick edit moved aside (it comes back on decline). */
      fromQuickEdit?: boolean;
    }
  /** The one key that starts the proposed task. */
  | { type: 'deep.confirm' }
  /** Drop the proposal (a quick edit moved aside comes back). */
  | { type: 'deep.decline' }
  /** Input for the next model turn; `turnId` is the turn the person saw while typing it (current turn if absent). */
  | { type: 'deep.steer'; text: string; turnId?: number }
  /** Stop the task at once; the files stay as they were. */
  | { type: 'deep.interrupt' }
  /** Apply every file of the result not applied yet. */
  | { type: 'deep.applyAll' }
  /** Apply one file of the result. */
  | { type: 'deep.applyFile'; path: string }
  /** Drop the result (files already applied one by one stay applied). */
  | { type: 'deep.discard' }
  /** Review what a task that failed or ran out of budget staged before it stopped (a partial result). */
  | { type: 'deep.review' }
  /** Close an ended task's panel. */
  | { type: 'deep.close' }
  // The server's deep events, each for the task id the machine chose:
  | { type: 'deep.started'; taskId: string; adapter: string; model: string; budgets: DeepBudgets }
  | { type: 'deep.turn'; taskId: string; turnId: number }
  | { type: 'deep.text'; taskId: string; turnId: number; text: string }
  | { type: 'deep.plan'; taskId: string; steps: readonly PlanStep[] }
  | { type: 'deep.toolCall'; taskId: string; turnId: number; callId: string; call: DeepToolCall }
  | { type: 'deep.toolFinished'; taskId: string; callId: string; name: string; ok: boolean; failure?: ToolFailure; summary: string }
  | { type: 'deep.diff'; taskId: string; files: readonly DeepFileChange[] }
  | { type: 'deep.tests'; taskId: string; summary: DeepTestSummary }
  | { type: 'deep.usage'; taskId: string; inputTokens: number; outputTokens: number }
  | { type: 'deep.steerAccepted'; taskId: string; turnId: number }
  | { type: 'deep.steerRefused'; taskId: string; reason: string; text: string }
  | { type: 'deep.budget'; taskId: string; which: 'turns' | 'tokens' | 'wall-time'; limit: number; used: number }
  | { type: 'deep.result'; taskId: string; summary: string; figures: DeepTaskFigures }
  | { type: 'deep.failed'; taskId: string; status: DeepFailureStatus; message: string; figures?: DeepTaskFigures }
  | { type: 'deep.interrupted'; taskId: string; figures?: DeepTaskFigures };
