import type { OutputChunk } from '../../../shared/testReport.ts';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Passes console output on until a byte budget is spent, then counts what it drops and says so
 * in one "system" chunk at the end. Consecutive writes to one stream within a batch are merged,
 * so a program printing a line at a time does not cost a listener call per line.
 */
export class OutputLimiter {
  readonly #maxBytes: number;
  readonly #emit: (chunk: OutputChunk) => void;
  #usedBytes = 0;
  #droppedBytes = 0;
  #batch: OutputChunk[] = [];

  constructor(maxBytes: number, emit: (chunk: OutputChunk) => void) {
    this.#maxBytes = maxBytes;
    this.#emit = emit;
  }

  /** Bytes dropped so far. */
  get droppedBytes(): number {
    return this.#droppedBytes;
  }

  /** Queues output; call flush() to hand the batch to the listener. */
  write(stream: OutputChunk['stream'], text: string): void {
    if (text === '') return;
    const bytes = encoder.encode(text);
    const room = this.#maxBytes - this.#usedBytes;
    if (room <= 0) {
      this.#droppedBytes += bytes.length;
      return;
    }
    let kept = text;
    if (bytes.length > room) {
      // Cut on the byte budget; a character split in half is dropped, not shown as U+FFFD.
      kept = decoder.decode(bytes.subarray(0, room)).replace(/\uFFFD$/, '');
      this.#droppedBytes += bytes.length - encoder.encode(kept).length;
      this.#usedBytes = this.#maxBytes;
    } else {
      this.#usedBytes += bytes.length;
    }
    const last = this.#batch[this.#batch.length - 1];
    if (last && last.stream === stream) last.text += kept;
    else this.#batch.push({ stream, text: kept });
  }

  /** Hands the queued output to the listener, in order. */
  flush(): void {
    const batch = this.#batch;
    this.#batch = [];
    for (const chunk of batch) this.#emit(chunk);
  }

  /** Flushes, then adds a "system" line if output was dropped or a note is given. */
  finish(note?: string): void {
    this.flush();
    if (this.#droppedBytes > 0) {
      this.#emit({
        stream: 'system',
        text: `Output truncated: ${this.#droppedBytes} more bytes not shown (limit ${this.#maxBytes} bytes).\n`,
      });
    }
    if (note) this.#emit({ stream: 'system', text: note.endsWith('\n') ? note : `${note}\n` });
  }
}
