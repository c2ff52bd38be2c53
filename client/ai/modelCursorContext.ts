import type { CursorContext } from '../../shared/session/CursorContext.ts';
import { SESSION_DEFAULTS } from '../../shared/session/SessionOptions.ts';

/** A 1-based line and column, as Monaco counts them. */
export interface LineColumn {
  readonly lineNumber: number;
  readonly column: number;
}

/**
 * The part of a Monaco text model the cursor context is read from. Every call is proportional
 * to what it returns (Monaco keeps a piece tree with line starts), never to the document's size.
 */
export interface WindowedText {
  getOffsetAt(position: LineColumn): number;
  getPositionAt(offset: number): LineColumn;
  getValueInRange(range: { startLineNumber: number; startColumn: number; endLineNumber: number; endColumn: number }): string;
  getLineContent(lineNumber: number): string;
}

/**
 * The session machine's `CursorContext` at `position`, read from the model's ranges instead of
 * its whole text: what `cursorContextAt(path, model.getValue(), offset)` gives, at a cost that
 * does not grow with the file, so it can run on every keystroke.
 */
export function modelCursorContext(model: WindowedText, path: string, position: LineColumn, windowChars = SESSION_DEFAULTS.windowChars): CursorContext {
  const offset = model.getOffsetAt(position);
  const start = model.getPositionAt(Math.max(0, offset - windowChars));
  const before = model.getValueInRange({ startLineNumber: start.lineNumber, startColumn: start.column, endLineNumber: position.lineNumber, endColumn: position.column });
  let lineSuffix = model.getLineContent(position.lineNumber).slice(position.column - 1);
  if (lineSuffix.endsWith('\r')) lineSuffix = lineSuffix.slice(0, -1);
  return { path, offset, before, lineSuffix };
}
