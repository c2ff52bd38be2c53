import type * as Y from 'yjs';
import { CodeEditor } from '../ui/CodeEditor.tsx';
import { applyRunMarkers } from './applyRunMarkers.ts';
import { configureLanguages } from './configureLanguages.ts';
import { WorkspaceModels } from './WorkspaceModels.ts';

/** Everything that needs Monaco, handed to the app once Monaco's chunk has loaded. */
export interface EditorKit {
  models: WorkspaceModels;
  CodeEditor: typeof CodeEditor;
  applyRunMarkers: typeof applyRunMarkers;
}

/**
 * Sets Monaco up for a workspace: languages, then one model per file bound to the document.
 * This module is the boundary of Monaco's chunk: the app imports it dynamically, so the page
 * paints and the runtime boots while the editor (several megabytes) is still loading.
 */
export function startEditor(doc: Y.Doc): EditorKit {
  configureLanguages();
  return { models: new WorkspaceModels(doc), CodeEditor, applyRunMarkers };
}
