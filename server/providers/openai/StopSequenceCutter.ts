/**
 * Ends a text stream at the first stop sequence, locally. Used when the upstream cannot be told
 * the stop sequences (the Responses API has no `stop`, reasoning models reject it, OpenAI takes
 * at most four) and as a guard when it can: text that might be the start of a stop sequence is
 * held back until the next delta shows whether it is.
 */
export class StopSequenceCutter {
  private held = '';
  private readonly stops: readonly string[];

  constructor(stops: readonly string[]) {
    this.stops = stops.filter((stop) => stop !== '');
  }

  /** Feeds a delta; returns the text that is safe to show and whether a stop sequence was reached. */
  push(delta: string): { text: string; stopped: boolean } {
    if (this.stops.length === 0) return { text: delta, stopped: false };
    const combined = this.held + delta;
    let cut = -1;
    for (const stop of this.stops) {
      const at = combined.indexOf(stop);
      if (at !== -1 && (cut === -1 || at < cut)) cut = at;
    }
    if (cut !== -1) {
      this.held = '';
      return { text: combined.slice(0, cut), stopped: true };
    }
    let keep = 0;
    for (const stop of this.stops) {
      for (let length = Math.min(stop.length - 1, combined.length); length > keep; length--) {
        if (combined.endsWith(stop.slice(0, length))) {
          keep = length;
          break;
        }
      }
    }
    this.held = combined.slice(combined.length - keep);
    return { text: combined.slice(0, combined.length - keep), stopped: false };
  }

  /** The text held back, once the stream has ended without a stop sequence. */
  flush(): string {
    const rest = this.held;
    this.held = '';
    return rest;
  }
}
