import type { Diagnostic, SourceLocation } from '../../../shared/testReport.ts';
import type { WorkspaceFiles } from '../Runtime.ts';
import type { ContainerError } from './containerRecord.ts';
import { stripAnsi } from '../stripAnsi.ts';
import { workspacePath, workspaceStack } from './workspaceStack.ts';

export interface DiagnosticContext {
  /** Absolute path of the workspace inside the container. */
  root: string;
  /** The workspace, to find the line of a failing import and quote source lines. */
  files?: WorkspaceFiles;
}

/** "path:line:col" as rolldown prints it ("[ src/a.ts:2:25 ]") or esbuild does ("/abs/a.ts:2:6: ERROR: ..."). */
const ROLLDOWN_ERROR = /\[([A-Z_]+)\]\s*(.+)\n[\s\S]*?\[\s*([^\s\]]+?):(\d+):(\d+)\s*\]/;
const ESBUILD_ERROR = /^(.+?):(\d+):(\d+): ERROR: (.+)$/m;
const MISSING_MODULE = [
  /Cannot find (?:module|package) '([^']+)'/,
  /Failed to resolve import "([^"]+)"/,
  /Could not resolve "([^"]+)"/,
];
const IMPORTER = [/imported from (\S+)/, /Require stack:\n- (\S+)/, /Failed to resolve import "[^"]+" from "([^"]+)"/];

/**
 * The build problem behind an error, if it is one: a syntax error (from vite's rolldown or
 * esbuild, as vitest or tsx report it) or a module that cannot be found. Anything else (an
 * error the code threw) is not a build problem: undefined.
 */
export function buildDiagnostic(error: Pick<ContainerError, 'message' | 'name' | 'stack'>, context: DiagnosticContext): Diagnostic | undefined {
  const message = stripAnsi(error.message);

  const rolldown = ROLLDOWN_ERROR.exec(message);
  if (rolldown) {
    const [, code = '', text = '', path = '', line = '1', column = '1'] = rolldown;
    return withLine({ severity: 'error', message: `${text.trim()} [${code}]` }, toFile(path, context), line, column, context);
  }
  const esbuild = ESBUILD_ERROR.exec(message);
  if (esbuild) {
    const [, path = '', line = '1', column = '0', text = ''] = esbuild;
    // esbuild counts columns from 0.
    return withLine({ severity: 'error', message: text.trim() }, toFile(path, context), line, String(Number(column) + 1), context);
  }

  for (const pattern of MISSING_MODULE) {
    const missing = pattern.exec(message);
    if (!missing) continue;
    const specifier = missing[1] ?? '';
    const importer = IMPORTER.map((p) => p.exec(message)?.[1]).find((p) => p !== undefined);
    const file = importer === undefined ? undefined : toFile(importer, context);
    const shown = specifier.startsWith('/') ? (toFile(specifier, context) ?? specifier) : specifier;
    const diagnostic: Diagnostic = {
      severity: 'error',
      message: `Cannot find module '${shown}'${file ? ` imported from ${file}` : ''}`,
    };
    const at = file ? findImport(context.files?.[file], specifier) : undefined;
    return at && file ? withLine(diagnostic, file, String(at.line), String(at.column), context) : diagnostic;
  }

  if (error.name === 'SyntaxError') {
    const location = workspaceStack(error.stack ?? '', context.root).location;
    const diagnostic: Diagnostic = { severity: 'error', message: `SyntaxError: ${message}` };
    return location ? withLine(diagnostic, location.file, String(location.line), String(location.column), context) : diagnostic;
  }
  return undefined;
}

function toFile(path: string, context: DiagnosticContext): string | undefined {
  if (path.startsWith('/') || path.startsWith('file://')) return workspacePath(path, context.root);
  return path.replace(/^\.\//, '');
}

function withLine(diagnostic: Diagnostic, file: string | undefined, line: string, column: string, context: DiagnosticContext): Diagnostic {
  if (file === undefined) return diagnostic;
  const location: SourceLocation = { file, line: Math.max(1, Number(line)), column: Math.max(1, Number(column)) };
  const lineText = context.files?.[file]?.split(/\r?\n/)[location.line - 1];
  return { ...diagnostic, location, ...(lineText === undefined ? {} : { lineText }) };
}

/** Where a module specifier is imported or required in a source file (1-based). */
function findImport(source: string | undefined, specifier: string): { line: number; column: number } | undefined {
  if (source === undefined) return undefined;
  const lines = source.split(/\r?\n/);
  for (let i = 0; i < lines.length; i += 1) {
    const text = lines[i] ?? '';
    for (const quote of ["'", '"', '`']) {
      const at = text.indexOf(`${quote}${specifier}${quote}`);
      if (at !== -1) return { line: i + 1, column: at + 1 };
    }
  }
  return undefined;
}
