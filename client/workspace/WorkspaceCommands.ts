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
  /**
   * Why this person may not change the files now (an observer, or the host locked editing), or
   * undefined. A room refuses such changes on the server anyway; refusing them here too keeps
   * the page's copy equal to the room's instead of holding a change nobody else will ever see.
   */
  private readOnlyReason: () => string | undefined = () => undefined;

  constructor(
    private readonly doc: Y.Doc,
    private readonly tabs: EditorTabs,
  ) {}

  /** Gives the check that says whether (and why not) the files may be changed now. */
  setReadOnlyReason(reason: () => string | undefined): void {
    this.readOnlyReason = reason;
  }

  /** Why a change would be refused now, or undefined. */
  get readOnly(): string | undefined {
    return this.readOnlyReason();
  }

  /** Creates a file and opens it. */
  newFile(input: string, content = ''): CommandError {
    if (this.readOnly) return this.readOnly;
    const path = normalizePath(input);
    const error = attempt(() => createFile(this.doc, path, content));
    if (!error) this.tabs.open(path);
    return error;
  }

  newFolder(input: string): CommandError {
    if (this.readOnly) return this.readOnly;
    return attempt(() => createFolder(this.doc, normalizePath(input)));
  }

  /** Renames a file or a folder (with everything in it); open tabs follow. */
  rename(from: string, input: string): CommandError {
    if (this.readOnly) return this.readOnly;
    const to = normalizePath(input);
    const error = attempt(() => (hasFile(this.doc, from) ? renameFile(this.doc, from, to) : renameFolder(this.doc, from, to)));
    if (!error) this.tabs.renamed(from, to);
    return error;
  }

  /** Deletes a file or a folder (with everything in it); their tabs close. */
  remove(path: string): CommandError {
    if (this.readOnly) return this.readOnly;
    const error = attempt(() => (hasFile(this.doc, path) ? deleteFile(this.doc, path) : deleteFolder(this.doc, path)));
    if (!error) this.tabs.retain((p) => hasFile(this.doc, p));
    return error;
  }

  /** How many files a folder holds (for the delete confirmation). */
  filesIn(folder: string): number {
    return listFiles(this.doc).filter((p) => isInside(p, folder)).length;
  }
}
