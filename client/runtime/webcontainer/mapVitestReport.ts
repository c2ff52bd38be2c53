import {
  countTests,
  type Diagnostic,
  type TestCaseResult,
  type TestError,
  type TestFileResult,
  type TestReport,
  type TestStatus,
} from '../../../shared/testReport.ts';
import type { WorkspaceFiles } from '../Runtime.ts';
import { buildDiagnostic } from './buildDiagnostic.ts';
import type { ContainerRecord, ModuleRecord, TestRecord } from './containerRecord.ts';
import { stripAnsi } from '../stripAnsi.ts';
import { testErrorFromFailureMessage } from './testErrorFromFailureMessage.ts';
import { toTestError } from './toTestError.ts';
import { VitestJsonReport, type VitestAssertionResult } from './VitestJsonReport.ts';
import { workspacePath } from './workspaceStack.ts';

export interface VitestReportInput {
  /** The parsed JSON of `vitest run --reporter=json --outputFile=...`. */
  report: unknown;
  /** Absolute path of the workspace in the container (the absolute paths in the report start with it). */
  root: string;
  /** Records streamed by container/vitestReporter.mjs during the run; they add diffs and file-level stacks. */
  records?: readonly ContainerRecord[];
  /** The workspace, to quote source lines in diagnostics. */
  files?: WorkspaceFiles;
  /** Wall-clock duration of the whole run. */
  durationMs: number;
}

const STATUS: Readonly<Record<string, TestStatus>> = {
  passed: 'passed',
  failed: 'failed',
  todo: 'todo',
  skipped: 'skipped',
  pending: 'skipped',
  disabled: 'skipped',
};

/**
 * Maps vitest's JSON report (jest-compatible `testResults[].assertionResults[]`) to Pairlane's
 * TestReport: paths relative to the workspace, names joined with " > ", ANSI removed, each
 * failure's message, diff and location (from the streamed records when there are some, read
 * back from the JSON's failure text otherwise), and files that failed to load turned into
 * build diagnostics when the cause was a syntax error or a missing module. The run is a
 * "build-error" when no file could be built, "failed" when something failed, else "passed".
 *
 * Throws if `report` is not a vitest JSON report: that is a runtime fault, not a user's.
 */
export function mapVitestReport(input: VitestReportInput): TestReport {
  const report = VitestJsonReport.parse(input.report);
  const { root } = input;
  const testRecords = new Map<string, TestRecord[]>();
  const moduleRecords = new Map<string, ModuleRecord>();
  const unhandled: TestError[] = [];
  for (const record of input.records ?? []) {
    if (record.t === 'test') {
      const key = testKey(record.file, record.ancestors, record.name);
      testRecords.set(key, [...(testRecords.get(key) ?? []), record]);
    } else if (record.t === 'module') {
      moduleRecords.set(record.file, record);
    } else if (record.t === 'unhandled') {
      unhandled.push(...record.errors.map((e) => toTestError(e, root)));
    }
  }

  const diagnostics: Diagnostic[] = [];
  let filesNotBuilt = 0;
  const files: TestFileResult[] = report.testResults.map((fileResult) => {
    const file = workspacePath(fileResult.name, root) ?? fileResult.name;
    const tests = fileResult.assertionResults.map((assertion) =>
      toTestCase(file, assertion, testRecords.get(testKey(file, assertion.ancestorTitles, assertion.title))?.shift(), root),
    );

    const moduleRecord = moduleRecords.get(file);
    const moduleError = moduleRecord?.errors[0];
    let error: TestError | undefined;
    if (moduleError) {
      error = toTestError(moduleError, root);
    } else if (fileResult.message) {
      error = { message: stripAnsi(fileResult.message) };
    }
    if (error) {
      const diagnostic = buildDiagnostic(moduleError ?? { message: error.message }, { root, ...(input.files ? { files: input.files } : {}) });
      if (diagnostic) {
        diagnostics.push(diagnostic);
        filesNotBuilt += 1;
        // A syntax error has no useful stack, but it has a place.
        if (!error.location && diagnostic.location) error.location = diagnostic.location;
      }
    }

    const durationMs =
      moduleRecord?.durationMs ?? Math.max(0, (fileResult.endTime ?? 0) - (fileResult.startTime ?? fileResult.endTime ?? 0));
    const failed = error !== undefined || fileResult.status === 'failed' || tests.some((t) => t.status === 'failed');
    const allSkipped = tests.length > 0 && tests.every((t) => t.status === 'skipped' || t.status === 'todo');
    const result: TestFileResult = {
      file,
      status: failed ? 'failed' : allSkipped ? 'skipped' : 'passed',
      durationMs,
      tests,
    };
    if (error) result.error = error;
    return result;
  });

  for (const error of unhandled) {
    const diagnostic: Diagnostic = { severity: 'error', message: `Unhandled error during the test run: ${error.message}` };
    if (error.location) diagnostic.location = error.location;
    diagnostics.push(diagnostic);
  }

  const counts = countTests(files.flatMap((f) => f.tests));
  const failed = unhandled.length > 0 || files.some((f) => f.status === 'failed');
  return {
    // "build-error" means nothing ran; files that built next to one that did not still count.
    status: filesNotBuilt > 0 && filesNotBuilt === files.length ? 'build-error' : failed ? 'failed' : 'passed',
    files,
    counts,
    diagnostics,
    durationMs: input.durationMs,
    runtime: 'webcontainer',
  };
}

function testKey(file: string, ancestors: readonly string[], name: string): string {
  return [file, ...ancestors, name].join('\u0000');
}

function toTestCase(file: string, assertion: VitestAssertionResult, record: TestRecord | undefined, root: string): TestCaseResult {
  const status = STATUS[assertion.status] ?? 'skipped';
  const ancestors = assertion.ancestorTitles;
  const result: TestCaseResult = {
    file,
    name: assertion.title,
    ancestors,
    fullName: [...ancestors, assertion.title].join(' > '),
    status,
    durationMs: Math.max(0, assertion.duration ?? record?.durationMs ?? 0),
  };
  const declared = assertion.location ?? record?.location;
  if (declared && declared.line > 0) result.location = { file, line: declared.line, column: Math.max(1, declared.column) };
  if (status === 'failed') {
    const detail = record?.errors[0];
    const failure = assertion.failureMessages?.[0];
    if (detail) result.error = toTestError(detail, root);
    else if (failure !== undefined) result.error = testErrorFromFailureMessage(failure, root);
    else result.error = { message: 'Failed (vitest gave no reason).' };
  }
  return result;
}

