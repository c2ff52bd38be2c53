/** Time and timers for the rooms, passed in so tests decide when a grace period or a batch window ends. */
export interface RoomClock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The real clock. */
export const realClock: RoomClock = {
  now: () => Date.now(),
  // Unref'd: a room's grace period or edit window must not keep a stopping process alive (close() flushes).
  setTimeout: (callback, ms) => setTimeout(callback, ms).unref(),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};
