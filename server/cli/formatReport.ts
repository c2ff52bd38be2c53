import type { OutputChunk, SourceLocation, TestCaseResult, TestError, TestReport } from '../../shared/testReport.ts';

export interface FormatOptions {
  /** ANSI colours (a terminal that wants them). */
  color: boolean;
  /** Console output of the run, shown before the results when there is some. */
  output?: readonly OutputChunk[];
  /** Lines of console output shown at most (the last ones). */
  maxOutputLines?: number;
}

type Paint = (text: string) => string;

function palette(color: boolean): Record<'green' | 'red' | 'yellow' | 'dim' | 'bold', Paint> {
  const wrap = (open: number, close: number): Paint => (color ? (t) => `\u001b[${open}m${t}\u001b[${close}m` : (t) => t);
  return { green: wrap(32, 39), red: wrap(31, 39), yellow: wrap(33, 39), dim: wrap(2, 22), bold: wrap(1, 22) };
}

function where(location: SourceLocation): string {
  return `${location.file}:${location.line}:${location.column}`;
}

function ms(value: number): string {
  return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${Math.round(value)} ms`;
}

function indent(text: string, by: string): string {
  return text
    .split('\n')
    .map((line) => (line ? by + line : line))
    .join('\n');
}

const STATUS_LINE: Partial<Record<TestReport['status'], string>> = {
  'build-error': 'Some files did not build.',
  timeout: 'The run passed its time limit and was stopped.',
  stopped: 'The run was stopped.',
};

/**
 * A test report as a person reads it in a terminal: one line per file (✓ passed, ✗ failed,
 * ↓ skipped), every test of a failed file, then each failure with its message, diff and
 * `file:line:col`, build errors with the offending line, and the summary
 * `N passed, N failed, N skipped` on a line of its own.
 */
export function formatReport(report: TestReport, options: FormatOptions): string {
  const c = palette(options.color);
  const out: string[] = [];

  const logged = (options.output ?? []).filter((chunk) => chunk.text.length > 0);
  if (logged.length > 0) {
    const lines = logged
      .map((chunk) => (chunk.stream === 'stderr' ? c.yellow(chunk.text) : chunk.stream === 'system' ? c.dim(chunk.text) : chunk.text))
      .join('')
      .replace(/\n$/, '')
      .split('\n');
    const max = options.maxOutputLines ?? 200;
    out.push(c.dim('Console output:'));
    if (lines.length > max) out.push(c.dim(`  … ${lines.length - max} earlier lines not shown`));
    out.push(...lines.slice(-max).map((line) => `  ${line}`), '');
  }

  const mark = (status: TestCaseResult['status'] | 'passed' | 'failed' | 'skipped'): string =>
    status === 'passed' ? c.green('✓') : status === 'failed' ? c.red('✗') : c.yellow('↓');

  for (const file of report.files) {
    const failedCount = file.tests.filter((t) => t.status === 'failed').length;
    const tally = `${file.tests.length} test${file.tests.length === 1 ? '' : 's'}${failedCount ? ` | ${failedCount} failed` : ''}`;
    out.push(` ${mark(file.status)} ${file.file} ${c.dim(`(${tally}) ${ms(file.durationMs)}`)}`);
    if (file.status !== 'failed') continue;
    if (file.error) out.push(`     ${c.red('✗')} ${c.red('file failed:')} ${file.error.message.split('\n')[0] ?? ''}`);
    for (const test of file.tests) {
      const todo = test.status === 'todo' ? c.dim(' [todo]') : '';
      const time = test.status === 'passed' || test.status === 'failed' ? ` ${c.dim(ms(test.durationMs))}` : '';
      out.push(`     ${mark(test.status)} ${test.fullName}${todo}${time}`);
    }
  }

  const failures: { title: string; error: TestError }[] = [];
  for (const file of report.files) {
    if (file.error) failures.push({ title: `${file.file} ${c.dim('(file)')}`, error: file.error });
    for (const test of file.tests) {
      if (test.status === 'failed' && test.error) failures.push({ title: `${file.file} > ${test.fullName}`, error: test.error });
    }
  }
  if (failures.length > 0) {
    out.push('', c.red(c.bold(`Failures (${failures.length}):`)));
    for (const { title, error } of failures) {
      out.push('', ` ${c.red('✗')} ${c.bold(title)}`, indent(error.message, '   '));
      if (error.diff) out.push('', indent(error.diff, '   '));
      if (error.location) out.push('', `   ${c.dim('at')} ${where(error.location)}`);
    }
  }

  if (report.diagnostics.length > 0) {
    out.push('', c.red(c.bold(report.status === 'build-error' ? 'Build errors:' : 'Errors:')));
    for (const diagnostic of report.diagnostics) {
      const place = diagnostic.location ? `${where(diagnostic.location)}  ` : '';
      const sign = diagnostic.severity === 'error' ? c.red('✗') : c.yellow('!');
      out.push(` ${sign} ${place}${diagnostic.message}`);
      if (diagnostic.lineText !== undefined && diagnostic.location) {
        out.push(c.dim(`     ${diagnostic.location.line} | ${diagnostic.lineText}`));
      }
    }
  }

  const { passed, failed, skipped, todo } = report.counts;
  out.push('');
  const statusLine = STATUS_LINE[report.status];
  if (statusLine) out.push(c.red(statusLine));
  if (report.files.length === 0 && report.status === 'passed') out.push(c.yellow('No test files found.'));
  out.push(`${passed} passed, ${failed} failed, ${skipped} skipped${todo ? `, ${todo} todo` : ''}`);
  out.push(c.dim(`Duration ${ms(report.durationMs)} (${report.runtime} runtime)`));
  return `${out.join('\n')}\n`;
}
