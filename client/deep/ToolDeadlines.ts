/** The timers a deadline needs; the page passes `setTimeout`, tests a clock they advance. */
export interface DeadlineClock {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
}

/**
 * The time limit of each tool call a deep task is waiting on: `start` arms it with the server's
 * `timeoutMs`, `settle` answers it. Exactly one of them wins: a call answered in time is never
 * reported late, and a call past its limit is answered once (`onExpired`), after which its real
 * result, if it still comes, is dropped.
 */
export class ToolDeadlines {
  private readonly timers = new Map<string, unknown>();
  private readonly expired = new Set<string>();

  constructor(
    private readonly clock: DeadlineClock,
    private readonly onExpired: (callId: string, timeoutMs: number) => void,
  ) {}

  start(callId: string, timeoutMs: number): void {
    if (this.timers.has(callId) || this.expired.has(callId)) return;
    this.timers.set(
      callId,
      this.clock.setTimeout(() => {
        this.timers.delete(callId);
        this.expired.add(callId);
        this.onExpired(callId, timeoutMs);
      }, timeoutMs),
    );
  }

  /** True when the call may still be answered (it is now settled); false when it already expired or was never started. */
  settle(callId: string): boolean {
    const timer = this.timers.get(callId);
    if (timer === undefined) return false;
    this.clock.clearTimeout(timer);
    this.timers.delete(callId);
    return true;
  }

  /** The call is waiting for its answer. */
  pending(callId: string): boolean {
    return this.timers.has(callId);
  }

  /** Drops every deadline without answering (the task ended or was interrupted). */
  clear(): void {
    for (const timer of this.timers.values()) this.clock.clearTimeout(timer);
    this.timers.clear();
    this.expired.clear();
  }
}
