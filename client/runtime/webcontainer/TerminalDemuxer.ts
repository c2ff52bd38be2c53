import { ContainerRecord, RECORD_PREFIX } from './containerRecord.ts';

export type TerminalPiece = { kind: 'record'; record: ContainerRecord } | { kind: 'text'; text: string };

const RS = RECORD_PREFIX[0] ?? '\u001e';

/**
 * Splits a WebContainer terminal stream back into the framed records our in-container scripts
 * write and the plain text around them. The terminal hands out arbitrary chunks (a record may
 * arrive in pieces) and turns "\n" into "\r\n"; plain text is passed on as soon as it arrives,
 * a record once its line is complete. A line that looks framed but does not parse is text.
 */
export class TerminalDemuxer {
  #pending = '';

  push(chunk: string): TerminalPiece[] {
    this.#pending += chunk;
    const pieces: TerminalPiece[] = [];
    for (;;) {
      const start = this.#pending.indexOf(RS);
      if (start === -1) {
        // Hold back a trailing "\r": it may be the first half of a "\r\n".
        const keep = this.#pending.endsWith('\r') ? 1 : 0;
        this.#text(pieces, this.#pending.slice(0, this.#pending.length - keep));
        this.#pending = this.#pending.slice(this.#pending.length - keep);
        break;
      }
      this.#text(pieces, this.#pending.slice(0, start));
      this.#pending = this.#pending.slice(start);
      const head = this.#pending.slice(0, RECORD_PREFIX.length);
      if (!RECORD_PREFIX.startsWith(head)) {
        // A stray RS: not ours.
        this.#text(pieces, RS);
        this.#pending = this.#pending.slice(1);
        continue;
      }
      const end = this.#pending.indexOf('\n');
      if (head.length < RECORD_PREFIX.length || end === -1) break; // wait for the rest
      const line = this.#pending.slice(RECORD_PREFIX.length, end).replace(/\r+$/, '');
      this.#pending = this.#pending.slice(end + 1);
      const record = parseRecord(line);
      if (record) pieces.push({ kind: 'record', record });
      else this.#text(pieces, `${RECORD_PREFIX}${line}\n`);
    }
    return pieces;
  }

  /** What is left at the end of the stream (an unfinished record is returned as text). */
  flush(): TerminalPiece[] {
    const pieces: TerminalPiece[] = [];
    this.#text(pieces, this.#pending);
    this.#pending = '';
    return pieces;
  }

  #text(pieces: TerminalPiece[], text: string): void {
    const normalized = text.replace(/\r\n/g, '\n');
    if (normalized === '') return;
    const last = pieces[pieces.length - 1];
    if (last?.kind === 'text') last.text += normalized;
    else pieces.push({ kind: 'text', text: normalized });
  }
}

function parseRecord(json: string): ContainerRecord | undefined {
  try {
    const parsed = ContainerRecord.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
