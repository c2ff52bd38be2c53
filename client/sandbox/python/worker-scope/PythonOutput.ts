import type { OutputChunk } from '../../../../shared/testReport.ts';
import { cutToBytes } from '../../cutToBytes.ts';
import { utf8Length } from '../../utf8Length.ts';

/** A flood (more than BURST sends within BATCH_MS) goes out in batches this far apart. */
const BATCH_MS = 16;
const BURST = 8;
/** Pending output past this size is sent at once. */
const BATCH_BYTES = 32 * 1024;

/**
 * stdout and stderr of the warm interpreter. Python runs synchronously, so no timer fires while
 * it does: output is sent from the write itself, at once unless BURST sends already left in the
 * current BATCH_MS window (a flood), in which case it is gathered until the window is over (the
 * next write, a flush before input() or sleep, or the end of the run sends it). Output past the
 * run's byte budget is counted, not sent.
 */
export class PythonOutput {
  private pending: OutputChunk[] = [];
  private pendingBytes = 0;
  private keptBytes = 0;
  private droppedBytes = 0;
  private reportedDropped = 0;
  private maxBytes = Number.POSITIVE_INFINITY;
  private windowStart = Number.NEGATIVE_INFINITY;
  private sentInWindow = 0;

  constructor(
    private readonly send: (chunks: OutputChunk[], droppedBytes: number) => void,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** A new run: a fresh budget. */
  reset(maxBytes: number): void {
    this.pending = [];
    this.pendingBytes = 0;
    this.keptBytes = 0;
    this.droppedBytes = 0;
    this.reportedDropped = 0;
    this.maxBytes = maxBytes;
    this.windowStart = Number.NEGATIVE_INFINITY;
    this.sentInWindow = 0;
  }

  write(stream: 'stdout' | 'stderr', text: string): void {
    if (text === '') return;
    const size = utf8Length(text);
    const room = this.maxBytes - this.keptBytes;
    let kept = text;
    if (size > room) {
      kept = room > 0 ? cutToBytes(text, room) : '';
      this.droppedBytes += size - utf8Length(kept);
    }
    if (kept !== '') {
      const keptSize = utf8Length(kept);
      this.keptBytes += keptSize;
      this.pendingBytes += keptSize;
      const last = this.pending.at(-1);
      if (last && last.stream === stream) last.text += kept;
      else this.pending.push({ stream, text: kept });
    }
    const now = this.now();
    if (now - this.windowStart >= BATCH_MS) {
      this.windowStart = now;
      this.sentInWindow = 0;
    }
    if (this.pendingBytes >= BATCH_BYTES || this.sentInWindow < BURST) this.flush();
  }

  flush(): void {
    if (this.pending.length === 0 && this.droppedBytes === this.reportedDropped) return;
    const chunks = this.pending;
    this.pending = [];
    this.pendingBytes = 0;
    this.sentInWindow += 1;
    this.reportedDropped = this.droppedBytes;
    this.send(chunks, this.droppedBytes);
  }
}
