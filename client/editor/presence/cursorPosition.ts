import * as Y from 'yjs';
import type { PresenceCursor } from './presenceState.ts';

/** A selection in offsets of a file: where it started and where the caret is. */
export interface OffsetSelection {
  anchor: number;
  head: number;
}

/** A selection of `text` (at `path`) as awareness carries it: relative positions, as JSON. */
export function toPresenceCursor(path: string, text: Y.Text, selection: OffsetSelection): PresenceCursor {
  const relative = (offset: number): PresenceCursor['head'] =>
    Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, Math.min(offset, text.length))) as PresenceCursor['head'];
  return { path, anchor: relative(selection.anchor), head: relative(selection.head) };
}

/**
 * Where a peer's selection is now in `text`, after whatever edits happened since they sent it;
 * undefined when the positions do not belong to `text` (another file, a stale or garbled state).
 */
export function resolvePresenceCursor(cursor: PresenceCursor, text: Y.Text): OffsetSelection | undefined {
  const doc = text.doc;
  if (doc === null) return undefined;
  const anchor = absolute(cursor.anchor, text, doc);
  const head = absolute(cursor.head, text, doc);
  if (anchor === undefined || head === undefined) return undefined;
  return { anchor, head };
}

function absolute(json: PresenceCursor['head'], text: Y.Text, doc: Y.Doc): number | undefined {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return undefined;
  try {
    const position = Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(json), doc);
    if (!position || position.type !== text) return undefined;
    return Math.min(position.index, text.length);
  } catch {
    return undefined;
  }
}
