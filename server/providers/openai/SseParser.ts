/** One server-sent event: its `event:` name (if any) and its `data:` lines joined by "\n". */
export interface SseEvent {
  event: string | undefined;
  data: string;
}

const LF = 10;
const COLON = 58;
const SPACE = 32;

/**
 * An incremental text/event-stream parser for a streamed model answer. Bytes go in as they are
 * read; each `push` returns the events the bytes completed. The unread tail is kept once per
 * push (not once per event), so a read that carries hundreds of events costs what its bytes cost.
 *
 * Follows the WHATWG event-stream rules that matter here: \n, \r\n and lone \r end a line
 * (a \r at the end of a read waits for the next one); a blank line ends an event; lines starting
 * with ":" are comments; one space after the colon is dropped; `data:` lines are joined with "\n";
 * an event without data is not dispatched; UTF-8 split across reads is decoded whole. `end()`
 * returns an event the body ended without a blank line after, as servers that close right after
 * their last `data:` line expect.
 */
export class SseParser {
  private readonly decoder = new TextDecoder();
  private tail = '';
  private event: string | undefined;
  private data: string | undefined;

  /** Feeds the next bytes of the body; returns the events they completed, in order. */
  push(bytes: Uint8Array): SseEvent[] {
    return this.lines(this.tail + this.decoder.decode(bytes, { stream: true }), false);
  }

  /** The body ended: returns what the last bytes completed, including an unterminated last event. */
  end(): SseEvent[] {
    const events = this.lines(this.tail + this.decoder.decode(), true);
    if (this.data !== undefined) events.push({ event: this.event, data: this.data });
    this.event = undefined;
    this.data = undefined;
    return events;
  }

  private lines(text: string, final: boolean): SseEvent[] {
    const events: SseEvent[] = [];
    let start = 0;
    // Each search runs again only once the scan has passed its last hit: linear in the text.
    let lf = text.indexOf('\n');
    let cr = text.indexOf('\r');
    for (;;) {
      if (lf !== -1 && lf < start) lf = text.indexOf('\n', start);
      if (cr !== -1 && cr < start) cr = text.indexOf('\r', start);
      let end: number;
      let next: number;
      if (cr !== -1 && (lf === -1 || cr < lf)) {
        // A \r as the last character may be the first half of \r\n: wait for more, unless the body ended.
        if (cr === text.length - 1 && !final) break;
        end = cr;
        next = text.charCodeAt(cr + 1) === LF ? cr + 2 : cr + 1;
      } else if (lf !== -1) {
        end = lf;
        next = lf + 1;
      } else {
        break;
      }
      this.line(text, start, end, events);
      start = next;
    }
    const rest = start === 0 ? text : text.slice(start);
    if (final) {
      if (rest !== '') this.line(rest, 0, rest.length, events);
      this.tail = '';
    } else {
      this.tail = rest;
    }
    return events;
  }

  private line(text: string, start: number, end: number, events: SseEvent[]): void {
    if (start === end) {
      if (this.data !== undefined) events.push({ event: this.event, data: this.data });
      this.event = undefined;
      this.data = undefined;
      return;
    }
    const first = text.charCodeAt(start);
    if (first === COLON) return;
    // The common line, "data: {…}", without searching for the colon.
    let colon: number;
    if (first === 100 && end - start >= 5 && text.startsWith('data:', start)) colon = start + 4;
    else {
      colon = text.indexOf(':', start);
      if (colon >= end) colon = -1;
    }
    const field = colon === -1 ? text.slice(start, end) : text.slice(start, colon);
    let valueStart = colon === -1 ? end : colon + 1;
    if (valueStart < end && text.charCodeAt(valueStart) === SPACE) valueStart++;
    const value = text.slice(valueStart, end);
    if (field === 'data') this.data = this.data === undefined ? value : `${this.data}\n${value}`;
    else if (field === 'event') this.event = value;
    // `id` and `retry` steer reconnection, which a one-shot model answer never does.
  }
}
