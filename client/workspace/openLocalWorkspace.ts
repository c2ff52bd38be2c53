import { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';
import { replaceWorkspace } from '../../shared/workspaceDoc.ts';
import { defaultTemplate, type Template } from './templates.ts';

/** The name of the IndexedDB database that keeps this browser's workspace. */
const DB_NAME = 'pairlane-workspace';
/** Local facts about the document itself (which template it started from), kept in it. */
const META_KEY = 'meta';

export interface LocalWorkspace {
  doc: Y.Doc;
  /** True when this browser had no workspace yet and the default template was put in. */
  firstVisit: boolean;
  /** Replaces every file with a template's, in one transaction. */
  applyTemplate(template: Template): void;
  close(): Promise<void>;
}

/**
 * Opens the workspace this browser keeps in IndexedDB (through y-indexeddb, which stores every
 * Yjs update as it happens), waits until what was stored is loaded, and on a first visit fills
 * it with the default template. A person who deleted every file is not given the template again:
 * the document remembers that it was seeded.
 */
export async function openLocalWorkspace(): Promise<LocalWorkspace> {
  const doc = new Y.Doc();
  const persistence = new IndexeddbPersistence(DB_NAME, doc);
  await persistence.whenSynced;
  const meta = doc.getMap<string>(META_KEY);
  const applyTemplate = (template: Template): void => {
    doc.transact(() => {
      replaceWorkspace(doc, template.files);
      meta.set('template', template.id);
    });
  };
  const firstVisit = !meta.has('template');
  if (firstVisit) applyTemplate(defaultTemplate);
  return {
    doc,
    firstVisit,
    applyTemplate,
    close: () => persistence.destroy(),
  };
}
