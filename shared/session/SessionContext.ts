import type { DeepBudgets, DeepFailureStatus, DeepTaskFigures, DeepTestSummary, PlanStep, ToolFailure } from '../deepLane/protocol.ts';
import type { CursorContext } from './CursorContext.ts';
import type { PromotionReason } from './PromotionReason.ts';
import type { SelectedCode } from './SelectedCode.ts';
import type { AnswerUsage, DeepFileChange } from './SessionEvent.ts';
import type { SteerRefusalReason } from './SteerRefusalReason.ts';
import type { InterruptReason } from './InterruptReason.ts';
import type { ProviderStatus } from './ProviderStatus.ts';
import type { QuickEditRefusal } from './QuickEditRefusal.ts';
import type { SequencedStream } from './SequencedStream.ts';
import type { SessionClock } from './SessionClock.ts';
import type { SessionOptions } from './SessionOptions.ts';
import type { ConversationTurn, FinishedRun, RunRequest, SessionServices } from './SessionServices.ts';
import type { SuggestionCache } from './SuggestionCache.ts';
import type { TextEdit } from './TextEdit.ts';

/** A suggestion request that has been sent and has not ended, failed or been cancelled. */
export interface InFlightSuggestion {
  readonly requestId: string;
  /** The cursor the suggestion was asked for. */
  readonly anchor: CursorContext;
  readonly sentAt: number;
  readonly stream: SequencedStream;
}

/**
 * The suggestion the fast lane is following: the latest request (being waited for, streaming or
 * shown) or one brought back from the cache. Its ghost text is what of `text` is left after what
 * the person typed since `anchor`.
 */
export interface ActiveSuggestion {
  readonly requestId: string;
  readonly anchor: CursorContext;
  readonly text: string;
  /** All of it has arrived. */
  readonly complete: boolean;
  readonly source: 'stream' | 'cache';
  /** When it was asked for (or brought back from the cache), for its metrics record. */
  readonly sentAt: number;
  /** When its first text arrived; null before. */
  readonly firstTextAt: number | null;
  /** Its tokens, once the done batch said. */
  readonly usage: AnswerUsage | null;
}

export interface FastLaneContext {
  /** The cursor as of the last editor event; null before the first. */
  readonly cursor: CursorContext | null;
  readonly active: ActiveSuggestion | null;
  /** Every request in flight, the active one included; oldest first. */
  readonly inFlight: readonly InFlightSuggestion[];
  readonly cache: SuggestionCache;
  /** The debounce chosen when debouncing last started. */
  readonly debounceMs: number;
  readonly lastTypedAt: number | null;
  /** Smoothed interval between keys of the current burst; null at its start. */
  readonly typingIntervalMs: number | null;
  /** Smoothed round trip (pings and time to first batch); null before any. */
  readonly roundTripMs: number | null;
  /** Automatic requests wait until this time (after a budget or rate limit). */
  readonly pausedUntil: number;
  /** The last suggestion that stopped early, and why. */
  readonly interruption: { readonly requestId: string; readonly reason: InterruptReason } | null;
  readonly error: { readonly requestId: string; readonly status: ProviderStatus; readonly message: string } | null;
  readonly accepted: { readonly requestId: string; readonly text: string; readonly via: 'tab' | 'typing' } | null;
  readonly dismissed: { readonly requestId: string } | null;
}

export interface QuickEditContext {
  readonly path: string;
  readonly documentText: string;
  readonly selection: { readonly start: number; readonly end: number };
  readonly turns: readonly ConversationTurn[];
  /** The request being streamed or reviewed; null before the first submit. */
  readonly requestId: string | null;
  readonly stream: SequencedStream;
  /** The answer's edits, when its done batch carried them. */
  readonly answerEdits: readonly TextEdit[] | null;
  /** The validated answer under review or applied. */
  readonly proposal: { readonly edits: readonly TextEdit[]; readonly replacement: string } | null;
  readonly refusal: QuickEditRefusal | null;
  readonly failure: { readonly status: ProviderStatus | 'budget'; readonly message: string } | null;
  /** Selections in other files made with it (`quick.open`'s `alsoSelected`). */
  readonly alsoSelected: readonly SelectedCode[];
  /** Answers of this conversation the person turned down (rejected, or redirected after review). */
  readonly rejections: number;
  /** The person declined the deep lane for this quick edit: it is not proposed again unless they ask. */
  readonly handoffDeclined: boolean;
  /** When the current request was sent, its first text arrived, and its tokens. */
  readonly sentAt: number;
  readonly firstTextAt: number | null;
  readonly usage: AnswerUsage | null;
  /** The current request has not had its metrics record yet. */
  readonly metricPending: boolean;
}

export interface RuntimeContext {
  /** The runtime's name once booted ("worker", "webcontainer"). */
  readonly name: string | null;
  /** Why it could not boot or broke. */
  readonly failure: string | null;
  /** The run going on (running or stopping). */
  readonly current: RunRequest | null;
  /** Runs waiting for the current one to end, oldest first: at most one of the person's, and the deep lane's. */
  readonly queue: readonly RunRequest[];
  readonly last: FinishedRun | null;
  /** What the person's last test run said about its failing tests; null after a passing one. */
  readonly failingTestOutput: string | null;
}

/** What a proposed deep task carries over from where it came from. */
export interface DeepProposal {
  readonly reasons: readonly PromotionReason[];
  readonly instruction: string;
  readonly constraints: string | null;
  readonly selection: SelectedCode | null;
  readonly openFiles: readonly string[];
  readonly failingTestOutput: string | null;
  readonly fromQuickEdit: boolean;
}

/** One tool call of a deep task, as the activity list shows it. */
export interface DeepToolActivity {
  readonly callId: string;
  readonly name: string;
  /** `queued`: a run waiting for the runtime. */
  readonly status: 'queued' | 'running' | 'ok' | 'failed';
  readonly failure: ToolFailure | null;
  readonly summary: string | null;
}

export interface DeepLaneContext {
  readonly proposal: DeepProposal | null;
  /** The task started from the proposal; null before `deep.confirm`. */
  readonly taskId: string | null;
  readonly startedAt: number | null;
  readonly adapter: string | null;
  readonly model: string | null;
  readonly budgets: DeepBudgets | null;
  /** The current model turn; null before the first. */
  readonly turnId: number | null;
  /** The current turn's prose so far. */
  readonly narration: string;
  readonly plan: readonly PlanStep[];
  readonly toolCalls: readonly DeepToolActivity[];
  /** The aggregated diff, per file. */
  readonly files: readonly DeepFileChange[];
  /** Tests on the files as they were (before any change) and on the task's latest files. */
  readonly tests: { readonly before: DeepTestSummary | null; readonly after: DeepTestSummary | null };
  readonly usage: AnswerUsage;
  /** The steer waiting for the next turn. */
  readonly steer: { readonly text: string; readonly turnId: number } | null;
  /** The last steer refused, with its text given back. */
  readonly steerRefusal: { readonly reason: SteerRefusalReason; readonly message: string; readonly text: string } | null;
  readonly summary: string | null;
  /** Paths of the result applied so far. */
  readonly applied: readonly string[];
  readonly failure: { readonly status: DeepFailureStatus; readonly message: string } | null;
  readonly budget: { readonly which: 'turns' | 'tokens' | 'wall-time'; readonly limit: number; readonly used: number } | null;
  readonly interruption: { readonly by: 'person' | 'server' } | null;
  /** The server's figures of the ended task. */
  readonly figures: DeepTaskFigures | null;
  readonly metricPending: boolean;
}

/** Everything a session needs to start. */
export interface SessionInput {
  readonly services: SessionServices;
  readonly clock: Pick<SessionClock, 'now'>;
  readonly options?: Partial<SessionOptions>;
  /** Prefix of every request id (e.g. the connection id), so ids stay unique across tabs. */
  readonly idPrefix?: string;
}

export interface SessionContext {
  readonly services: SessionServices;
  readonly clock: Pick<SessionClock, 'now'>;
  readonly options: SessionOptions;
  readonly idPrefix: string;
  /** Counter behind request ids, shared by the lanes so no two requests share an id. */
  readonly requestCount: number;
  readonly fast: FastLaneContext;
  readonly quick: QuickEditContext;
  readonly runtime: RuntimeContext;
  readonly deep: DeepLaneContext;
  /** The lanes' models (`ai.models`), for the metrics records. */
  readonly models: { readonly fast: string | null; readonly deep: string | null };
}
