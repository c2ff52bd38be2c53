import { monaco } from './monaco.ts';
import type { PersonalUndo, UndoResult } from './PersonalUndo.ts';

/**
 * Makes a bound model's undo and redo the person's own (`PersonalUndo`) instead of Monaco's stack,
 * which would be wrong as soon as a peer's edit moved the text. Every way Monaco undoes
 * (Ctrl/Cmd+Z, Ctrl/Cmd+Shift+Z, Ctrl+Y, the command palette, `editor.trigger('undo')`) ends in
 * `model.undo()` / `model.redo()`, so those are what is routed. An undo stop (`pushStackElement`,
 * which `editor.pushUndoStop()` calls, as Monaco's cursor does between kinds of edits) ends the
 * current step, so an accepted suggestion between two stops is one step of its own.
 *
 * After an undo or redo, each editor showing the model gets its cursor where the change was.
 * Returns the function that puts the model's own methods back.
 */
export function routeUndo(model: monaco.editor.ITextModel, undo: PersonalUndo): () => void {
  const own = {
    undo: model.undo,
    redo: model.redo,
    canUndo: model.canUndo,
    canRedo: model.canRedo,
    pushStackElement: model.pushStackElement,
  };
  const place = (result: UndoResult | undefined): void => {
    if (!result) return;
    const position = model.getPositionAt(result.offset);
    for (const editor of monaco.editor.getEditors()) {
      if (editor.getModel() !== model) continue;
      editor.setSelection(monaco.Selection.fromPositions(position));
      editor.revealPositionInCenterIfOutsideViewport(position, monaco.editor.ScrollType.Smooth);
    }
  };
  model.undo = () => place(undo.undo());
  model.redo = () => place(undo.redo());
  model.canUndo = () => undo.canUndo();
  model.canRedo = () => undo.canRedo();
  model.pushStackElement = () => {
    undo.stopCapturing();
    own.pushStackElement.call(model);
  };
  return () => {
    Object.assign(model, own);
  };
}
