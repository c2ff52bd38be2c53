import type { OutputChunk } from '../../../shared/testReport.ts';
import { cutToBytes } from '../cutToBytes.ts';
import { utf8Length } from '../utf8Length.ts';

export interface OutputSinkOptions {
  /** Sends a batch out of the worker. */
  post(chunks: OutputChunk[], droppedBytes: number): void;
  maxBytes: number;
  now(): number;
  /** A timer user code cannot replace (captured before it runs). */
  setTimer(fn: () => void, ms: number): void;
  /** How long output may wait before it is sent, in ms. */
  flushIntervalMs?: number;
  /** Writes per interval sent at once, before batching starts. */
  eagerWritesPerInterval?: number;
}

/**
 * Console output on its way out of the user-code worker, capped at the run's byte budget.
 *
 * A program that prints a little and then spins (`console.log('start'); while (true) {}`) never
 * lets a timer fire, so anything held back would be lost when the run is killed. The first
 * writes of each interval therefore leave at once; only a flood past that allowance is batched
 * (one message per ~16 ms, sent from the write itself while a tight loop keeps timers from
 * firing). Past the cap text is only counted, so a flood costs the worker nothing but the
 * formatting.
 */
export class OutputSink {
  private pending: OutputChunk[] = [];
  private sentBytes = 0;
  private droppedBytes = 0;
  private lastFlush: number;
  private timerSet = false;
  private readonly interval: number;
  private readonly eagerAllowance: number;
  private windowStart = Number.NEGATIVE_INFINITY;
  private eagerLeft = 0;

  constructor(private readonly options: OutputSinkOptions) {
    this.interval = options.flushIntervalMs ?? 16;
    this.eagerAllowance = options.eagerWritesPerInterval ?? 64;
    this.lastFlush = options.now();
  }

  write(stream: OutputChunk['stream'], text: string): void {
    if (text === '') return;
    const room = this.options.maxBytes - this.sentBytes;
    if (room <= 0) {
      this.droppedBytes += utf8Length(text);
    } else {
      const size = utf8Length(text);
      let kept = text;
      if (size > room) {
        kept = cutToBytes(text, room);
        this.droppedBytes += size - utf8Length(kept);
      }
      this.sentBytes += utf8Length(kept);
      const last = this.pending.at(-1);
      if (last && last.stream === stream) last.text += kept;
      else this.pending.push({ stream, text: kept });
    }
    this.schedule();
  }

  private schedule(): void {
    const now = this.options.now();
    if (now - this.windowStart >= this.interval) {
      this.windowStart = now;
      this.eagerLeft = this.eagerAllowance;
    }
    if (this.eagerLeft > 0 && !this.timerSet) {
      this.eagerLeft -= 1;
      this.flush();
    } else if (now - this.lastFlush >= this.interval) this.flush();
    else if (!this.timerSet) {
      this.timerSet = true;
      this.options.setTimer(() => {
        this.timerSet = false;
        this.flush();
      }, this.interval);
    }
  }

  /** Sends what is waiting (also the dropped count, which the runtime reports at the end). */
  flush(): void {
    this.lastFlush = this.options.now();
    if (this.pending.length === 0 && this.droppedBytes === 0) return;
    const chunks = this.pending;
    this.pending = [];
    this.options.post(chunks, this.droppedBytes);
  }
}
