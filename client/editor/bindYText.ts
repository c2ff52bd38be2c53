import type * as Y from 'yjs';
import { minimalEdit } from '../deep/minimalEdit.ts';
import { deltaToEdits } from './deltaToEdits.ts';
import { LocalEditOrigin, localEditOrigin } from './LocalEditOrigin.ts';
import type { monaco } from './monaco.ts';
import { normalizeLineEndings } from './normalizeLineEndings.ts';

/**
 * Keeps a Monaco model and a Y.Text equal, in both directions, without echo: a change applied
 * from one side must not be sent back to it. Like y-monaco's MonacoBinding, it guards each
 * direction with a flag (our mutex) and tags the Yjs transactions it makes with itself as origin,
 * so its own observer recognises them. (y-monaco itself imports Monaco's full entry point and an
 * optional awareness package, which we neither bundle nor need yet.)
 *
 * Line endings are LF on both sides: the model is LF (set by its owner, and Monaco then turns a
 * typed or pasted CRLF into LF), and a CR that reaches the Y.Text from elsewhere (a peer, an
 * import) is rewritten as LF in the document itself, so offsets count the same characters.
 *
 * Returns the function that unbinds. Edits from Yjs are applied with `applyEdits`, so they stay
 * out of Monaco's undo stack; undo is the person's own `PersonalUndo` over the Y.Text.
 */
export function bindYText(text: Y.Text, model: monaco.editor.ITextModel): () => void {
  const doc = text.doc;
  if (doc === null) throw new Error('bindYText needs a Y.Text that belongs to a document');
  let applyingRemote = false;
  // The origin of this binding's line-ending fixes: the model already holds what they produce.
  const eolOrigin = { lineEndingsOf: model };

  const resync = (): void => {
    const edit = minimalEdit(model.getValue(), text.toString());
    if (edit === null) return;
    applyingRemote = true;
    try {
      model.applyEdits([{ range: rangeAt(model.getPositionAt(edit.start), model.getPositionAt(edit.end)), text: edit.text }]);
    } finally {
      applyingRemote = false;
    }
  };

  const fromYjs = (event: Y.YTextEvent, transaction: Y.Transaction): void => {
    if (transaction.origin === eolOrigin) return;
    if (transaction.origin instanceof LocalEditOrigin && transaction.origin.binding === model) return;
    if (insertsCarriageReturn(event.delta)) {
      // Monaco would turn the CR into LF on its own and the offsets would part: fix the document
      // first (this runs at once, its observers later), then bring the model to it.
      normalizeLineEndings(text, eolOrigin);
      resync();
      return;
    }
    applyingRemote = true;
    try {
      // Each edit's offset already counts the ones before it, so they apply one after another.
      for (const edit of deltaToEdits(event.delta)) {
        const start = model.getPositionAt(edit.offset);
        const end = edit.deleteLength > 0 ? model.getPositionAt(edit.offset + edit.deleteLength) : start;
        model.applyEdits([{ range: rangeAt(start, end), text: edit.insert }]);
      }
    } finally {
      applyingRemote = false;
    }
  };

  normalizeLineEndings(text, eolOrigin);
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
    }, localEditOrigin(model));
  });

  return () => {
    text.unobserve(fromYjs);
    fromMonaco.dispose();
  };
}

function insertsCarriageReturn(delta: Y.YTextEvent['delta']): boolean {
  return delta.some((op) => typeof op.insert === 'string' && op.insert.includes('\r'));
}

function rangeAt(start: monaco.IPosition, end: monaco.IPosition): monaco.IRange {
  return { startLineNumber: start.lineNumber, startColumn: start.column, endLineNumber: end.lineNumber, endColumn: end.column };
}
