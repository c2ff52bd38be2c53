import { applyPatch, type ApplyPatchResult } from './applyPatch.ts';
import { countLineChanges } from './countLineChanges.ts';
import type { FileDiffStat } from './protocol.ts';

/** One line that matched a search. */
export interface SearchMatch {
  path: string;
  /** 1-based. */
  line: number;
  text: string;
}

/** A file the overlay changed, with both texts, for the review. */
export interface StagedChange {
  path: string;
  status: FileDiffStat['status'];
  before: string | undefined;
  after: string | undefined;
}

/**
 * The deep lane's staged files over a snapshot of the workspace: the agent reads, searches and
 * patches the overlay; the workspace itself is untouched until the person reviews `changes()` and
 * applies them. Pure, so the browser runs it over the room's files and tests run it in Node.
 */
export class WorkspaceOverlay {
  private readonly base: ReadonlyMap<string, string>;
  /** Path → new text, or undefined for a file the overlay deletes. */
  private readonly staged = new Map<string, string | undefined>();

  /** `base`: the workspace when the task started (path → text, "/"-separated, no leading slash). */
  constructor(base: Readonly<Record<string, string>>) {
    this.base = new Map(Object.entries(base));
  }

  read(path: string): string | undefined {
    return this.staged.has(path) ? this.staged.get(path) : this.base.get(path);
  }

  /** Every path in the overlay (or under the folder `prefix`), sorted. */
  list(prefix?: string): string[] {
    const folder = prefix === undefined || prefix === '' || prefix === '.' ? '' : prefix.replace(/^\.\//, '').replace(/\/?$/, '/');
    const paths = new Set<string>();
    for (const path of this.base.keys()) if (this.read(path) !== undefined) paths.add(path);
    for (const [path, text] of this.staged) if (text !== undefined) paths.add(path);
    return [...paths].filter((path) => folder === '' || path.startsWith(folder) || path === folder.slice(0, -1)).sort();
  }

  /** The whole overlay as the runtime takes it. */
  files(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const path of this.list()) out[path] = this.read(path) ?? '';
    return out;
  }

  /**
   * Lines containing `query` (or matching it as a regular expression), in path order.
   * Throws a SyntaxError for an invalid regular expression.
   */
  search(query: string, options: { regex?: boolean; path?: string; maxResults?: number } = {}): { matches: SearchMatch[]; more: boolean } {
    const pattern = options.regex ? new RegExp(query) : undefined;
    const max = options.maxResults ?? 100;
    const matches: SearchMatch[] = [];
    for (const path of this.list(options.path)) {
      const lines = (this.read(path) ?? '').split('\n');
      for (let i = 0; i < lines.length; i++) {
        const text = lines[i] ?? '';
        if (!(pattern ? pattern.test(text) : text.includes(query))) continue;
        if (matches.length === max) return { matches, more: true };
        matches.push({ path, line: i + 1, text });
      }
    }
    return { matches, more: false };
  }

  /** Applies a patch (see applyPatch) to the overlay, all or nothing. */
  apply(patch: string): ApplyPatchResult {
    const result = applyPatch(patch, (path) => this.read(path));
    if (result.ok) for (const file of result.files) this.staged.set(file.path, file.text);
    return result;
  }

  /** Files whose text differs from the base, sorted by path. */
  changes(): StagedChange[] {
    const out: StagedChange[] = [];
    for (const [path, after] of [...this.staged].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const before = this.base.get(path);
      if (before === after) continue;
      out.push({ path, before, after, status: before === undefined ? 'added' : after === undefined ? 'deleted' : 'modified' });
    }
    return out;
  }

  /** The aggregated per-file diff against the base: what the `diff` event and the review show. */
  diff(): FileDiffStat[] {
    return this.changes().map(({ path, status, before, after }) => ({ path, status, ...countLineChanges(before ?? '', after ?? '') }));
  }
}
