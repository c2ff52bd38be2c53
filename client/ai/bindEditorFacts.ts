import type * as Y from 'yjs';
import type { monaco } from '../editor/monaco.ts';
import { markTiming } from './markTiming.ts';
import { modelCursorContext } from './modelCursorContext.ts';
import type { SessionActor } from './SessionActor.ts';
import { YjsDeliveryWatch } from './YjsDeliveryWatch.ts';

export interface EditorFactsOptions {
  /** The workspace document: a model change made while it delivers an update came from Yjs, not from the person. */
  doc: Y.Doc;
  pathOf(model: monaco.editor.ITextModel): string | undefined;
  /** True while the app applies an edit that is not the person's own (an accepted quick edit). */
  isApplyingOther(): boolean;
  /** Called with the path of each file the editor shows. */
  onViewed(path: string): void;
}

/**
 * Tells the session machine what happens in the editor:
 * - the person's edits (typing, deleting, pasting, undo, and the insertions the machine asked
 *   for) → `editor.typed`;
 * - edits from elsewhere (the Yjs binding applying another origin's update, an applied quick
 *   edit, a template swap, a whole-model reset) → `editor.changed`;
 * - cursor moves without an edit, and switching files → `editor.moved`;
 * - the editor losing focus → `fast.cancel`.
 *
 * An edit is reported once the edit operation has finished (a microtask later), because Monaco
 * fires the content change before it places the cursor: the machine must get the cursor after it.
 */
export function bindEditorFacts(editor: monaco.editor.IStandaloneCodeEditor, actor: SessionActor, options: EditorFactsOptions): monaco.IDisposable {
  // Yjs applies remote (and other-origin) updates to the models from its observers; the binding
  // (bindYText) does so synchronously inside them. So "inside a Yjs observer phase" is "from Yjs".
  const yjs = new YjsDeliveryWatch(options.doc);

  let pending: 'typed' | 'changed' | undefined;
  let scheduled = false;

  const cursorNow = (): ReturnType<typeof modelCursorContext> | undefined => {
    const model = editor.getModel();
    const position = editor.getPosition();
    const path = model ? options.pathOf(model) : undefined;
    if (!model || !position || path === undefined) return undefined;
    return modelCursorContext(model, path, position);
  };

  const flush = (): void => {
    scheduled = false;
    const kind = pending;
    pending = undefined;
    if (kind === undefined) return;
    const cursor = cursorNow();
    if (!cursor) return;
    if (kind === 'typed') markTiming('pairlane:fast-typed');
    actor.send({ type: kind === 'typed' ? 'editor.typed' : 'editor.changed', cursor });
  };

  const content = editor.onDidChangeModelContent((event) => {
    const other = yjs.delivering || event.isFlush || options.isApplyingOther();
    // One report per edit operation; anything not the person's own makes it a change.
    pending = other || pending === 'changed' ? 'changed' : 'typed';
    if (!scheduled) {
      scheduled = true;
      queueMicrotask(flush);
    }
  });

  const cursorMoved = editor.onDidChangeCursorPosition(() => {
    // A cursor move caused by an edit is reported with the edit.
    if (pending !== undefined) return;
    const cursor = cursorNow();
    if (cursor) actor.send({ type: 'editor.moved', cursor });
  });

  const modelSwapped = editor.onDidChangeModel(() => {
    pending = undefined;
    const model = editor.getModel();
    const path = model ? options.pathOf(model) : undefined;
    if (path !== undefined) options.onViewed(path);
    // The old file's suggestion is gone either way; a swap Yjs caused (a template) is a change.
    const cursor = cursorNow();
    if (cursor) actor.send({ type: yjs.delivering ? 'editor.changed' : 'editor.moved', cursor });
    else actor.send({ type: 'fast.cancel' });
  });

  const blurred = editor.onDidBlurEditorText(() => actor.send({ type: 'fast.cancel' }));

  const initial = editor.getModel();
  const initialPath = initial ? options.pathOf(initial) : undefined;
  if (initialPath !== undefined) options.onViewed(initialPath);

  return {
    dispose() {
      yjs.dispose();
      content.dispose();
      cursorMoved.dispose();
      modelSwapped.dispose();
      blurred.dispose();
    },
  };
}
