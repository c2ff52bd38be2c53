import { performance } from 'node:perf_hooks';

const MIN_TICK_MS = 4;

/** A stream the pacer drives: it says when it next has something due and sends what is due. */
export interface PacedStream {
  /** performance.now() time of the next due chunk; Infinity when nothing more is due (finished or hanging). */
  nextDueAt(): number;
  /** Sends every chunk due at `now`. */
  deliver(now: number): void;
}

/**
 * One timer for every stream of the server. A timer per stream would wake the process once per
 * chunk per stream; here each wake sends every chunk that has fallen due across all streams, in
 * one write per stream, which is what lets 100 streams at thousands of tokens a second share two
 * cores with the client under test.
 */
export class TokenPacer {
  private readonly streams = new Set<PacedStream>();
  private timer: NodeJS.Timeout | undefined;
  private wakeAt = Infinity;
  private lastTick = -Infinity;

  add(stream: PacedStream): void {
    this.streams.add(stream);
    this.schedule();
  }

  remove(stream: PacedStream): void {
    this.streams.delete(stream);
    if (this.streams.size === 0) this.cancel();
  }

  get size(): number {
    return this.streams.size;
  }

  /** Call when a stream's due time moved earlier than the pacer knows. */
  schedule(): void {
    let next = Infinity;
    for (const stream of this.streams) next = Math.min(next, stream.nextDueAt());
    if (next === Infinity) {
      this.cancel();
      return;
    }
    // Streams fall due at scattered times; waking for each would cost a pass over every stream
    // per chunk. At most one wake per MIN_TICK_MS: a chunk goes out up to that much late, never early.
    next = Math.max(next, this.lastTick + MIN_TICK_MS);
    if (this.timer !== undefined && next >= this.wakeAt) return;
    this.cancel();
    this.wakeAt = next;
    this.timer = setTimeout(() => this.tick(), Math.max(0, next - performance.now()));
  }

  stop(): void {
    this.cancel();
    this.streams.clear();
  }

  private cancel(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.wakeAt = Infinity;
  }

  private tick(): void {
    this.timer = undefined;
    this.wakeAt = Infinity;
    const now = performance.now();
    this.lastTick = now;
    // deliver() may remove the stream from the set; iterating a Set tolerates deletion.
    for (const stream of this.streams) {
      if (stream.nextDueAt() <= now) stream.deliver(now);
    }
    this.schedule();
  }
}
