import type * as Y from 'yjs';
import type { AiAttribution } from '../../shared/rooms/aiAttribution.ts';
import type { DeepFileChange } from '../../shared/session/SessionEvent.ts';
import { createFile, deleteFile, hasFile } from '../../shared/workspaceDoc.ts';
import { LocalEditOrigin, runAttributed } from '../editor/LocalEditOrigin.ts';
import { monaco } from '../editor/monaco.ts';
import type { WorkspaceModels } from '../editor/WorkspaceModels.ts';
import { minimalEdit } from './minimalEdit.ts';

/** Edits of an applied deep-lane result, as Monaco's undo stack and the document's origin name them. */
const ORIGIN = 'pairlane.deep-lane';

/**
 * Writes one file of a reviewed deep-lane result to the workspace. A file that exists changes in
 * its Monaco model as one edit between two undo stops, so Ctrl/Cmd+Z in that file takes the whole
 * apply back in one step (the model's binding carries it to the document). Only the region that
 * differs is replaced, so the person's cursor and folds elsewhere in the file stay. A new file is
 * created in the document, and a deleted one removed (neither is on a model's undo stack).
 *
 * With `attribution` (the task), each change is one Yjs transaction carrying it, so the room logs
 * it as the deep lane's text: a model edit through the editor binding, a new or deleted file with
 * a LocalEditOrigin of its own.
 *
 * Returns a sentence for the person when the file had changed since the task read it (their
 * edits there are replaced by the task's text; the one undo step brings them back).
 */
export function applyDeepFile(change: DeepFileChange, doc: Y.Doc, models: WorkspaceModels, attribution?: AiAttribution): string | undefined {
  const origin = attribution ? new LocalEditOrigin(doc, attribution) : ORIGIN;
  if (change.status === 'deleted' || change.after === null) {
    if (hasFile(doc, change.path)) deleteFile(doc, change.path, origin);
    return undefined;
  }
  const model = models.get(change.path);
  if (!model) {
    createFile(doc, change.path, change.after, origin);
    return undefined;
  }
  const current = model.getValue();
  const edit = minimalEdit(current, change.after);
  if (edit === null) return undefined;
  const changedSince = change.before !== null && current !== change.before;
  const range = monaco.Range.fromPositions(model.getPositionAt(edit.start), model.getPositionAt(edit.end));
  model.pushStackElement();
  const write = () => model.pushEditOperations(null, [{ range, text: edit.text, forceMoveMarkers: false }], () => null);
  if (attribution) runAttributed(attribution, write);
  else write();
  model.pushStackElement();
  return changedSince ? 'it had changed since the task read it; the task’s text replaced those edits (Ctrl/Cmd+Z in the file brings them back).' : undefined;
}
