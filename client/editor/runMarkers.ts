import type { Diagnostic, ProgramResult, SourceLocation, TestError, TestReport } from '../../shared/testReport.ts';

/** A problem to show in the editor, at a line of a workspace file. Plain data; see applyRunMarkers. */
export interface RunMarker {
  file: string;
  line: number;
  column: number;
  severity: 'error' | 'warning';
  message: string;
}

function fromError(error: TestError | undefined, fallback: SourceLocation | undefined, prefix: string): RunMarker[] {
  const location = error?.location ?? fallback;
  if (!error || !location) return [];
  const firstLine = error.message.split('\n', 1)[0] ?? error.message;
  return [{ ...location, severity: 'error', message: prefix ? `${prefix}: ${firstLine}` : firstLine }];
}

function fromDiagnostics(diagnostics: readonly Diagnostic[]): RunMarker[] {
  return diagnostics.flatMap((d) => (d.location ? [{ ...d.location, severity: d.severity, message: d.message }] : []));
}

/**
 * The markers a test report puts in the editor: each failed assertion at the line where it failed
 * (or where the test is declared, when the failure has no location), file-level failures, and
 * build diagnostics.
 */
export function testReportMarkers(report: Pick<TestReport, 'files' | 'diagnostics'>): RunMarker[] {
  const markers: RunMarker[] = fromDiagnostics(report.diagnostics);
  for (const file of report.files) {
    markers.push(...fromError(file.error, undefined, ''));
    for (const test of file.tests) {
      if (test.status === 'failed') markers.push(...fromError(test.error, test.location, test.fullName));
    }
  }
  return markers;
}

/** The markers a program run puts in the editor: its uncaught error and build diagnostics. */
export function programMarkers(result: Pick<ProgramResult, 'error' | 'diagnostics'>): RunMarker[] {
  return [...fromDiagnostics(result.diagnostics), ...fromError(result.error, undefined, 'Uncaught')];
}
