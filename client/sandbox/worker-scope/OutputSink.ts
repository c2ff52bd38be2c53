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
}

/**
 * Console output on its way out of the user-code worker: batched (one message per ~16 ms, or
 * sooner when a tight loop keeps writing, since then no timer would ever fire), and capped at the
 * run's byte budget. Past the cap text is only counted, so a flood costs the worker nothing but
 * the formatting.
 */
export class OutputSink {
  private pending: OutputChunk[] = [];
  private sentBytes = 0;
  private droppedBytes = 0;
  private lastFlush: number;
  private timerSet = false;
  private readonly interval: number;

  constructor(private readonly options: OutputSinkOptions) {
    this.interval = options.flushIntervalMs ?? 16;
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
    if (this.options.now() - this.lastFlush >= this.interval) this.flush();
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
