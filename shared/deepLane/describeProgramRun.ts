import type { OutputChunk, ProgramResult } from '../testReport.ts';
import { boundToolOutput } from './boundToolOutput.ts';
import type { DeepToolOutcome } from './DeepToolOutcome.ts';

/** A program run as the model reads it (run_program's outcome): how it ended, its build problems, its error and its console. */
export function describeProgramRun(entry: string, result: ProgramResult, output: readonly OutputChunk[]): DeepToolOutcome {
  const lines = [`${entry}: ${result.status} (${Math.round(result.durationMs)} ms).`];
  for (const diagnostic of result.diagnostics) {
    const where = diagnostic.location ? `${diagnostic.location.file}:${diagnostic.location.line}:${diagnostic.location.column}: ` : '';
    lines.push(`${diagnostic.severity}: ${where}${diagnostic.message}`);
  }
  if (result.error) lines.push(`Uncaught: ${result.error.message}${result.error.stack ? `\n${result.error.stack}` : ''}`);
  const console = output.map((chunk) => (chunk.stream === 'stdout' ? chunk.text : `[${chunk.stream}] ${chunk.text}`)).join('');
  if (console !== '') lines.push('--- console ---', console);
  const ok = result.status === 'ok';
  return { ok, ...(ok ? {} : { failure: result.status === 'timeout' ? ('timeout' as const) : ('failed' as const) }), ...boundToolOutput(lines.join('\n')) };
}
