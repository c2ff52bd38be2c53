import { DEEP_LANE_LIMITS } from '../deepLane/protocol.ts';
import type { TestReport } from '../testReport.ts';

/**
 * What a test run says about what fails, as plain text for a model: each failing test with its
 * message and diff, each file that failed on its own, each build error. Null when nothing failed.
 * Cut to what a deep task may carry (`maxFailingTestOutputChars`), saying so.
 */
export function failingTestOutput(report: TestReport): string | null {
  const lines: string[] = [];
  for (const diagnostic of report.diagnostics) {
    if (diagnostic.severity !== 'error') continue;
    const at = diagnostic.location === undefined ? '' : ` (${diagnostic.location.file}:${diagnostic.location.line}:${diagnostic.location.column})`;
    lines.push(`BUILD ERROR${at}: ${diagnostic.message}`);
  }
  for (const file of report.files) {
    if (file.error !== undefined) lines.push(`FAIL ${file.file}: ${file.error.message}`);
    for (const test of file.tests) {
      if (test.status !== 'failed') continue;
      lines.push(`FAIL ${test.file} > ${test.fullName}`);
      if (test.error !== undefined) {
        lines.push(indent(test.error.message));
        if (test.error.diff !== undefined) lines.push(indent(test.error.diff));
      }
    }
  }
  if (lines.length === 0) return null;
  const text = lines.join('\n');
  const max = DEEP_LANE_LIMITS.maxFailingTestOutputChars;
  const note = '\n… (cut)';
  return text.length <= max ? text : text.slice(0, max - note.length) + note;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
}
