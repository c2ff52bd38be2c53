import { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';
import { replaceWorkspace } from '../../shared/workspaceDoc.ts';
import type { LocalWorkspace } from '../workspace/openLocalWorkspace.ts';
import type { Template } from '../workspace/templates.ts';

/**
 * A room's document as this browser keeps it: its own IndexedDB database per room, so a reload,
 * a closed tab or a server that is down loses nothing typed, and the person's own single-person
 * workspace stays as it was. It starts empty on a first visit; the room's files arrive with the
 * first sync, and what was typed offline goes back in the step 2 of the next one.
 */
export async function openRoomWorkspace(roomId: string): Promise<LocalWorkspace> {
  const doc = new Y.Doc();
  const persistence = new IndexeddbPersistence(`pairlane-room-${roomId}`, doc);
  await persistence.whenSynced;
  return {
    doc,
    // Never seeded with a template: the room's files are the room's.
    firstVisit: false,
    applyTemplate: (template: Template) => replaceWorkspace(doc, template.files),
    close: () => persistence.destroy(),
  };
}
