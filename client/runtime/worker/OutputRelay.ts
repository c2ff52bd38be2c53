import type { OutputChunk } from '../../../shared/testReport.ts';
import { cutToBytes } from '../../sandbox/cutToBytes.ts';
import { utf8Length } from '../../sandbox/utf8Length.ts';

export interface OutputRelayOptions {
  emit(chunk: OutputChunk): void;
  maxBytes: number;
  /** Rewrites text before it is shown (bundle positions in printed stacks → original files). */
  mapText(text: string): string;
  /** Schedules a flush; the default batches to one delivery per 16 ms. */
  schedule?(flush: () => void): void;
}

/**
 * Console output on the app's side: merged into one chunk per stream change, delivered at most
 * once per frame so a flood cannot freeze the tab, and capped at the run's byte budget (the
 * worker caps too; this side holds even if the worker lies). `finish` reports what was cut, once.
 */
export class OutputRelay {
  private pending: OutputChunk[] = [];
  private scheduled = false;
  private shownBytes = 0;
  private cutHere = 0;
  private cutInWorker = 0;
  private finished = false;

  constructor(private readonly options: OutputRelayOptions) {}

  push(chunks: readonly OutputChunk[], droppedInWorker: number): void {
    if (this.finished) return;
    this.cutInWorker = Math.max(this.cutInWorker, droppedInWorker);
    for (const chunk of chunks) {
      const room = this.options.maxBytes - this.shownBytes;
      const size = utf8Length(chunk.text);
      if (room <= 0) {
        this.cutHere += size;
        continue;
      }
      const text = size > room ? cutToBytes(chunk.text, room) : chunk.text;
      this.cutHere += size - utf8Length(text);
      this.shownBytes += utf8Length(text);
      this.append({ stream: chunk.stream, text: this.options.mapText(text) });
    }
    this.requestFlush();
  }

  /** A line from Pairlane itself (a stop note). */
  system(text: string): void {
    if (this.finished) return;
    this.append({ stream: 'system', text: text.endsWith('\n') ? text : `${text}\n` });
    this.requestFlush();
  }

  flush(): void {
    this.scheduled = false;
    const chunks = this.pending;
    this.pending = [];
    for (const chunk of chunks) this.options.emit(chunk);
  }

  /** Delivers what is left, then the one line that says how much was cut, if anything was. */
  finish(): void {
    if (this.finished) return;
    const cut = this.cutHere + this.cutInWorker;
    if (cut > 0) {
      this.append({
        stream: 'system',
        text: `Output truncated: ${formatBytes(cut)} more not shown (the limit is ${formatBytes(this.options.maxBytes)} per run).\n`,
      });
    }
    this.finished = true;
    this.flush();
  }

  private append(chunk: OutputChunk): void {
    const last = this.pending.at(-1);
    if (last && last.stream === chunk.stream) last.text += chunk.text;
    else this.pending.push({ ...chunk });
  }

  private requestFlush(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    const schedule = this.options.schedule ?? ((flush: () => void) => void setTimeout(flush, 16));
    schedule(() => {
      if (this.scheduled) this.flush();
    });
  }
}

function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} bytes`;
  if (bytes < 1_000_000) return `${Number((bytes / 1000).toFixed(1))} kB`;
  return `${Number((bytes / 1_000_000).toFixed(1))} MB`;
}
