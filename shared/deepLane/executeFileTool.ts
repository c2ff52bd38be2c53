import { boundToolOutput } from './boundToolOutput.ts';
import type { DeepToolOutcome } from './DeepToolOutcome.ts';
import type { DeepToolCall } from './protocol.ts';
import type { WorkspaceOverlay } from './WorkspaceOverlay.ts';

/** The tools that work on files alone; run_tests and run_program go to the runtime. */
export type FileToolCall = Extract<DeepToolCall, { name: 'list_files' | 'read_file' | 'search' | 'apply_patch' }>;

export function isFileToolCall(call: DeepToolCall): call is FileToolCall {
  return call.name === 'list_files' || call.name === 'read_file' || call.name === 'search' || call.name === 'apply_patch';
}

/**
 * Runs one file tool against the overlay, as the client that started a deep task does for the
 * server's `tool-call` events. Never throws: every problem is an outcome the model reads.
 */
export function executeFileTool(overlay: WorkspaceOverlay, call: FileToolCall): DeepToolOutcome {
  switch (call.name) {
    case 'list_files': {
      const paths = overlay.list(call.arguments.path);
      if (paths.length === 0) return { ok: true, output: call.arguments.path === undefined ? '(the workspace is empty)' : `(no files under ${call.arguments.path})` };
      return { ok: true, ...boundToolOutput(paths.join('\n')) };
    }
    case 'read_file': {
      const { path, startLine, endLine } = call.arguments;
      const text = overlay.read(path);
      if (text === undefined) return { ok: false, failure: 'not-found', output: `${path}: no such file. list_files shows what exists.` };
      if (startLine === undefined && endLine === undefined) return { ok: true, ...boundToolOutput(text) };
      const lines = text.split('\n');
      const from = startLine ?? 1;
      const to = Math.min(endLine ?? lines.length, lines.length);
      if (from > to) return { ok: false, failure: 'failed', output: `${path} has ${lines.length} lines; lines ${from}–${endLine ?? lines.length} are not in it.` };
      return { ok: true, ...boundToolOutput(`[${path}, lines ${from}–${to} of ${lines.length}]\n${lines.slice(from - 1, to).join('\n')}`) };
    }
    case 'search': {
      const { query, regex, path, maxResults } = call.arguments;
      let found;
      try {
        found = overlay.search(query, { ...(regex === undefined ? {} : { regex }), ...(path === undefined ? {} : { path }), ...(maxResults === undefined ? {} : { maxResults }) });
      } catch (error) {
        return { ok: false, failure: 'failed', output: `Not a valid regular expression: ${error instanceof Error ? error.message : String(error)}` };
      }
      if (found.matches.length === 0) return { ok: true, output: `No lines match ${JSON.stringify(query)}${path === undefined ? '' : ` under ${path}`}.` };
      const lines = found.matches.map((match) => `${match.path}:${match.line}: ${match.text}`);
      if (found.more) lines.push(`… more matches not shown (limit ${maxResults ?? 100}); narrow the search.`);
      return { ok: true, ...boundToolOutput(lines.join('\n')) };
    }
    case 'apply_patch': {
      const result = overlay.apply(call.arguments.patch);
      if (!result.ok) return { ok: false, failure: 'patch-rejected', output: result.message, diff: overlay.diff() };
      const summary = result.files.map((file) => `${file.change} ${file.path}`).join('\n');
      return { ok: true, output: `Patch applied (staged for review):\n${summary}`, diff: overlay.diff() };
    }
  }
}
