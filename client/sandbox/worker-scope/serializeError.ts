import { processError } from '@vitest/utils/error';
import { format } from '@vitest/utils/display';
import type { DiffOptions } from '@vitest/utils/diff';
import type { RawError } from '../sandboxProtocol.ts';

const plain = (text: string) => text;

/** Diffs as plain text: the runtime's results never carry ANSI colours. */
const DIFF_OPTIONS: DiffOptions = {
  aColor: plain,
  bColor: plain,
  changeColor: plain,
  commonColor: plain,
  patchColor: plain,
  changeLineTrailingSpaceColor: plain,
  commonLineTrailingSpaceColor: plain,
  truncateAnnotationColor: plain,
};

/**
 * Turns anything thrown into plain data: message, name, stack (blob URLs rewritten by
 * `rewrite`), and for assertion errors the expected/actual values and their diff, rendered by
 * vitest's own diff printer.
 */
export function serializeError(error: unknown, rewrite: (text: string) => string): RawError {
  if (typeof error !== 'object' || error === null) {
    return { message: typeof error === 'string' ? error : format(error) };
  }
  const source = error as { name?: unknown; message?: unknown; stack?: unknown };
  const raw: RawError = {
    message: typeof source.message === 'string' ? source.message : format(error),
  };
  if (typeof source.name === 'string') raw.name = source.name;
  if (typeof source.stack === 'string') raw.stack = rewrite(source.stack);
  // Errors from expect.soft arrive already processed (plain objects with diff/expected/actual).
  const processed = error instanceof Error ? safeProcess(error) : (error as Record<string, unknown>);
  if (typeof processed.diff === 'string' && processed.diff) raw.diff = processed.diff;
  if (typeof processed.expected === 'string') raw.expected = processed.expected;
  if (typeof processed.actual === 'string') raw.actual = processed.actual;
  return raw;
}

function safeProcess(error: Error): Record<string, unknown> {
  try {
    return processError(error, DIFF_OPTIONS) as unknown as Record<string, unknown>;
  } catch {
    return {};
  }
}
