import type { monaco } from '../../editor/monaco.ts';
import type { PasteFacts } from './createRoomEventReporter.ts';

/**
 * The editor's pastes for the RoomEventReporter: Monaco's `onDidPaste` gives the range the
 * pasted text now occupies, read back from the model (the clipboard itself is not touched).
 */
export function monacoPastes(editor: monaco.editor.ICodeEditor, pathOf: (model: monaco.editor.ITextModel) => string | undefined): (listener: (paste: PasteFacts) => void) => () => void {
  return (listener) => {
    const subscription = editor.onDidPaste((event) => {
      const model = editor.getModel();
      if (!model) return;
      listener({ text: model.getValueInRange(event.range), path: pathOf(model) });
    });
    return () => subscription.dispose();
  };
}
