import { format } from '@vitest/utils/display';

/**
 * Formats console arguments the way Node's console does: a leading format string takes its
 * %s/%d/%i/%f/%j/%o/%O/%c arguments, strings print raw, errors print their stack, everything else
 * is inspected (`{ a: 1 }`, never "[object Object]"), all joined by spaces.
 */
export function formatConsoleArgs(args: readonly unknown[]): string {
  if (args.length === 0) return '';
  const [first, ...rest] = args;
  if (typeof first === 'string' && first.includes('%') && rest.length > 0) {
    return format(first, ...rest.map((value) => (isError(value) ? errorText(value) : value)));
  }
  return args.map((value) => (typeof value === 'string' ? value : isError(value) ? errorText(value) : format(value))).join(' ');
}

function isError(value: unknown): value is Error {
  return value instanceof Error || (typeof value === 'object' && value !== null && typeof (value as Error).stack === 'string' && typeof (value as Error).message === 'string');
}

function errorText(error: Error): string {
  const stack = typeof error.stack === 'string' && error.stack ? error.stack : `${error.name}: ${error.message}`;
  const cause = (error as { cause?: unknown }).cause;
  if (cause === undefined) return stack;
  return `${stack}\n[cause]: ${isError(cause) ? errorText(cause) : format(cause)}`;
}
