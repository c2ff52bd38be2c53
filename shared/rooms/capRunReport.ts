import type { ProgramResult, TestCaseResult, TestError, TestFileResult, TestReport } from '../testReport.ts';
import { REPORTED_EVENT_LIMITS, type SharedRunReport } from './reportedRoomEvent.ts';

/** A failure message kept to this many characters once messages have to be cut. */
const SHORT_MESSAGE_CHARS = 500;

/** A report that fits (undefined when none could), and what was cut to make it fit (in the order of the steps below). */
export interface CappedRunReport {
  shared: SharedRunReport | undefined;
  truncated: string[];
}

const size = (value: unknown): number => JSON.stringify(value).length;

/**
 * Cuts a run's report until its JSON fits `maxChars`, so it can be shared with the room. The steps,
 * each only when the report is still too large, least useful to the reader first:
 * 1. `stacks`: every stack trace;
 * 2. `diffs`: the rendered diffs and expected/actual values;
 * 3. `source-lines`: the source lines of diagnostics;
 * 4. `messages`: failure and diagnostic messages beyond 500 characters;
 * 5. `passed-tests`: the entries of tests that did not fail (the counts keep them);
 * 6. `files`: whole files from the end of the list (the counts still count them);
 * 7. `diagnostics`: diagnostics from the end of the list.
 * The counts, status, duration and runtime are never cut. A report of a pathological size that
 * still does not fit after all of that is shared as its summary alone (`report`).
 */
export function capRunReport(input: SharedRunReport, maxChars: number = REPORTED_EVENT_LIMITS.maxReportChars): CappedRunReport {
  const truncated: string[] = [];
  let shared = input;
  const step = (name: string, cut: (report: SharedRunReport) => SharedRunReport): void => {
    if (size(shared) <= maxChars) return;
    const next = cut(shared);
    if (size(next) < size(shared)) truncated.push(name);
    shared = next;
  };
  step('stacks', (report) => mapErrors(report, ({ stack: _stack, ...error }) => error));
  step('diffs', (report) => mapErrors(report, ({ diff: _diff, expected: _expected, actual: _actual, ...error }) => error));
  step('source-lines', (report) => mapDiagnostics(report, ({ lineText: _lineText, ...diagnostic }) => diagnostic));
  step('messages', (report) => {
    const short = (message: string) => (message.length > SHORT_MESSAGE_CHARS ? `${message.slice(0, SHORT_MESSAGE_CHARS - 1)}…` : message);
    return mapDiagnostics(
      mapErrors(report, (error) => ({ ...error, message: short(error.message) })),
      (diagnostic) => ({ ...diagnostic, message: short(diagnostic.message) }),
    );
  });
  step('passed-tests', (report) =>
    report.kind === 'tests' ? { kind: 'tests', report: { ...report.report, files: report.report.files.map((file) => ({ ...file, tests: file.tests.filter((test) => test.status === 'failed') })) } } : report,
  );
  step('files', (report) => {
    if (report.kind !== 'tests') return report;
    const files = [...report.report.files];
    // Failing files first: they are what the others want to read.
    files.sort((a, b) => Number(b.status === 'failed') - Number(a.status === 'failed'));
    while (files.length > 0 && size({ ...report, report: { ...report.report, files } }) > maxChars) files.pop();
    return { kind: 'tests', report: { ...report.report, files } };
  });
  step('diagnostics', (report) => {
    const diagnostics = [...diagnosticsOf(report)];
    while (diagnostics.length > 0 && size(withDiagnostics(report, diagnostics)) > maxChars) diagnostics.pop();
    return withDiagnostics(report, diagnostics);
  });
  if (size(shared) > maxChars) return { shared: undefined, truncated: [...truncated, 'report'] };
  return { shared, truncated };
}

function mapErrors(report: SharedRunReport, map: (error: TestError) => TestError): SharedRunReport {
  if (report.kind === 'program') {
    const { error, ...rest } = report.result;
    return { kind: 'program', result: { ...rest, ...(error ? { error: map(error) } : {}) } satisfies ProgramResult };
  }
  const test = ({ error, ...rest }: TestCaseResult): TestCaseResult => ({ ...rest, ...(error ? { error: map(error) } : {}) });
  const file = ({ error, tests, ...rest }: TestFileResult): TestFileResult => ({ ...rest, tests: tests.map(test), ...(error ? { error: map(error) } : {}) });
  return { kind: 'tests', report: { ...report.report, files: report.report.files.map(file) } satisfies TestReport };
}

function diagnosticsOf(report: SharedRunReport): TestReport['diagnostics'] {
  return report.kind === 'tests' ? report.report.diagnostics : report.result.diagnostics;
}

function withDiagnostics(report: SharedRunReport, diagnostics: TestReport['diagnostics']): SharedRunReport {
  return report.kind === 'tests' ? { kind: 'tests', report: { ...report.report, diagnostics } } : { kind: 'program', result: { ...report.result, diagnostics } };
}

function mapDiagnostics(report: SharedRunReport, map: (diagnostic: TestReport['diagnostics'][number]) => TestReport['diagnostics'][number]): SharedRunReport {
  return withDiagnostics(report, diagnosticsOf(report).map(map));
}
