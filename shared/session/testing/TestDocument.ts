import type { CursorContext } from '../CursorContext.ts';
import { cursorContextAt } from '../cursorContextAt.ts';

/** A document and a cursor for tests, producing the `CursorContext` the editor glue would send. */
export class TestDocument {
  constructor(
    public text = '',
    public offset = text.length,
    readonly path = 'src/main.ts',
    readonly windowChars?: number,
  ) {}

  get cursor(): CursorContext {
    return cursorContextAt(this.path, this.text, this.offset, this.windowChars);
  }

  /** Inserts `text` at the cursor, which ends after it. */
  type(text: string): CursorContext {
    this.text = this.text.slice(0, this.offset) + text + this.text.slice(this.offset);
    this.offset += text.length;
    return this.cursor;
  }

  /** Deletes `count` characters before the cursor. */
  backspace(count = 1): CursorContext {
    const from = Math.max(0, this.offset - count);
    this.text = this.text.slice(0, from) + this.text.slice(this.offset);
    this.offset = from;
    return this.cursor;
  }

  moveTo(offset: number): CursorContext {
    this.offset = offset;
    return this.cursor;
  }

  /** A copy with the same text and cursor, to try something without changing this one. */
  clone(): TestDocument {
    return new TestDocument(this.text, this.offset, this.path, this.windowChars);
  }
}
