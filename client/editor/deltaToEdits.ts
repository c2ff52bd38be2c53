import type * as Y from 'yjs';

/** One text change in offsets of the text as it is when the change is applied (earlier changes done). */
export interface OffsetEdit {
  offset: number;
  deleteLength: number;
  insert: string;
}

/**
 * Turns a Y.Text event's delta into edits to apply in order to the old text (each edit's offset
 * counts the edits before it), so an editor model catches up with the document exactly.
 * Embeds (non-string inserts) do not occur in workspace files and are skipped.
 */
export function deltaToEdits(delta: Y.YTextEvent['delta']): OffsetEdit[] {
  const edits: OffsetEdit[] = [];
  let index = 0;
  for (const op of delta) {
    if (op.retain !== undefined) {
      index += op.retain;
    } else if (typeof op.insert === 'string') {
      edits.push({ offset: index, deleteLength: 0, insert: op.insert });
      index += op.insert.length;
    } else if (op.delete !== undefined) {
      edits.push({ offset: index, deleteLength: op.delete, insert: '' });
    }
  }
  return edits;
}

/** Applies edits from deltaToEdits to a string (what the model does, for plain text). */
export function applyOffsetEdits(text: string, edits: readonly OffsetEdit[]): string {
  let out = text;
  for (const edit of edits) out = out.slice(0, edit.offset) + edit.insert + out.slice(edit.offset + edit.deleteLength);
  return out;
}
