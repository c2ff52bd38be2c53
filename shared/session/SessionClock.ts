/**
 * The session's only source of time: XState schedules the machine's delays (debounce, timeouts)
 * on it and the machine reads `now()` to measure typing speed and round trips. In the app it wraps
 * `performance.now()` and the global timers; in tests it is XState's `SimulatedClock`, which has
 * the same shape, so tests advance time instead of sleeping.
 */
export interface SessionClock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
}
