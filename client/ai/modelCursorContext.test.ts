import { describe, expect, it } from 'vitest';
import { cursorContextAt } from '../../shared/session/cursorContextAt.ts';
import { modelCursorContext, type LineColumn, type WindowedText } from './modelCursorContext.ts';

/** A text with Monaco's line/column addressing, over a plain string (what a Monaco model answers for LF text). */
class LinedText implements WindowedText {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text[i] === '\n') this.starts.push(i + 1);
  }

  getOffsetAt(position: LineColumn): number {
    return (this.starts[position.lineNumber - 1] ?? 0) + position.column - 1;
  }

  getPositionAt(offset: number): LineColumn {
    let line = 0;
    while (line + 1 < this.starts.length && (this.starts[line + 1] ?? Infinity) <= offset) line++;
    return { lineNumber: line + 1, column: offset - (this.starts[line] ?? 0) + 1 };
  }

  getValueInRange(range: { startLineNumber: number; startColumn: number; endLineNumber: number; endColumn: number }): string {
    const start = this.getOffsetAt({ lineNumber: range.startLineNumber, column: range.startColumn });
    const end = this.getOffsetAt({ lineNumber: range.endLineNumber, column: range.endColumn });
    return this.text.slice(start, end);
  }

  getLineContent(lineNumber: number): string {
    const start = this.starts[lineNumber - 1] ?? 0;
    const end = this.text.indexOf('\n', start);
    return this.text.slice(start, end === -1 ? this.text.length : end);
  }
}

describe('modelCursorContext', () => {
  const source = 'import { x } from "./x.ts";\n\nexport function f(a: number) {\n  return a + x;\n}\n';

  it('equals the reference cursorContextAt at every offset', () => {
    const text = new LinedText(source);
    for (let offset = 0; offset <= source.length; offset++) {
      const position = text.getPositionAt(offset);
      expect(modelCursorContext(text, 'src/f.ts', position, 16)).toEqual(cursorContextAt('src/f.ts', source, offset, 16));
    }
  });

  it('keeps the same window size when the cursor is far into a long file', () => {
    const long = 'const a = 1;\n'.repeat(2_000);
    const text = new LinedText(long);
    const cursor = modelCursorContext(text, 'big.ts', text.getPositionAt(20_000));
    expect(cursor.before).toHaveLength(2048);
    expect(cursor).toEqual(cursorContextAt('big.ts', long, 20_000));
  });
});
