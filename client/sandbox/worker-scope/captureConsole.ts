import type { OutputChunk } from '../../../shared/testReport.ts';
import { formatConsoleArgs } from '../formatConsoleArgs.ts';
import { format } from '@vitest/utils/display';

type Write = (stream: OutputChunk['stream'], text: string) => void;

/**
 * Replaces the worker's console so user output becomes the run's output: log/info/debug (and
 * dir, table, count, time…) on stdout, warn/error/trace/assert on stderr, each call one line.
 * `rewrite` turns blob URLs in printed stacks into bundle positions the runtime can map.
 */
export function captureConsole(target: Console, write: Write, rewrite: (text: string) => string, now: () => number): void {
  let indent = '';
  const counts = new Map<string, number>();
  const timers = new Map<string, number>();
  const line = (stream: OutputChunk['stream'], text: string) => {
    const indented = indent ? text.replace(/^/gm, indent) : text;
    write(stream, `${rewrite(indented)}\n`);
  };
  const out = (...args: unknown[]) => line('stdout', formatConsoleArgs(args));
  const err = (...args: unknown[]) => line('stderr', formatConsoleArgs(args));

  const replacements: Partial<Record<keyof Console, (...args: never[]) => void>> = {
    log: out,
    info: out,
    debug: out,
    warn: err,
    error: err,
    dir: (value: unknown) => line('stdout', format(value)),
    dirxml: out,
    trace: (...args: unknown[]) => {
      const stack = (new Error().stack ?? '').split('\n').slice(2).join('\n');
      line('stderr', `Trace${args.length ? `: ${formatConsoleArgs(args)}` : ''}\n${stack}`);
    },
    assert: (condition: unknown, ...args: unknown[]) => {
      if (!condition) line('stderr', `Assertion failed${args.length ? `: ${formatConsoleArgs(args)}` : ''}`);
    },
    group: (...args: unknown[]) => {
      if (args.length) out(...args);
      indent += '  ';
    },
    groupCollapsed: (...args: unknown[]) => {
      if (args.length) out(...args);
      indent += '  ';
    },
    groupEnd: () => {
      indent = indent.slice(2);
    },
    count: (label: unknown = 'default') => {
      const key = String(label);
      const n = (counts.get(key) ?? 0) + 1;
      counts.set(key, n);
      line('stdout', `${key}: ${n}`);
    },
    countReset: (label: unknown = 'default') => {
      counts.delete(String(label));
    },
    time: (label: unknown = 'default') => {
      timers.set(String(label), now());
    },
    timeLog: (label: unknown = 'default', ...args: unknown[]) => {
      const start = timers.get(String(label));
      if (start === undefined) line('stderr', `Warning: No such label '${String(label)}' for console.timeLog()`);
      else line('stdout', `${String(label)}: ${formatMs(now() - start)}${args.length ? ` ${formatConsoleArgs(args)}` : ''}`);
    },
    timeEnd: (label: unknown = 'default') => {
      const key = String(label);
      const start = timers.get(key);
      if (start === undefined) line('stderr', `Warning: No such label '${key}' for console.timeEnd()`);
      else {
        timers.delete(key);
        line('stdout', `${key}: ${formatMs(now() - start)}`);
      }
    },
    table: (data: unknown) => line('stdout', renderTable(data)),
  };
  for (const [name, fn] of Object.entries(replacements)) {
    Object.defineProperty(target, name, { value: fn, writable: true, configurable: true });
  }
}

function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(3)}s` : `${ms.toFixed(3)}ms`;
}

/** console.table as Node draws it, for arrays and objects of rows; anything else is just printed. */
export function renderTable(data: unknown): string {
  if (typeof data !== 'object' || data === null) return format(data);
  const rows = Object.entries(data as Record<string, unknown>);
  const columns: string[] = [];
  let hasValues = false;
  for (const [, row] of rows) {
    if (typeof row === 'object' && row !== null) {
      for (const key of Object.keys(row)) if (!columns.includes(key)) columns.push(key);
    } else hasValues = true;
  }
  const header = ['(index)', ...columns, ...(hasValues ? ['Values'] : [])];
  const cell = (value: unknown) => (value === undefined ? '' : typeof value === 'string' ? `'${value}'` : format(value));
  const body = rows.map(([index, row]) => {
    const isObject = typeof row === 'object' && row !== null;
    const cells = columns.map((column) => (isObject ? cell((row as Record<string, unknown>)[column]) : ''));
    return [index, ...cells, ...(hasValues ? [isObject ? '' : cell(row)] : [])];
  });
  const widths = header.map((title, i) => Math.max(title.length, ...body.map((r) => (r[i] ?? '').length)) + 2);
  const pad = (text: string, width: number) => {
    const left = Math.floor((width - text.length) / 2);
    return ' '.repeat(left) + text + ' '.repeat(width - text.length - left);
  };
  const rule = (l: string, m: string, r: string) => l + widths.map((w) => '─'.repeat(w)).join(m) + r;
  const rowText = (cells: string[]) => `│${cells.map((c, i) => pad(c, widths[i] ?? 0)).join('│')}│`;
  return [rule('┌', '┬', '┐'), rowText(header), rule('├', '┼', '┤'), ...body.map(rowText), rule('└', '┴', '┘')].join('\n');
}
