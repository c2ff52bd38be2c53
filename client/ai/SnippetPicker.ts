import type { FileSnippet } from '../../shared/clientMessage.ts';
import { importsOf } from './importsOf.ts';
import { resolveImport } from './resolveImport.ts';

/** The workspace's files as the picker reads them (in the app: the Monaco models). */
export interface SnippetSource {
  /** Every workspace file. */
  paths(): readonly string[];
  /** Changes whenever the file's text does (Monaco's version id), for caching its imports. */
  version(path: string): number | undefined;
  /** The first `maxChars` characters of the file ('' when it does not exist). */
  head(path: string, maxChars: number): string;
}

export interface SnippetLimits {
  readonly maxCount: number;
  /** Characters of one snippet (the head of its file). */
  readonly maxChars: number;
  /** Characters of all snippets together. */
  readonly totalChars: number;
  /** Characters of a file scanned for its imports (imports sit at the top). */
  readonly scanChars: number;
  /** Time the picking may take; past it, what was found so far is sent. */
  readonly budgetMs: number;
  /** Recently viewed files remembered. */
  readonly recentCount: number;
}

/** Matches what the relay's prompt keeps for the fast lane (4 snippets, 3,000 characters): more would only travel. */
export const SNIPPET_LIMITS: SnippetLimits = { maxCount: 4, maxChars: 1_500, totalChars: 3_000, scanChars: 4_000, budgetMs: 4, recentCount: 12 };

const SOURCE = /\.(?:[cm]?[jt]sx?|json)$/;

/**
 * Chooses which other files go with a suggestion request, within a few milliseconds: the files
 * the current one imports, then the files that import it, then the others recently viewed; in
 * each group the most recently viewed first. Import lists are cached per file version, so a
 * keystroke in one file rescans only that file.
 */
export class SnippetPicker {
  private readonly recent: string[] = [];
  private readonly importCache = new Map<string, { version: number | undefined; fileCount: number; imports: readonly string[] }>();

  constructor(
    private readonly source: SnippetSource,
    private readonly now: () => number,
    private readonly limits: SnippetLimits = SNIPPET_LIMITS,
  ) {}

  /** Remembers that `path` was looked at (opened in the editor). */
  noteViewed(path: string): void {
    const at = this.recent.indexOf(path);
    if (at !== -1) this.recent.splice(at, 1);
    this.recent.unshift(path);
    if (this.recent.length > this.limits.recentCount) this.recent.length = this.limits.recentCount;
  }

  /** The snippets for a request in `path`, best first. */
  pick(path: string): FileSnippet[] {
    const deadline = this.now() + this.limits.budgetMs;
    const all = this.source.paths();
    const known = new Set(all);
    const exists = (p: string): boolean => known.has(p);
    const recency = (p: string): number => {
      const at = this.recent.indexOf(p);
      return at === -1 ? this.recent.length : at;
    };

    const fileCount = all.length;
    const imported = this.importsOfFile(path, exists, fileCount).filter((p) => p !== path);
    const importers: string[] = [];
    // Recently viewed files are scanned first, so a tight budget still finds the likely ones.
    const scanOrder = all.filter((p) => p !== path && SOURCE.test(p)).sort((a, b) => recency(a) - recency(b));
    for (const other of scanOrder) {
      if (this.now() > deadline) break;
      if (this.importsOfFile(other, exists, fileCount).includes(path)) importers.push(other);
    }
    const recentOthers = this.recent.filter((p) => p !== path && known.has(p));

    const byRecency = (list: readonly string[]): string[] => [...list].sort((a, b) => recency(a) - recency(b));
    const ordered = [...new Set([...byRecency(imported), ...byRecency(importers), ...recentOthers])];

    const snippets: FileSnippet[] = [];
    let total = 0;
    for (const candidate of ordered) {
      if (snippets.length >= this.limits.maxCount || total >= this.limits.totalChars) break;
      if (snippets.length > 0 && this.now() > deadline) break;
      const text = this.source.head(candidate, Math.min(this.limits.maxChars, this.limits.totalChars - total));
      if (text.trim() === '') continue;
      snippets.push({ path: candidate, text });
      total += text.length;
    }
    return snippets;
  }

  /** The workspace files `path` imports; cached until the file changes or files are added or removed. */
  private importsOfFile(path: string, exists: (path: string) => boolean, fileCount: number): readonly string[] {
    if (!SOURCE.test(path)) return [];
    const version = this.source.version(path);
    const cached = this.importCache.get(path);
    if (cached && cached.version === version && cached.fileCount === fileCount) return cached.imports;
    const imports = importsOf(this.source.head(path, this.limits.scanChars))
      .map((specifier) => resolveImport(path, specifier, exists))
      .filter((p): p is string => p !== undefined);
    this.importCache.set(path, { version, fileCount, imports });
    return imports;
  }
}
