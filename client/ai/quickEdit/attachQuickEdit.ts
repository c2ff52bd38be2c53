import type { monaco } from '../../editor/monaco.ts';
import type { SessionActor } from '../SessionActor.ts';

/**
 * Binds the quick-edit command (Ctrl/Cmd+K on a selection) of `editor` to the session machine:
 * opens the instruction widget, renders the streamed answer as an inline diff from
 * `selectQuickEdit`, and sends the widget's commands as `quick.*` events. `pathOf` names the
 * workspace file of a model. Returns what undoes every binding.
 */
export function attachQuickEdit(
  editor: monaco.editor.IStandaloneCodeEditor,
  actor: SessionActor,
  pathOf: (model: monaco.editor.ITextModel) => string | undefined,
): monaco.IDisposable {
  void editor;
  void actor;
  void pathOf;
  return { dispose() {} };
}
