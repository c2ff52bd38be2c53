import type { DirectoryNode, FileSystemTree } from '@webcontainer/api';
import type { WorkspaceFiles } from '../Runtime.ts';

/**
 * The workspace as the nested tree `WebContainer.mount` takes. Paths are "/"-separated and
 * relative; empty segments and "." are ignored, and a path that climbs out ("..") or collides
 * with a file where a folder is needed is refused, so nothing lands outside the workdir.
 */
export function toFileSystemTree(files: WorkspaceFiles): FileSystemTree {
  const root: FileSystemTree = {};
  for (const [path, contents] of Object.entries(files)) {
    const parts = path.split('/').filter((p) => p !== '' && p !== '.');
    const name = parts.pop();
    if (name === undefined) throw new Error(`Not a file path: "${path}"`);
    if (parts.includes('..') || name === '..') throw new Error(`Path leaves the workspace: "${path}"`);
    let dir = root;
    for (const part of parts) {
      const existing = dir[part];
      if (existing === undefined) {
        const node: DirectoryNode = { directory: {} };
        dir[part] = node;
        dir = node.directory;
      } else if ('directory' in existing) {
        dir = existing.directory;
      } else {
        throw new Error(`"${path}" needs "${part}" to be a folder, but it is a file`);
      }
    }
    if (dir[name] !== undefined && 'directory' in (dir[name] ?? {})) {
      throw new Error(`"${path}" is a folder in the workspace, not a file`);
    }
    dir[name] = { file: { contents } };
  }
  return root;
}
