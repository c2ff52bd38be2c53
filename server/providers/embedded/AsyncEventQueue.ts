/**
 * A push/pull queue between a callback-driven producer (node-llama-cpp's onTextChunk) and an
 * async generator: `push` never blocks, `next` waits for the next item or for `wake`.
 */
export class AsyncEventQueue<T> {
  private readonly items: T[] = [];
  private waiting: (() => void) | undefined;

  push(item: T): void {
    this.items.push(item);
    this.wake();
  }

  /** Resolves a pending `next` with undefined, so the reader can look at other state (e.g. an abort). */
  wake(): void {
    const resolve = this.waiting;
    this.waiting = undefined;
    resolve?.();
  }

  /** The oldest item, or undefined when woken with nothing queued. */
  async next(): Promise<T | undefined> {
    if (this.items.length === 0) await new Promise<void>((resolve) => (this.waiting = resolve));
    return this.items.shift();
  }
}
