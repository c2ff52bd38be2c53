import * as Y from 'yjs';

/**
 * The workspace as a Yjs document: one `Y.Text` per file in the map "files" (path → text) and the
 * folders a person created explicitly, even when empty, in the map "folders" (path → true).
 * Folders that hold files exist implicitly; an explicit entry only matters while a folder is empty.
 *
 * Every helper here is pure over the document (no DOM, no Node), so the browser, the server that
 * owns a room and the tests all edit a workspace the same way. Changes that touch several entries
 * (a folder rename, a template swap) happen in one transaction so a peer never sees half of them.
 *
 * Paths are relative, "/"-separated, with no leading slash: "src/sum.ts".
 */

/** The key of the map path → Y.Text. */
export const FILES_KEY = 'files';
/** The key of the map folder path → true, for folders created explicitly. */
export const FOLDERS_KEY = 'folders';

const MAX_PATH_LENGTH = 260;
const MAX_SEGMENT_LENGTH = 100;
/** Letters and digits of any script, and the punctuation file names commonly use. */
const SEGMENT_CHARS = /^[\p{L}\p{N}_.\-@+$ ()[\]]+$/u;

/** Thrown for a path that is malformed or that clashes with what the workspace holds. */
export class WorkspacePathError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkspacePathError';
  }
}

/** The map path → Y.Text of a workspace document. */
export function filesOf(doc: Y.Doc): Y.Map<Y.Text> {
  return doc.getMap<Y.Text>(FILES_KEY);
}

/** The map of explicitly created folders of a workspace document. */
export function foldersOf(doc: Y.Doc): Y.Map<true> {
  return doc.getMap<true>(FOLDERS_KEY);
}

/**
 * Why `path` is not an acceptable workspace path, or undefined when it is.
 * The reasons are written for the person who typed the name.
 */
export function pathProblem(path: string): string | undefined {
  if (path.length === 0) return 'A name is required.';
  if (path.length > MAX_PATH_LENGTH) return `The path is longer than ${MAX_PATH_LENGTH} characters.`;
  if (path.includes('\\')) return 'Use "/" to separate folders, not "\\".';
  if (path.startsWith('/')) return 'The path must be relative to the workspace (no leading "/").';
  if (path.endsWith('/')) return 'The path must not end with "/".';
  for (const segment of path.split('/')) {
    if (segment.length === 0) return 'The path has an empty folder name ("//").';
    if (segment === '.' || segment === '..') return `"${segment}" is not allowed as a file or folder name.`;
    if (segment.length > MAX_SEGMENT_LENGTH) return `"${segment.slice(0, 20)}…" is longer than ${MAX_SEGMENT_LENGTH} characters.`;
    if (segment !== segment.trim()) return `"${segment}" starts or ends with a space.`;
    if (!SEGMENT_CHARS.test(segment)) {
      const bad = [...segment].find((ch) => !SEGMENT_CHARS.test(ch)) ?? '';
      return `"${segment}" contains "${bad}"; use letters, digits, spaces and . _ - @ + $ ( ) [ ].`;
    }
  }
  return undefined;
}

/** Throws a WorkspacePathError when `path` is not acceptable. */
export function assertValidPath(path: string): void {
  const problem = pathProblem(path);
  if (problem !== undefined) throw new WorkspacePathError(problem);
}

/**
 * Tidies what a person typed into a path: trims it, drops a leading "./" and collapses
 * surrounding slashes. It does not make an invalid path valid; validate the result.
 */
export function normalizePath(input: string): string {
  return input.trim().replace(/^\.\/+/, '').replace(/^\/+|\/+$/g, '');
}

/** The folder that holds `path` ("" for the workspace root). */
export function parentOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? '' : path.slice(0, slash);
}

/** The last segment of `path`. */
export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Whether `path` lies inside `folder` (at any depth). */
export function isInside(path: string, folder: string): boolean {
  return path.startsWith(`${folder}/`);
}

/** Every file path, sorted. */
export function listFiles(doc: Y.Doc): string[] {
  return [...filesOf(doc).keys()].sort();
}

/** Every folder: the explicit ones and those implied by file paths, sorted. */
export function listFolders(doc: Y.Doc): string[] {
  const folders = new Set<string>(foldersOf(doc).keys());
  for (const file of filesOf(doc).keys()) {
    for (let parent = parentOf(file); parent !== ''; parent = parentOf(parent)) folders.add(parent);
  }
  return [...folders].sort();
}

/** Whether a file exists at `path`. */
export function hasFile(doc: Y.Doc, path: string): boolean {
  return filesOf(doc).has(path);
}

/** Whether a folder (explicit or implied by a file) exists at `path`. */
export function hasFolder(doc: Y.Doc, path: string): boolean {
  if (foldersOf(doc).has(path)) return true;
  for (const file of filesOf(doc).keys()) if (isInside(file, path)) return true;
  return false;
}

/** The contents of one file, or undefined when there is none. */
export function readFile(doc: Y.Doc, path: string): string | undefined {
  return filesOf(doc).get(path)?.toString();
}

/** The whole workspace as path → contents (the shape a runtime takes). */
export function readFiles(doc: Y.Doc): Record<string, string> {
  const out: Record<string, string> = {};
  for (const path of listFiles(doc)) out[path] = filesOf(doc).get(path)?.toString() ?? '';
  return out;
}

/** The Y.Text of one file, or undefined. Editors bind to it. */
export function fileText(doc: Y.Doc, path: string): Y.Text | undefined {
  return filesOf(doc).get(path);
}

/**
 * Throws unless `path` is free for a new file or folder: valid, not taken by either, and no
 * ancestor of it is a file (a file cannot hold children).
 */
function assertFree(doc: Y.Doc, path: string, ignore?: string): void {
  assertValidPath(path);
  if (path !== ignore && hasFile(doc, path)) throw new WorkspacePathError(`A file named "${path}" already exists.`);
  if (path !== ignore && hasFolder(doc, path)) throw new WorkspacePathError(`A folder named "${path}" already exists.`);
  for (let parent = parentOf(path); parent !== ''; parent = parentOf(parent)) {
    if (hasFile(doc, parent)) throw new WorkspacePathError(`"${parent}" is a file, so it cannot hold "${baseName(path)}".`);
  }
}

/** Creates a file. Throws WorkspacePathError when the path is invalid or taken. */
export function createFile(doc: Y.Doc, path: string, content = '', origin?: unknown): void {
  assertFree(doc, path);
  doc.transact(() => {
    filesOf(doc).set(path, new Y.Text(content));
  }, origin);
}

/**
 * Replaces a file's whole contents (creating it if needed). Meant for programmatic writes such as
 * applying a generated file; typing goes through the editor binding, which sends minimal edits.
 */
export function writeFile(doc: Y.Doc, path: string, content: string, origin?: unknown): void {
  const text = fileText(doc, path);
  if (text === undefined) {
    createFile(doc, path, content, origin);
    return;
  }
  if (text.toString() === content) return;
  doc.transact(() => {
    text.delete(0, text.length);
    text.insert(0, content);
  }, origin);
}

/** Deletes a file. Throws when there is none. */
export function deleteFile(doc: Y.Doc, path: string, origin?: unknown): void {
  if (!hasFile(doc, path)) throw new WorkspacePathError(`There is no file "${path}".`);
  doc.transact(() => {
    filesOf(doc).delete(path);
  }, origin);
}

/**
 * Renames (moves) a file. A Yjs type cannot change parent, so the contents move to a new Y.Text
 * under the new key, in the same transaction that removes the old one.
 */
export function renameFile(doc: Y.Doc, from: string, to: string, origin?: unknown): void {
  const text = fileText(doc, from);
  if (text === undefined) throw new WorkspacePathError(`There is no file "${from}".`);
  if (from === to) return;
  assertFree(doc, to);
  doc.transact(() => {
    const content = text.toString();
    filesOf(doc).delete(from);
    filesOf(doc).set(to, new Y.Text(content));
  }, origin);
}

/** Creates an (empty) folder. Throws when the path is invalid or taken. */
export function createFolder(doc: Y.Doc, path: string, origin?: unknown): void {
  assertFree(doc, path);
  doc.transact(() => {
    foldersOf(doc).set(path, true);
  }, origin);
}

/** Moves a folder and everything in it, in one transaction. */
export function renameFolder(doc: Y.Doc, from: string, to: string, origin?: unknown): void {
  if (!hasFolder(doc, from)) throw new WorkspacePathError(`There is no folder "${from}".`);
  if (from === to) return;
  if (isInside(to, from)) throw new WorkspacePathError(`A folder cannot move into itself ("${to}").`);
  assertFree(doc, to);
  const files = filesOf(doc);
  const folders = foldersOf(doc);
  const moved = (path: string): string => to + path.slice(from.length);
  doc.transact(() => {
    for (const path of [...files.keys()]) {
      if (!isInside(path, from)) continue;
      const content = files.get(path)?.toString() ?? '';
      files.delete(path);
      files.set(moved(path), new Y.Text(content));
    }
    for (const path of [...folders.keys()]) {
      if (path !== from && !isInside(path, from)) continue;
      folders.delete(path);
      folders.set(moved(path), true);
    }
  }, origin);
}

/** Deletes a folder and everything in it, in one transaction. */
export function deleteFolder(doc: Y.Doc, path: string, origin?: unknown): void {
  if (!hasFolder(doc, path)) throw new WorkspacePathError(`There is no folder "${path}".`);
  const files = filesOf(doc);
  const folders = foldersOf(doc);
  doc.transact(() => {
    for (const file of [...files.keys()]) if (isInside(file, path)) files.delete(file);
    for (const folder of [...folders.keys()]) if (folder === path || isInside(folder, path)) folders.delete(folder);
  }, origin);
}

/**
 * Replaces the whole workspace (a template, an import) in one transaction. Every path is checked
 * before anything changes, so an invalid set leaves the workspace as it was.
 */
export function replaceWorkspace(
  doc: Y.Doc,
  contents: Readonly<Record<string, string>>,
  emptyFolders: readonly string[] = [],
  origin?: unknown,
): void {
  const paths = Object.keys(contents);
  for (const path of [...paths, ...emptyFolders]) assertValidPath(path);
  for (const folder of emptyFolders) {
    if (folder in contents) throw new WorkspacePathError(`"${folder}" cannot be both a file and a folder.`);
  }
  for (const path of paths) {
    for (let parent = parentOf(path); parent !== ''; parent = parentOf(parent)) {
      if (parent in contents) throw new WorkspacePathError(`"${parent}" is a file, so it cannot hold "${baseName(path)}".`);
    }
  }
  const files = filesOf(doc);
  const folders = foldersOf(doc);
  doc.transact(() => {
    for (const path of [...files.keys()]) files.delete(path);
    for (const path of [...folders.keys()]) folders.delete(path);
    for (const path of paths.sort()) files.set(path, new Y.Text(contents[path] ?? ''));
    for (const path of emptyFolders) folders.set(path, true);
  }, origin);
}
