/** Tunables of the session machine. Every field has a default in `SESSION_DEFAULTS`. */
export interface SessionOptions {
  /** Characters of text before the cursor carried in each `CursorContext.before`. */
  readonly windowChars: number;
  /** Debounce before an automatic suggestion request, in the plain case. */
  readonly baseDebounceMs: number;
  /** Factor applied at line end and right after `.` or `(`, where a suggestion is most likely wanted. */
  readonly eagerDebounceFactor: number;
  /** Key intervals below this count as fast typing. */
  readonly fastTypingIntervalMs: number;
  /** Factor applied while typing fast; the debounce is also at least 1.5 key intervals then. */
  readonly fastTypingDebounceFactor: number;
  /** Share of the measured round trip added to the debounce. */
  readonly latencyDebounceShare: number;
  /** Most the round trip may add to the debounce. */
  readonly maxLatencyDebounceMs: number;
  readonly minDebounceMs: number;
  readonly maxDebounceMs: number;
  /** A key gap longer than this starts a new typing burst (the interval estimate resets). */
  readonly typingBurstGapMs: number;
  /** No automatic request when more than this many non-whitespace characters sit right of the cursor. */
  readonly midLineMaxChars: number;
  /** Suggestion requests in flight at once; starting one more cancels the oldest. */
  readonly maxInFlight: number;
  /** Completed suggestions remembered for backspacing into. */
  readonly cacheSize: number;
  /** Out-of-order batches buffered per request before the answer counts as broken. */
  readonly maxBufferedBatches: number;
  /** A suggestion request with no text after this long fails with "timeout". */
  readonly firstBatchTimeoutMs: number;
  /** A suggestion stream silent this long fails with "timeout". */
  readonly stallTimeoutMs: number;
  /** Automatic requests pause this long after a budget or rate limit that named no retry time. */
  readonly limitPauseMs: number;
  /** A quick-edit stream silent this long (first batch included) fails with "timeout". */
  readonly quickEditStallMs: number;
}

/** Defaults for `SessionOptions`; a session may override any of them through its input. */
export const SESSION_DEFAULTS: SessionOptions = {
  windowChars: 2048,
  baseDebounceMs: 75,
  eagerDebounceFactor: 0.5,
  fastTypingIntervalMs: 150,
  fastTypingDebounceFactor: 2,
  latencyDebounceShare: 0.25,
  maxLatencyDebounceMs: 100,
  minDebounceMs: 20,
  maxDebounceMs: 300,
  typingBurstGapMs: 1000,
  midLineMaxChars: 3,
  maxInFlight: 2,
  cacheSize: 16,
  maxBufferedBatches: 64,
  firstBatchTimeoutMs: 5000,
  stallTimeoutMs: 5000,
  limitPauseMs: 60_000,
  quickEditStallMs: 20_000,
};
