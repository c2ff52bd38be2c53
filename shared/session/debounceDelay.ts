import type { SessionOptions } from './SessionOptions.ts';

/** What the debounce adapts to. */
export interface DebounceInput {
  /** Text right before the cursor (only its last character matters). */
  readonly before: string;
  /** The rest of the cursor's line. */
  readonly lineSuffix: string;
  /** Recent interval between keys, or null at the start of a burst. */
  readonly typingIntervalMs: number | null;
  /** Measured round trip to the fast lane, or null before any was measured. */
  readonly roundTripMs: number | null;
}

/**
 * How long to wait after a keystroke before asking for a suggestion.
 *
 * - Short by default (`baseDebounceMs`), shorter at line end and right after `.` or `(`: there a
 *   suggestion is most likely wanted and the person has most likely paused.
 * - Longer while typing fast: the person is mid-word and a request now would be typed over; the
 *   wait is then also at least 1.5 of their key intervals, so it fires on a pause, not between keys.
 * - Longer when round trips are long: a request that is superseded before it answers still holds
 *   one of the few in-flight slots and the provider's time, so fire only on a surer pause.
 */
export function debounceDelay(input: DebounceInput, options: SessionOptions): number {
  let ms = options.baseDebounceMs;
  const last = input.before.at(-1);
  if (input.lineSuffix.trim() === '' || last === '.' || last === '(') ms *= options.eagerDebounceFactor;
  const interval = input.typingIntervalMs;
  if (interval !== null && interval < options.fastTypingIntervalMs) {
    ms = Math.max(ms * options.fastTypingDebounceFactor, interval * 1.5);
  }
  if (input.roundTripMs !== null) ms += Math.min(input.roundTripMs * options.latencyDebounceShare, options.maxLatencyDebounceMs);
  return Math.round(Math.min(options.maxDebounceMs, Math.max(options.minDebounceMs, ms)));
}
