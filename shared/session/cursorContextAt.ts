import type { CursorContext } from './CursorContext.ts';
import { SESSION_DEFAULTS } from './SessionOptions.ts';

/**
 * The `CursorContext` for `offset` in a document whose whole text is at hand. The editor glue can
 * build the same thing from a model's ranges without copying the document; this is the reference.
 */
export function cursorContextAt(path: string, text: string, offset: number, windowChars = SESSION_DEFAULTS.windowChars): CursorContext {
  if (!Number.isInteger(offset) || offset < 0 || offset > text.length) {
    throw new RangeError(`offset ${offset} is outside the document (0..${text.length})`);
  }
  const lineEnd = text.indexOf('\n', offset);
  let lineSuffix = text.slice(offset, lineEnd === -1 ? text.length : lineEnd);
  if (lineSuffix.endsWith('\r')) lineSuffix = lineSuffix.slice(0, -1);
  return { path, offset, before: text.slice(Math.max(0, offset - windowChars), offset), lineSuffix };
}
