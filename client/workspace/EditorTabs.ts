import { Store } from '../ui/Store.ts';
import { isInside } from '../../shared/workspaceDoc.ts';

/** The open tabs, in order, and which is active. UI state: local to this browser, not shared. */
export interface TabsState {
  open: readonly string[];
  active: string | undefined;
}

const STORAGE_KEY = 'pairlane.tabs.v1';

function load(storage: Storage | undefined, key: string): TabsState {
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(key) ?? 'null');
    if (parsed && typeof parsed === 'object' && 'open' in parsed && Array.isArray(parsed.open)) {
      const open = parsed.open.filter((p): p is string => typeof p === 'string');
      const active = 'active' in parsed && typeof parsed.active === 'string' && open.includes(parsed.active) ? parsed.active : open[0];
      return { open, active };
    }
  } catch {
    // A damaged entry only costs the open tabs; start fresh.
  }
  return { open: [], active: undefined };
}

/**
 * Open tabs and the active file, persisted (localStorage for the local workspace, this tab's
 * sessionStorage for a room) so a reload restores them.
 * Renames and deletes in the workspace are mirrored here by the caller (`renamed`, `retain`).
 */
export class EditorTabs {
  readonly state: Store<TabsState>;

  /** `key` names the entry, so a room's tabs are kept apart from the local workspace's. */
  constructor(
    private readonly storage: Storage | undefined = globalThis.localStorage,
    private readonly key: string = STORAGE_KEY,
  ) {
    this.state = new Store(load(storage, key));
    this.state.subscribe((state) => {
      try {
        this.storage?.setItem(this.key, JSON.stringify(state));
      } catch {
        // Storage full or disabled: tabs simply will not survive a reload.
      }
    });
  }

  /** Opens `path` (after the active tab) and makes it active. */
  open(path: string): void {
    this.state.set(({ open, active }) => {
      if (open.includes(path)) return { open, active: path };
      const at = active === undefined ? open.length : open.indexOf(active) + 1;
      return { open: [...open.slice(0, at), path, ...open.slice(at)], active: path };
    });
  }

  /** Replaces all tabs, e.g. after a template was applied. */
  reset(open: readonly string[], active = open[open.length - 1]): void {
    this.state.set({ open: [...open], active });
  }

  /** Closes `path`; the neighbour to its right (or left) becomes active. */
  close(path: string): void {
    this.state.set(({ open, active }) => {
      const index = open.indexOf(path);
      if (index === -1) return { open, active };
      const rest = open.filter((p) => p !== path);
      const next = active === path ? (rest[index] ?? rest[index - 1]) : active;
      return { open: rest, active: next };
    });
  }

  /** Follows a rename of a file or folder: tabs under the old path move to the new one. */
  renamed(from: string, to: string): void {
    const move = (p: string): string => (p === from ? to : isInside(p, from) ? to + p.slice(from.length) : p);
    this.state.set(({ open, active }) => ({ open: open.map(move), active: active === undefined ? undefined : move(active) }));
  }

  /** Closes tabs whose files no longer exist. */
  retain(exists: (path: string) => boolean): void {
    const { open, active } = this.state.get();
    if (open.every(exists) && (active === undefined || exists(active))) return;
    for (const path of open) if (!exists(path)) this.close(path);
    this.state.set((s) => (s.active !== undefined && !exists(s.active) ? { ...s, active: s.open[0] } : s));
  }
}
