import type { OutputChunk } from '../../shared/testReport.ts';

export interface OutputLine {
  stream: OutputChunk['stream'];
  text: string;
}

/**
 * The console lines of one run. Chunks arrive split anywhere; this joins them into lines, starts
 * a new line when the stream changes, and keeps about `maxLines` (dropping the oldest and
 * counting them) so a chatty program cannot grow the page without bound. Only the visible slice
 * is ever rendered (see OutputPanel), so the number of lines kept costs memory, not layout.
 */
export class OutputBuffer {
  readonly lines: OutputLine[] = [];
  /** Lines dropped from the start to stay within maxLines. */
  dropped = 0;
  /** Bumped on every change, so a view can tell whether to redraw. */
  version = 0;
  /** Whether the last line is still open (its chunk did not end with a newline). */
  private lastOpen = false;

  constructor(private readonly maxLines = 50_000) {}

  clear(): void {
    this.lines.length = 0;
    this.dropped = 0;
    this.lastOpen = false;
    this.version += 1;
  }

  append(chunk: OutputChunk): void {
    if (chunk.text.length === 0) return;
    const parts = chunk.text.split('\n');
    const endsWithNewline = parts[parts.length - 1] === '';
    if (endsWithNewline) parts.pop();
    // System notes always stand on their own line.
    const last = this.lines[this.lines.length - 1];
    let start = 0;
    if (this.lastOpen && last && last.stream === chunk.stream && chunk.stream !== 'system') {
      last.text += parts[0] ?? '';
      start = 1;
    }
    for (let i = start; i < parts.length; i += 1) this.lines.push({ stream: chunk.stream, text: parts[i] ?? '' });
    this.lastOpen = !endsWithNewline && chunk.stream !== 'system';
    // Trim in batches: splicing the front of a long array on every chunk would be quadratic.
    if (this.lines.length > this.maxLines + Math.ceil(this.maxLines / 10)) {
      const excess = this.lines.length - this.maxLines;
      this.lines.splice(0, excess);
      this.dropped += excess;
    }
    this.version += 1;
  }
}
