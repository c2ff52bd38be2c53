import type { TestCaseResult, TestStatus } from '../../../shared/testReport.ts';
import type { TestRecord } from './containerRecord.ts';
import { toTestError } from './toTestError.ts';

/** A streamed test record as the TestCaseResult a live tests panel shows. */
export function testCaseFromRecord(record: TestRecord, root: string): TestCaseResult {
  const status: TestStatus =
    record.mode === 'todo' ? 'todo' : record.state === 'passed' ? 'passed' : record.state === 'failed' ? 'failed' : 'skipped';
  const result: TestCaseResult = {
    file: record.file,
    name: record.name,
    ancestors: record.ancestors,
    fullName: [...record.ancestors, record.name].join(' > '),
    status,
    durationMs: Math.max(0, record.durationMs),
  };
  if (record.location && record.location.line > 0) {
    result.location = { file: record.file, line: record.location.line, column: Math.max(1, record.location.column) };
  }
  const error = record.errors[0];
  if (status === 'failed' && error) result.error = toTestError(error, root);
  return result;
}
