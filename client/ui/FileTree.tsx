import type { JSX } from 'preact';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { baseName, parentOf, pathProblem, normalizePath } from '../../shared/workspaceDoc.ts';
import { isPythonTestFile } from '../../shared/isPythonTestFile.ts';
import { isTestFile } from '../runtime/isTestFile.ts';
import { buildFileTree, visibleRows, type FileTreeNode } from '../workspace/buildFileTree.ts';
import type { CommandError, WorkspaceCommands } from '../workspace/WorkspaceCommands.ts';
import { Icon } from './Icon.tsx';
import { ContextMenu, type MenuItem } from './ContextMenu.tsx';
import type { Confirm } from './ConfirmDialog.tsx';

/** What the toolbar may ask of the tree. */
export interface FileTreeHandle {
  startCreate(kind: 'file' | 'folder'): void;
}

type Editing =
  | { mode: 'rename'; path: string; kind: 'file' | 'folder' }
  | { mode: 'create'; kind: 'file' | 'folder'; parent: string };

interface Props {
  files: readonly string[];
  folders: readonly string[];
  activePath: string | undefined;
  edited: ReadonlySet<string>;
  testStatus: ReadonlyMap<string, 'passed' | 'failed'>;
  commands: WorkspaceCommands;
  onOpen(path: string): void;
  confirm: Confirm;
  handle: { current: FileTreeHandle | undefined };
  /** Why the files may not be changed now (an observer, editing locked); the tree then only opens files. */
  readOnly?: string | undefined;
}

const COLLAPSED_KEY = 'pairlane.tree.collapsed.v1';

function loadCollapsed(): Set<string> {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(COLLAPSED_KEY) ?? '[]');
    return new Set(Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
  } catch {
    return new Set();
  }
}

/** A colour hint per kind of file, like the editors people know. */
function fileKind(path: string): string {
  if (isTestFile(path) || isPythonTestFile(path)) return 'test';
  const ext = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
  if (['ts', 'tsx', 'mts', 'cts'].includes(ext)) return 'ts';
  if (['js', 'jsx', 'mjs', 'cjs'].includes(ext)) return 'js';
  if (ext === 'json') return 'json';
  if (ext === 'md') return 'md';
  if (ext === 'css') return 'css';
  return 'other';
}

/**
 * The workspace's files and folders: click to open, inline inputs to create and rename, hover
 * buttons and a context menu for the rest. Keyboard: arrows move, Enter opens, F2 renames, Delete
 * deletes (after a confirmation).
 */
export function FileTree(props: Props): JSX.Element {
  const { files, folders, activePath, commands, confirm } = props;
  const [collapsed, setCollapsed] = useState(loadCollapsed);
  const [selected, setSelected] = useState<string | undefined>(activePath);
  const [editing, setEditing] = useState<Editing | undefined>();
  const [menu, setMenu] = useState<{ x: number; y: number; node: FileTreeNode | undefined } | undefined>();
  const treeRef = useRef<HTMLDivElement>(null);

  const tree = useMemo(() => buildFileTree(files, folders), [files, folders]);
  const rows = useMemo(() => visibleRows(tree, collapsed), [tree, collapsed]);

  useEffect(() => {
    try {
      localStorage.setItem(COLLAPSED_KEY, JSON.stringify([...collapsed]));
    } catch {
      // Collapsed folders are a convenience; losing them on reload is fine.
    }
  }, [collapsed]);

  useEffect(() => {
    if (activePath !== undefined) setSelected(activePath);
  }, [activePath]);

  const expand = (folder: string): void => {
    setCollapsed((prev) => {
      const next = new Set(prev);
      for (let p = folder; p !== ''; p = parentOf(p)) next.delete(p);
      return next;
    });
  };

  const folderForNew = (): string => {
    const target = selected ?? activePath;
    if (target === undefined) return '';
    return folders.includes(target) ? target : parentOf(target);
  };

  const startCreate = (kind: 'file' | 'folder', parent = folderForNew()): void => {
    if (props.readOnly) return;
    if (parent !== '') expand(parent);
    setEditing({ mode: 'create', kind, parent });
  };
  props.handle.current = { startCreate: (kind) => startCreate(kind) };

  const startRename = (node: FileTreeNode): void => {
    if (!props.readOnly) setEditing({ mode: 'rename', path: node.path, kind: node.kind });
  };

  const remove = async (node: FileTreeNode): Promise<void> => {
    if (props.readOnly) return;
    const count = node.kind === 'folder' ? commands.filesIn(node.path) : 0;
    const ok = await confirm({
      title: node.kind === 'file' ? `Delete ${node.name}?` : `Delete the folder ${node.name}?`,
      body:
        node.kind === 'file'
          ? `"${node.path}" will be removed from the workspace.`
          : `"${node.path}" and ${count === 0 ? 'nothing else (it is empty)' : count === 1 ? 'the 1 file in it' : `the ${count} files in it`} will be removed.`,
      confirmLabel: 'Delete',
      danger: true,
    });
    if (!ok) return;
    commands.remove(node.path);
    treeRef.current?.focus();
  };

  const commit = (value: string): CommandError => {
    if (!editing) return undefined;
    if (editing.mode === 'rename') {
      const to = normalizePath(`${parentOf(editing.path) ? `${parentOf(editing.path)}/` : ''}${value}`);
      if (to === editing.path) return undefined;
      const error = commands.rename(editing.path, to);
      if (!error) setSelected(to);
      return error;
    }
    const path = normalizePath(editing.parent ? `${editing.parent}/${value}` : value);
    const error = editing.kind === 'file' ? commands.newFile(path) : commands.newFolder(path);
    if (!error) {
      setSelected(path);
      if (editing.kind === 'folder') expand(path);
    }
    return error;
  };

  const open = (node: FileTreeNode): void => {
    setSelected(node.path);
    if (node.kind === 'folder') {
      setCollapsed((prev) => {
        const next = new Set(prev);
        if (next.has(node.path)) next.delete(node.path);
        else next.add(node.path);
        return next;
      });
    } else {
      props.onOpen(node.path);
    }
  };

  const onKeyDown = (event: KeyboardEvent): void => {
    if (editing || event.target !== treeRef.current) return;
    const index = rows.findIndex((r) => r.path === selected);
    const node = rows[index];
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp': {
        const next = rows[Math.min(rows.length - 1, Math.max(0, index + (event.key === 'ArrowDown' ? 1 : -1)))];
        if (next) setSelected(next.path);
        break;
      }
      case 'ArrowRight':
        if (node?.kind === 'folder') expand(node.path);
        break;
      case 'ArrowLeft':
        if (node?.kind === 'folder' && !collapsed.has(node.path)) setCollapsed((prev) => new Set([...prev, node.path]));
        else if (node && parentOf(node.path) !== '') setSelected(parentOf(node.path));
        break;
      case 'Enter':
        if (node) open(node);
        break;
      case 'F2':
        if (node) startRename(node);
        break;
      case 'Delete':
      case 'Backspace':
        if (node && (event.key === 'Delete' || event.metaKey)) void remove(node);
        break;
      default:
        return;
    }
    event.preventDefault();
  };

  const menuItems = (node: FileTreeNode | undefined): MenuItem[] => {
    if (props.readOnly) return [{ heading: props.readOnly }];
    const parent = node ? (node.kind === 'folder' ? node.path : parentOf(node.path)) : '';
    const items: MenuItem[] = [
      { label: 'New file', icon: 'filePlus', action: () => startCreate('file', parent) },
      { label: 'New folder', icon: 'folderPlus', action: () => startCreate('folder', parent) },
    ];
    if (node) {
      items.push(
        { separator: true },
        { label: 'Rename', icon: 'pencil', shortcut: 'F2', action: () => startRename(node), testId: 'menu-rename' },
        { label: 'Delete', icon: 'trash', shortcut: 'Del', danger: true, action: () => void remove(node), testId: 'menu-delete' },
      );
    }
    return items;
  };

  const renderRows = (): JSX.Element[] => {
    const out: JSX.Element[] = [];
    const createRow = (depth: number): JSX.Element => (
      <InlineInput
        key="__create"
        depth={depth}
        kind={editing?.kind ?? 'file'}
        initial=""
        parent={editing?.mode === 'create' ? editing.parent : ''}
        onCommit={commit}
        onDone={() => {
          setEditing(undefined);
          treeRef.current?.focus();
        }}
      />
    );
    if (editing?.mode === 'create' && editing.parent === '') out.push(createRow(0));
    for (const node of rows) {
      if (editing?.mode === 'rename' && editing.path === node.path) {
        out.push(
          <InlineInput
            key={`rename:${node.path}`}
            depth={node.depth}
            kind={node.kind}
            initial={node.name}
            parent={parentOf(node.path)}
            onCommit={commit}
            onDone={() => {
              setEditing(undefined);
              treeRef.current?.focus();
            }}
          />,
        );
      } else {
        out.push(
          <TreeRow
            key={node.path}
            node={node}
            open={node.kind === 'folder' && !collapsed.has(node.path)}
            active={node.path === activePath}
            selected={node.path === selected}
            edited={props.edited.has(node.path)}
            testStatus={props.testStatus.get(node.path)}
            onClick={() => {
              open(node);
              treeRef.current?.focus();
            }}
            onMenu={(x, y) => {
              setSelected(node.path);
              setMenu({ x, y, node });
            }}
            onRename={() => startRename(node)}
            onDelete={() => void remove(node)}
            onNewFile={() => startCreate('file', node.path)}
            readOnly={props.readOnly !== undefined}
          />,
        );
      }
      if (editing?.mode === 'create' && node.kind === 'folder' && editing.parent === node.path) out.push(createRow(node.depth + 1));
    }
    return out;
  };

  return (
    <aside class={`sidebar${props.readOnly ? ' is-read-only' : ''}`} data-testid="file-tree-panel" title={props.readOnly}>
      <div class="sidebar-header">
        <span class="sidebar-title">Files</span>
        <div class="sidebar-actions" hidden={props.readOnly !== undefined}>
          <button class="icon-button" title="New file" aria-label="New file" data-testid="tree-new-file" onClick={() => startCreate('file')}>
            <Icon name="filePlus" />
          </button>
          <button class="icon-button" title="New folder" aria-label="New folder" data-testid="tree-new-folder" onClick={() => startCreate('folder')}>
            <Icon name="folderPlus" />
          </button>
        </div>
      </div>
      <div
        class="tree"
        role="tree"
        tabIndex={0}
        ref={treeRef}
        data-testid="file-tree"
        onKeyDown={onKeyDown}
        onContextMenu={(event) => {
          if (event.target !== event.currentTarget) return;
          event.preventDefault();
          setMenu({ x: event.clientX, y: event.clientY, node: undefined });
        }}
      >
        {renderRows()}
        {files.length === 0 && folders.length === 0 && !editing ? (
          <div class="tree-empty">
            No files yet.
            <button class="link-button" onClick={() => startCreate('file')}>
              Create a file
            </button>
          </div>
        ) : null}
      </div>
      {menu ? <ContextMenu x={menu.x} y={menu.y} items={menuItems(menu.node)} onClose={() => setMenu(undefined)} /> : null}
    </aside>
  );
}

function TreeRow(props: {
  node: FileTreeNode;
  open: boolean;
  active: boolean;
  selected: boolean;
  edited: boolean;
  testStatus: 'passed' | 'failed' | undefined;
  onClick(): void;
  onMenu(x: number, y: number): void;
  onRename(): void;
  onDelete(): void;
  onNewFile(): void;
  readOnly: boolean;
}): JSX.Element {
  const { node } = props;
  const kind = node.kind === 'file' ? fileKind(node.path) : 'folder';
  return (
    <div
      class={`tree-row${props.active ? ' is-active' : ''}${props.selected ? ' is-selected' : ''}`}
      role="treeitem"
      aria-selected={props.selected}
      aria-expanded={node.kind === 'folder' ? props.open : undefined}
      style={{ paddingLeft: `${8 + node.depth * 14}px` }}
      data-testid={`tree-item-${node.path}`}
      data-path={node.path}
      data-kind={node.kind}
      title={node.path}
      onClick={props.onClick}
      onContextMenu={(event) => {
        event.preventDefault();
        props.onMenu(event.clientX, event.clientY);
      }}
    >
      <span class="tree-twisty">{node.kind === 'folder' ? <Icon name={props.open ? 'chevronDown' : 'chevronRight'} size={12} /> : null}</span>
      <span class={`tree-icon kind-${kind}`}>
        {node.kind === 'folder' ? <Icon name={props.open ? 'folderOpen' : 'folder'} size={15} /> : kind === 'test' ? <Icon name="flask" size={15} /> : <FileBadge kind={kind} />}
      </span>
      <span class="tree-name">{node.name}</span>
      {props.testStatus ? (
        <span class={`tree-status status-${props.testStatus}`} title={props.testStatus === 'passed' ? 'Tests passed in the last run' : 'Tests failed in the last run'}>
          <Icon name={props.testStatus === 'passed' ? 'check' : 'cross'} size={12} />
        </span>
      ) : null}
      {props.edited ? <span class="tree-edited" title="Edited since the last run" /> : null}
      <span class="tree-actions" hidden={props.readOnly}>
        {node.kind === 'folder' ? (
          <button
            class="icon-button small"
            title="New file in this folder"
            aria-label="New file in this folder"
            onClick={(e) => {
              e.stopPropagation();
              props.onNewFile();
            }}
          >
            <Icon name="filePlus" size={14} />
          </button>
        ) : null}
        <button
          class="icon-button small"
          title="Rename (F2)"
          aria-label={`Rename ${node.name}`}
          data-testid="tree-rename"
          onClick={(e) => {
            e.stopPropagation();
            props.onRename();
          }}
        >
          <Icon name="pencil" size={14} />
        </button>
        <button
          class="icon-button small danger"
          title="Delete (Del)"
          aria-label={`Delete ${node.name}`}
          data-testid="tree-delete"
          onClick={(e) => {
            e.stopPropagation();
            props.onDelete();
          }}
        >
          <Icon name="trash" size={14} />
        </button>
      </span>
    </div>
  );
}

/** A small typed label instead of a generic page icon: TS, JS, {} and so on. */
function FileBadge({ kind }: { kind: string }): JSX.Element {
  const text = kind === 'ts' ? 'TS' : kind === 'js' ? 'JS' : kind === 'json' ? '{}' : kind === 'md' ? 'M↓' : kind === 'css' ? '#' : '';
  return text ? <span class="file-badge">{text}</span> : <Icon name="file" size={15} />;
}

function InlineInput(props: {
  depth: number;
  kind: 'file' | 'folder';
  initial: string;
  parent: string;
  onCommit(value: string): CommandError;
  onDone(): void;
}): JSX.Element {
  const input = useRef<HTMLInputElement>(null);
  const [value, setValue] = useState(props.initial);
  const [error, setError] = useState<string | undefined>();
  const done = useRef(false);

  // A layout effect, so the box has the focus and its selection in the same commit that shows it:
  // keys typed at once (F2, then the new name) replace the name, not a selection made after them.
  useLayoutEffect(() => {
    const el = input.current;
    if (!el) return;
    el.focus();
    // Select the name without its extension, as file managers do.
    const dot = props.kind === 'file' ? props.initial.lastIndexOf('.') : -1;
    el.setSelectionRange(0, dot > 0 ? dot : props.initial.length);
  }, []);

  const liveProblem = (text: string): string | undefined => {
    const trimmed = normalizePath(text);
    if (trimmed === '') return undefined;
    return pathProblem(props.parent ? `${props.parent}/${trimmed}` : trimmed);
  };

  /** Ends the edit. A refused name keeps the input open with the reason, unless focus left it. */
  const finish = (commit: boolean, stayOnError = true): void => {
    if (done.current) return;
    if (commit && normalizePath(value) !== '' && value !== props.initial) {
      const problem = props.onCommit(value);
      if (problem && stayOnError) {
        setError(problem);
        input.current?.focus();
        return;
      }
    }
    done.current = true;
    props.onDone();
  };

  const shown = error ?? liveProblem(value);
  return (
    <div class="tree-row is-editing" style={{ paddingLeft: `${8 + props.depth * 14}px` }}>
      <span class="tree-twisty" />
      <span class={`tree-icon kind-${props.kind === 'folder' ? 'folder' : fileKind(value)}`}>
        <Icon name={props.kind === 'folder' ? 'folder' : 'file'} size={15} />
      </span>
      <div class="tree-input-wrap">
        <input
          ref={input}
          class={`tree-input${shown ? ' has-error' : ''}`}
          data-testid="tree-input"
          value={value}
          spellcheck={false}
          aria-label={props.initial ? `New name for ${baseName(props.initial)}` : props.kind === 'file' ? 'New file name' : 'New folder name'}
          aria-invalid={shown ? true : undefined}
          placeholder={props.kind === 'file' ? 'name.ts' : 'folder'}
          onInput={(e) => {
            setValue(e.currentTarget.value);
            setError(undefined);
          }}
          onKeyDown={(e) => {
            e.stopPropagation();
            if (e.key !== 'Enter' && e.key !== 'Escape') return;
            // The key ends here: committing a new file moves focus to its editor before this key's
            // input would be delivered, and an Enter must not become the file's first line.
            e.preventDefault();
            finish(e.key === 'Enter');
          }}
          // Leaving the input keeps a valid name and drops an invalid one rather than trapping focus.
          onBlur={() => finish(!liveProblem(value), false)}
        />
        {shown ? (
          <div class="tree-input-error" role="alert" data-testid="tree-input-error">
            {shown}
          </div>
        ) : null}
      </div>
    </div>
  );
}
