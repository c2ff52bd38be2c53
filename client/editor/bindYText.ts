import type * as Y from 'yjs';
import type { monaco } from './monaco.ts';

/**
 * Keeps a Monaco model and a Y.Text equal, in both directions, without echo: a change applied
 * from one side must not be sent back to it. Like y-monaco's MonacoBinding, it guards each
 * direction with a flag (our mutex) and tags the Yjs transactions it makes with itself as origin,
 * so its own observer recognises them. (y-monaco itself imports Monaco's full entry point and an
 * optional awareness package, which we neither bundle nor need yet.)
 *
 * Returns the function that unbinds. Edits from Yjs are applied with `applyEdits`, so they stay
 * out of the local undo stack: undo only undoes what this person typed.
 */
export function bindYText(text: Y.Text, model: monaco.editor.ITextModel): () => void {
  const doc = text.doc;
  if (doc === null) throw new Error('bindYText needs a Y.Text that belongs to a document');
  const origin = Symbol('monaco-binding');
  let applyingRemote = false;

  const fromYjs = (event: Y.YTextEvent, transaction: Y.Transaction): void => {
    if (transaction.origin === origin) return;
    applyingRemote = true;
    try {
      let index = 0;
      for (const op of event.delta) {
        if (op.retain !== undefined) {
          index += op.retain;
        } else if (typeof op.insert === 'string') {
          const at = model.getPositionAt(index);
          model.applyEdits([{ range: rangeAt(at, at), text: op.insert }]);
          index += op.insert.length;
        } else if (op.delete !== undefined) {
          const start = model.getPositionAt(index);
          const end = model.getPositionAt(index + op.delete);
          model.applyEdits([{ range: rangeAt(start, end), text: '' }]);
        }
      }
    } finally {
      applyingRemote = false;
    }
  };

  if (model.getValue() !== text.toString()) model.setValue(text.toString());
  text.observe(fromYjs);

  const fromMonaco = model.onDidChangeContent((event) => {
    if (applyingRemote) return;
    doc.transact(() => {
      // Offsets in one event refer to the text before it; applying right to left keeps them valid.
      const changes = [...event.changes].sort((a, b) => b.rangeOffset - a.rangeOffset);
      for (const change of changes) {
        if (change.rangeLength > 0) text.delete(change.rangeOffset, change.rangeLength);
        if (change.text.length > 0) text.insert(change.rangeOffset, change.text);
      }
    }, origin);
  });

  return () => {
    text.unobserve(fromYjs);
    fromMonaco.dispose();
  };
}

function rangeAt(start: monaco.IPosition, end: monaco.IPosition): monaco.IRange {
  return { startLineNumber: start.lineNumber, startColumn: start.column, endLineNumber: end.lineNumber, endColumn: end.column };
}
