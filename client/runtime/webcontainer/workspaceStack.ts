import type { SourceLocation } from '../../../shared/testReport.ts';
import { TOOLING_DIR } from './toolingFiles.ts';

export interface WorkspaceStack {
  /** The header (error name and message) followed by the frames that point into the workspace, paths made relative. */
  stack: string;
  /** The innermost frame in a workspace file: where the error happened. */
  location?: SourceLocation;
}

const AT = /^\s*at /;
const FRAME = /^\s*at (?:(.*?) \()?((?:file:\/\/)?\/[^()]*?):(\d+):(\d+)\)?\s*$/;

/** A workspace-relative path for an absolute path or file URL under root; undefined for anything else. */
export function workspacePath(pathOrUrl: string, root: string): string | undefined {
  let path = pathOrUrl;
  if (path.startsWith('file://')) {
    try {
      path = decodeURIComponent(new URL(path).pathname);
    } catch {
      return undefined;
    }
  }
  const base = root.endsWith('/') ? root : `${root}/`;
  if (!path.startsWith(base)) return undefined;
  const relative = path.slice(base.length);
  if (/(?:^|\/)node_modules\//.test(relative) || relative.startsWith(`${TOOLING_DIR}/`)) return undefined;
  return relative;
}

/**
 * Keeps what a person needs from a Node stack: the message and the frames in their own files
 * (vitest's, vite's and Node's frames removed), with paths relative to the workspace. The stack
 * is already mapped to the TypeScript source by vitest or tsx.
 */
export function workspaceStack(stack: string, root: string): WorkspaceStack {
  const lines = stack.split(/\r?\n/);
  const header: string[] = [];
  const frames: string[] = [];
  let location: SourceLocation | undefined;
  let inFrames = false;
  for (const line of lines) {
    if (!AT.test(line)) {
      if (!inFrames) header.push(line);
      continue;
    }
    inFrames = true;
    const match = FRAME.exec(line);
    if (!match) continue;
    const [, fn, path = '', lineNo = '0', column = '0'] = match;
    const file = workspacePath(path, root);
    if (file === undefined) continue;
    const where = `${file}:${lineNo}:${column}`;
    frames.push(fn ? `    at ${fn} (${where})` : `    at ${where}`);
    location ??= { file, line: Number(lineNo), column: Number(column) };
  }
  const result: WorkspaceStack = { stack: [...header, ...frames].join('\n') };
  if (location) result.location = location;
  return result;
}
