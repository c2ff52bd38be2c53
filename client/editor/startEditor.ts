import type * as Y from 'yjs';
import { AiSession, type AiSessionOptions } from '../ai/AiSession.ts';
import type { ServerConnection } from '../net/ServerConnection.ts';
import { CodeEditor } from '../ui/CodeEditor.tsx';
import { applyRunMarkers } from './applyRunMarkers.ts';
import { configureLanguages } from './configureLanguages.ts';
import { WorkspaceModels } from './WorkspaceModels.ts';

/** Everything that needs Monaco, handed to the app once Monaco's chunk has loaded. */
export interface EditorKit {
  models: WorkspaceModels;
  CodeEditor: typeof CodeEditor;
  applyRunMarkers: typeof applyRunMarkers;
  /** The session machine in the page: it decides runs, and AI requests when there is a server (with `?offline` they fail at once). */
  ai: AiSession;
}

/**
 * Sets Monaco up for a workspace: languages, then one model per file bound to the document,
 * then the AI session over them.
 * This module is the boundary of Monaco's chunk: the app imports it dynamically, so the page
 * paints and the runtime boots while the editor (several megabytes) is still loading.
 */
export function startEditor(doc: Y.Doc, connection: ServerConnection | undefined, session: AiSessionOptions = {}): EditorKit {
  configureLanguages();
  const models = new WorkspaceModels(doc);
  return { models, CodeEditor, applyRunMarkers, ai: new AiSession(connection, models, doc, session) };
}
