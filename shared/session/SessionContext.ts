import type { CursorContext } from './CursorContext.ts';
import type { InterruptReason } from './InterruptReason.ts';
import type { ProviderStatus } from './ProviderStatus.ts';
import type { QuickEditRefusal } from './QuickEditRefusal.ts';
import type { SequencedStream } from './SequencedStream.ts';
import type { SessionClock } from './SessionClock.ts';
import type { SessionOptions } from './SessionOptions.ts';
import type { ConversationTurn, SessionServices } from './SessionServices.ts';
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
}
