import { useEffect, useState } from 'preact/hooks';
import type * as Y from 'yjs';
import { filesOf, foldersOf, listFiles, listFolders } from '../../shared/workspaceDoc.ts';

export interface WorkspaceLists {
  files: readonly string[];
  folders: readonly string[];
}

function read(doc: Y.Doc): WorkspaceLists {
  return { files: listFiles(doc), folders: listFolders(doc) };
}

/** The workspace's file and folder paths, re-read when entries are added, removed or renamed (not on typing). */
export function useWorkspaceLists(doc: Y.Doc): WorkspaceLists {
  const [lists, setLists] = useState(() => read(doc));
  useEffect(() => {
    const update = (): void => setLists(read(doc));
    filesOf(doc).observe(update);
    foldersOf(doc).observe(update);
    update();
    return () => {
      filesOf(doc).unobserve(update);
      foldersOf(doc).unobserve(update);
    };
  }, [doc]);
  return lists;
}
