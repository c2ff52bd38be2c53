import { countTests, type RunStatus, type TestFileResult, type TestReport } from '../../../shared/testReport.ts';
import type { ContainerRecord } from './containerRecord.ts';
import { testCaseFromRecord } from './testCaseFromRecord.ts';
import { toTestError } from './toTestError.ts';

/**
 * A TestReport from the records streamed so far, for a run that ended before vitest wrote its
 * JSON report (stopped, or past its time limit): the tests that finished, grouped by file.
 */
export function reportFromRecords(records: readonly ContainerRecord[], root: string, status: RunStatus, durationMs: number): TestReport {
  const files = new Map<string, TestFileResult>();
  const fileOf = (file: string): TestFileResult => {
    let result = files.get(file);
    if (!result) {
      result = { file, status: 'passed', durationMs: 0, tests: [] };
      files.set(file, result);
    }
    return result;
  };
  for (const record of records) {
    if (record.t === 'test') {
      const test = testCaseFromRecord(record, root);
      const file = fileOf(record.file);
      file.tests.push(test);
      file.durationMs += test.durationMs;
      if (test.status === 'failed') file.status = 'failed';
    } else if (record.t === 'module') {
      const file = fileOf(record.file);
      file.durationMs = record.durationMs;
      const error = record.errors[0];
      if (error) {
        file.error = toTestError(error, root);
        file.status = 'failed';
      }
    }
  }
  const list = [...files.values()];
  return { status, files: list, counts: countTests(list.flatMap((f) => f.tests)), diagnostics: [], durationMs, runtime: 'webcontainer' };
}
