import type { WorkspaceFiles } from '../Runtime.ts';

/** Module names that resolve to the built-in test runner instead of a workspace file. */
const RUNNER_MODULES = ['vitest', '@jest/globals'] as const;
type RunnerModule = (typeof RUNNER_MODULES)[number];

/** Extensions tried, in order, for an import written without one (as TypeScript and Vite do). */
const RESOLVE_EXTENSIONS = ['.ts', '.tsx', '.js', '.jsx', '.mjs', '.mts', '.cjs', '.cts', '.json'] as const;

export type ResolvedImport =
  | { kind: 'file'; path: string }
  | { kind: 'runner'; module: RunnerModule }
  /** `bare` is true for a package name ("lodash"), false for a path that matched no file. */
  | { kind: 'missing'; specifier: string; bare: boolean; tried: string[] };

/**
 * Resolves an import against the workspace, the only place modules come from offline.
 * Relative ("./a", "../b") and root-absolute ("/src/a") specifiers name workspace files, with
 * extension guessing (".ts", ".tsx", ".js", … then "/index.*"); a ".js" written for a ".ts" file
 * (the TypeScript ESM convention) finds the ".ts". Bare names are packages: only the test runner's
 * own ("vitest", "@jest/globals") exist.
 */
export function resolveWorkspaceImport(specifier: string, importer: string, files: WorkspaceFiles): ResolvedImport {
  const runner = RUNNER_MODULES.find((name) => name === specifier);
  if (runner) return { kind: 'runner', module: runner };
  const isRelative = specifier === '.' || specifier === '..' || specifier.startsWith('./') || specifier.startsWith('../');
  if (!isRelative && !specifier.startsWith('/')) return { kind: 'missing', specifier, bare: true, tried: [] };

  const base = isRelative ? joinPath(dirname(importer), specifier) : normalizePath(specifier.slice(1));
  if (base === undefined) return { kind: 'missing', specifier, bare: false, tried: [] };
  const tried = candidates(base);
  const found = tried.find((path) => Object.hasOwn(files, path));
  return found === undefined ? { kind: 'missing', specifier, bare: false, tried } : { kind: 'file', path: found };
}

/** The clear, single-line message for an import that cannot be satisfied offline. */
export function missingModuleMessage(missing: Extract<ResolvedImport, { kind: 'missing' }>, importedFrom: string): string {
  if (missing.bare) {
    return `Cannot find module '${missing.specifier}' imported from ${importedFrom} — only workspace files can be imported offline`;
  }
  const shown = missing.tried.slice(0, 4).join(', ');
  const looked = shown ? ` (looked for ${shown}${missing.tried.length > 4 ? ', …' : ''})` : '';
  return `Cannot find module '${missing.specifier}' imported from ${importedFrom}: no such file in the workspace${looked}`;
}

function candidates(base: string): string[] {
  const list: string[] = [];
  const add = (path: string) => {
    if (path && !list.includes(path)) list.push(path);
  };
  add(base);
  // "./a.js" written in TypeScript source usually means "./a.ts" (NodeNext-style imports).
  const swapped = /\.(m|c)?jsx?$/.exec(base);
  if (swapped) {
    const stem = base.slice(0, swapped.index);
    const flavour = swapped[1] ?? '';
    add(`${stem}.${flavour}ts`);
    if (!flavour) add(`${stem}.tsx`);
  }
  for (const ext of RESOLVE_EXTENSIONS) add(`${base}${ext}`);
  for (const ext of RESOLVE_EXTENSIONS) add(`${base === '' ? '' : `${base}/`}index${ext}`);
  return list;
}

/** The folder part of a workspace path ("" for a file at the root). */
function dirname(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? '' : path.slice(0, slash);
}

/** Joins and normalizes; undefined when ".." climbs above the workspace root. */
function joinPath(dir: string, relative: string): string | undefined {
  return normalizePath(dir ? `${dir}/${relative}` : relative);
}

function normalizePath(path: string): string | undefined {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length === 0) return undefined;
      out.pop();
    } else {
      out.push(part);
    }
  }
  return out.join('/');
}
