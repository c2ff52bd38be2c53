import type * as Y from 'yjs';
import {
  WorkspacePathError,
  createFile,
  createFolder,
  deleteFile,
  deleteFolder,
  hasFile,
  isInside,
  listFiles,
  normalizePath,
  renameFile,
  renameFolder,
} from '../../shared/workspaceDoc.ts';
import type { EditorTabs } from './EditorTabs.ts';

/** A refused change, in words for the person; undefined when it went through. */
export type CommandError = string | undefined;

function attempt(change: () => void): CommandError {
  try {
    change();
    return undefined;
  } catch (error) {
    if (error instanceof WorkspacePathError) return error.message;
    throw error;
  }
}

/**
 * What the file tree and menus do to the workspace: the document changes (validated by
 * shared/workspaceDoc) and the tabs that follow them, with errors returned as text to show
 * beside the input rather than thrown.
 */
export class WorkspaceCommands {
  constructor(
    private readonly doc: Y.Doc,
    private readonly tabs: EditorTabs,
  ) {}

  /** Creates a file and opens it. */
  newFile(input: string, content = ''): CommandError {
    const path = normalizePath(input);
    const error = attempt(() => createFile(this.doc, path, content));
    if (!error) this.tabs.open(path);
    return error;
  }

  newFolder(input: string): CommandError {
    return attempt(() => createFolder(this.doc, normalizePath(input)));
  }

  /** Renames a file or a folder (with everything in it); open tabs follow. */
  rename(from: string, input: string): CommandError {
    const to = normalizePath(input);
    const error = attempt(() => (hasFile(this.doc, from) ? renameFile(this.doc, from, to) : renameFolder(this.doc, from, to)));
    if (!error) this.tabs.renamed(from, to);
    return error;
  }

  /** Deletes a file or a folder (with everything in it); their tabs close. */
  remove(path: string): CommandError {
    const error = attempt(() => (hasFile(this.doc, path) ? deleteFile(this.doc, path) : deleteFolder(this.doc, path)));
    if (!error) this.tabs.retain((p) => hasFile(this.doc, p));
    return error;
  }

  /** How many files a folder holds (for the delete confirmation). */
  filesIn(folder: string): number {
    return listFiles(this.doc).filter((p) => isInside(p, folder)).length;
  }
}
