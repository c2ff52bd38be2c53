import type { DeepToolCall } from '../deepLane/protocol.ts';
import type { RequestMetric } from '../metrics/RequestMetric.ts';
import type { ProgramResult, RunStatus, TestReport } from '../testReport.ts';
import type { CancelReason } from './CancelReason.ts';
import type { CursorContext } from './CursorContext.ts';
import type { DeepFileChange, RunKind } from './SessionEvent.ts';
import type { SelectedCode } from './SelectedCode.ts';
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

/** The deep lane's run tools, which go through the session's one runtime. */
export type RunToolCall = Extract<DeepToolCall, { name: 'run_tests' | 'run_program' }>;
/** The deep lane's file tools, which the glue runs on its overlay of the workspace. */
export type FileToolCall = Exclude<DeepToolCall, RunToolCall>;

/** Who asked for a run: the person, or a deep task's tool call (run over the task's overlay). */
export type RunOrigin = { readonly by: 'person' } | { readonly by: 'deep'; readonly taskId: string; readonly callId: string; readonly call: RunToolCall };

/** A run the glue must start in the runtime, then report as `run.finished` with the same `runId`. */
export interface RunRequest {
  readonly runId: string;
  readonly kind: RunKind;
  readonly origin: RunOrigin;
}

/** A run as it ended. */
export interface FinishedRun extends RunRequest {
  readonly status: RunStatus;
  readonly report?: TestReport;
  readonly program?: ProgramResult;
  readonly output?: string;
}

/** The runtime's side of the session: one run at a time, for the person or the deep lane. */
export interface RuntimeServices {
  /** Start the run (over the deep task's overlay when `origin.by` is "deep"); report its end as `run.finished`. */
  startRun(run: RunRequest): void;
  /** Stop the run at once; it still ends with `run.finished` (status "stopped"). */
  stopRun(runId: string): void;
}

/** A deep task to start (the glue sends it as `deep-start`). */
export interface DeepTaskRequest {
  readonly taskId: string;
  readonly instruction: string;
  readonly constraints?: string;
  readonly selection?: SelectedCode;
  readonly failingTestOutput?: string;
  readonly openFiles?: readonly string[];
}

/** The answer to a deep task's run tool call: the run as it ended, or why it could not run. */
export type DeepRunAnswer =
  | { readonly taskId: string; readonly callId: string; readonly run: FinishedRun }
  | { readonly taskId: string; readonly callId: string; readonly refused: string };

/** The deep lane's side of the session, carried out by the glue over the socket. */
export interface DeepLaneServices {
  startDeepTask(request: DeepTaskRequest): void;
  /** Queue `text` for the turn after `turnId` (sent as `deep-steer`). */
  steerDeepTask(steer: { readonly taskId: string; readonly turnId: number; readonly text: string }): void;
  /** Stop the model call at once (sent as `deep-interrupt`); the machine stops a run of the task itself. */
  interruptDeepTask(taskId: string): void;
  /** Run a file tool on the task's overlay and answer the server with `deep-tool-result`. */
  runDeepTool(request: { readonly taskId: string; readonly callId: string; readonly call: FileToolCall }): void;
  /** Answer a run tool call with `deep-tool-result`. */
  answerDeepRun(answer: DeepRunAnswer): void;
  /**
   * Apply these files of the task's result to the workspace, one undoable step per file (then
   * report each as `editor.changed`). Nothing of a task reaches the workspace otherwise.
   */
  applyDeepResult(application: { readonly taskId: string; readonly files: readonly DeepFileChange[] }): void;
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
  /**
   * The runtime, when this session has one. Without it `run.start` does nothing and the deep
   * lane's run tool calls are answered "no runtime".
   */
  readonly runtime?: RuntimeServices;
  /** The deep lane, when this session has one. Without it nothing is proposed or started. */
  readonly deep?: DeepLaneServices;
  /** One record per AI request when it ends (both lanes); without it nothing is recorded. */
  recordMetric?(metric: RequestMetric): void;
}
