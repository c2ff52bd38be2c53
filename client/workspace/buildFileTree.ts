import { baseName, parentOf } from '../../shared/workspaceDoc.ts';

export interface FileTreeNode {
  kind: 'file' | 'folder';
  path: string;
  name: string;
  depth: number;
  children: FileTreeNode[];
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

function sortNodes(nodes: FileTreeNode[]): void {
  nodes.sort((a, b) => (a.kind !== b.kind ? (a.kind === 'folder' ? -1 : 1) : collator.compare(a.name, b.name)));
  for (const node of nodes) sortNodes(node.children);
}

/** The tree the sidebar shows: folders first, then files, each level in natural order ("a2" before "a10"). */
export function buildFileTree(files: readonly string[], folders: readonly string[]): FileTreeNode[] {
  const roots: FileTreeNode[] = [];
  const byPath = new Map<string, FileTreeNode>();
  const folderNode = (path: string): FileTreeNode[] => {
    if (path === '') return roots;
    const existing = byPath.get(path);
    if (existing) return existing.children;
    const parent = folderNode(parentOf(path));
    const node: FileTreeNode = { kind: 'folder', path, name: baseName(path), depth: path.split('/').length - 1, children: [] };
    byPath.set(path, node);
    parent.push(node);
    return node.children;
  };
  for (const folder of folders) folderNode(folder);
  for (const file of files) {
    folderNode(parentOf(file)).push({ kind: 'file', path: file, name: baseName(file), depth: file.split('/').length - 1, children: [] });
  }
  sortNodes(roots);
  return roots;
}

/** The rows on screen, top to bottom: nodes whose every ancestor folder is expanded. */
export function visibleRows(roots: readonly FileTreeNode[], collapsed: ReadonlySet<string>): FileTreeNode[] {
  const rows: FileTreeNode[] = [];
  const walk = (nodes: readonly FileTreeNode[]): void => {
    for (const node of nodes) {
      rows.push(node);
      if (node.kind === 'folder' && !collapsed.has(node.path)) walk(node.children);
    }
  };
  walk(roots);
  return rows;
}
