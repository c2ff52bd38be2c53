import type { BuildOptions, BuildResult, Message, TsconfigRaw } from 'esbuild-wasm';
import type { Diagnostic } from '../../../shared/testReport.ts';
import type { WorkspaceFiles } from '../Runtime.ts';
import { isMissingModuleDetail, RUNNER_NAMESPACE, WORKSPACE_NAMESPACE, workspacePlugin } from './workspacePlugin.ts';
import { missingModuleMessage } from './resolveWorkspaceImport.ts';

/** One entry bundled into one ES module, with its source map kept beside it (never inlined). */
export interface BuiltBundle {
  entry: string;
  code: string;
  /** Source map JSON; sources are "workspace:<path>" for workspace files. */
  map: string;
  /** The workspace files it was built from (what a cached copy depends on). */
  inputs: string[];
  /** Warnings about those files. */
  warnings: Diagnostic[];
}

export interface WorkspaceBuild {
  bundles: BuiltBundle[];
  /** Entries that did not build, each with its own errors; the others still run. */
  failed: { entry: string; diagnostics: Diagnostic[] }[];
  /** Every error and warning, once each. */
  diagnostics: Diagnostic[];
  durationMs: number;
}

/** esbuild's `build`, from esbuild-wasm in the browser or in Node (tests). */
export type BuildFunction = (options: BuildOptions & { write: false }) => Promise<BuildResult<BuildOptions & { write: false }>>;

/**
 * Bundles each entry (a program, or each test file) into its own ES module. All entries go
 * through one esbuild call; only when that fails are they built one by one, so a syntax error in
 * one test file fails that file alone.
 */
export async function bundleWorkspace(build: BuildFunction, files: WorkspaceFiles, entries: readonly string[]): Promise<WorkspaceBuild> {
  const startedAt = performance.now();
  const tsconfig = readTsconfig(files);
  const together = await buildEntries(build, files, entries, tsconfig.options);
  if (together.ok || entries.length === 1) {
    const result: WorkspaceBuild = together.ok
      ? { bundles: together.bundles, failed: [], diagnostics: together.diagnostics, durationMs: 0 }
      : { bundles: [], failed: [{ entry: entries[0] ?? '', diagnostics: errorsOf(together.diagnostics) }], diagnostics: together.diagnostics, durationMs: 0 };
    if (tsconfig.warning) result.diagnostics.push(tsconfig.warning);
    result.durationMs = performance.now() - startedAt;
    return result;
  }
  const separately = await Promise.all(entries.map((entry) => buildEntries(build, files, [entry], tsconfig.options)));
  const bundles: BuiltBundle[] = [];
  const failed: WorkspaceBuild['failed'] = [];
  const diagnostics: Diagnostic[] = [];
  separately.forEach((outcome, index) => {
    for (const diagnostic of outcome.diagnostics) addOnce(diagnostics, diagnostic);
    if (outcome.ok) bundles.push(...outcome.bundles);
    else failed.push({ entry: entries[index] ?? '', diagnostics: errorsOf(outcome.diagnostics) });
  });
  if (tsconfig.warning) diagnostics.push(tsconfig.warning);
  return { bundles, failed, diagnostics, durationMs: performance.now() - startedAt };
}

/** esbuild's options for bundling `entries` of the workspace, each into its own ES module. */
function esbuildOptions(files: WorkspaceFiles, entries: readonly string[], tsconfig: TsconfigRaw | undefined): BuildOptions & { write: false } {
  return {
    entryPoints: entries.map((entry, index) => ({ in: entry, out: `e${index}` })),
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    // The same paths in the browser and in Node (tests): metafile keys are relative to it.
    absWorkingDir: '/',
    outdir: '/out',
    sourcemap: 'external',
    sourcesContent: false,
    charset: 'utf8',
    logLevel: 'silent',
    tsconfigRaw: tsconfig ?? {},
    metafile: true,
    plugins: [workspacePlugin(files)],
  };
}

type Outcome = { ok: true; bundles: BuiltBundle[]; diagnostics: Diagnostic[] } | { ok: false; diagnostics: Diagnostic[] };

async function buildEntries(build: BuildFunction, files: WorkspaceFiles, entries: readonly string[], tsconfig: TsconfigRaw | undefined): Promise<Outcome> {
  try {
    const result = await build(esbuildOptions(files, entries, tsconfig));
    const byName = new Map(result.outputFiles.map((file) => [file.path, file.text]));
    const warnings = result.warnings.map((m) => toDiagnostic(m, 'warning'));
    const prefix = `${WORKSPACE_NAMESPACE}:`;
    const bundles = entries.map((entry, index): BuiltBundle => {
      const output = result.metafile?.outputs[`out/e${index}.js`];
      const inputs = Object.keys(output?.inputs ?? {})
        .filter((input) => input.startsWith(prefix))
        .map((input) => input.slice(prefix.length));
      return {
        entry,
        // The map lives in memory with the runtime; a sourceMappingURL pointing at nothing only confuses devtools.
        code: (byName.get(`/out/e${index}.js`) ?? '').replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n'),
        map: byName.get(`/out/e${index}.js.map`) ?? '{"version":3,"sources":[],"mappings":""}',
        inputs,
        warnings: warnings.filter((w) => !w.location || inputs.includes(w.location.file)),
      };
    });
    return { ok: true, bundles, diagnostics: warnings };
  } catch (error) {
    const failure = error as { errors?: Message[]; warnings?: Message[] };
    if (!Array.isArray(failure.errors)) throw error;
    const diagnostics: Diagnostic[] = [];
    for (const m of failure.errors) addOnce(diagnostics, toDiagnostic(m, 'error'));
    for (const m of failure.warnings ?? []) addOnce(diagnostics, toDiagnostic(m, 'warning'));
    return { ok: false, diagnostics };
  }
}

/** An esbuild message as a Diagnostic: 1-based line and column, the line's text, a message that names the import. */
function toDiagnostic(message: Message, severity: Diagnostic['severity']): Diagnostic {
  const location = message.location && message.location.namespace !== RUNNER_NAMESPACE ? message.location : null;
  let text = message.text;
  if (isMissingModuleDetail(message.detail)) {
    const importedFrom = location ? `${fileOf(location)}:${location.line}` : message.detail.importer;
    text = missingModuleMessage(message.detail.missing, importedFrom);
  }
  const diagnostic: Diagnostic = { severity, message: text };
  if (location) {
    diagnostic.location = { file: fileOf(location), line: Math.max(1, location.line), column: location.column + 1 };
    if (location.lineText) diagnostic.lineText = location.lineText;
  }
  return diagnostic;
}

/** esbuild prefixes a plugin namespace to the file ("workspace:src/a.ts"); people know "src/a.ts". */
function fileOf(location: { file: string; namespace: string }): string {
  const prefix = `${location.namespace || WORKSPACE_NAMESPACE}:`;
  return location.file.startsWith(prefix) ? location.file.slice(prefix.length) : location.file;
}

function errorsOf(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.filter((d) => d.severity === 'error');
}

function addOnce(list: Diagnostic[], diagnostic: Diagnostic): void {
  const key = JSON.stringify(diagnostic);
  if (!list.some((d) => JSON.stringify(d) === key)) list.push(diagnostic);
}

/**
 * The compiler options of the workspace's tsconfig.json (esbuild honours the few that change
 * emitted code: decorators, JSX, class fields). A tsconfig that does not parse is reported as a
 * warning and ignored, so it never stops a run.
 */
export function readTsconfig(files: WorkspaceFiles): { options?: TsconfigRaw; warning?: Diagnostic } {
  const raw = files['tsconfig.json'];
  if (raw === undefined) return {};
  try {
    const parsed: unknown = JSON.parse(stripJsonComments(raw).replace(/,(\s*[}\]])/g, '$1'));
    const compilerOptions = typeof parsed === 'object' && parsed !== null ? (parsed as { compilerOptions?: unknown }).compilerOptions : undefined;
    return typeof compilerOptions === 'object' && compilerOptions !== null ? { options: { compilerOptions } as TsconfigRaw } : {};
  } catch (error) {
    return {
      warning: {
        severity: 'warning',
        message: `tsconfig.json was ignored: ${(error as Error).message}`,
        location: { file: 'tsconfig.json', line: 1, column: 1 },
      },
    };
  }
}

/** Removes line and block comments outside strings (tsconfig.json is JSON with comments). */
function stripJsonComments(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"') {
      const end = endOfString(text, i);
      out += text.slice(i, end);
      i = end;
    } else if (ch === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i += 1;
    } else if (ch === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      i = close === -1 ? text.length : close + 2;
    } else {
      out += ch;
      i += 1;
    }
  }
  return out;
}

function endOfString(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
  return Math.min(text.length, i + 1);
}
