import { countTests, type Diagnostic, type TestCaseResult, type TestError, type TestFileResult, type TestReport } from '../../../shared/testReport.ts';
import type { PythonTestStart } from '../../sandbox/python/pythonProtocol.ts';

interface FileState {
  tests: TestCaseResult[];
  error?: TestError;
  durationMs: number;
  started: boolean;
}

/**
 * Gathers a Python test run into the TestReport every runtime produces: per file, per test, in
 * the order they ran. If the run is cut short (Stop, time limit) it keeps what finished and
 * fails the test that was running with the reason, as the JavaScript runner's builder does.
 */
export class PythonReportBuilder {
  private readonly files = new Map<string, FileState>();
  private running?: PythonTestStart & { startedAt: number };
  private readonly startedAt: number;

  constructor(
    testFiles: readonly string[],
    private readonly now: () => number = () => performance.now(),
  ) {
    this.startedAt = now();
    for (const file of testFiles) this.files.set(file, { tests: [], durationMs: 0, started: false });
  }

  started(test: PythonTestStart): void {
    this.file(test.file).started = true;
    this.running = { ...test, startedAt: this.now() };
  }

  finished(result: TestCaseResult): void {
    if (this.running && this.running.file === result.file && this.running.name === result.name) this.running = undefined;
    const state = this.file(result.file);
    state.started = true;
    state.tests.push(result);
  }

  fileDone(file: string, durationMs: number, error?: TestError): void {
    const state = this.file(file);
    state.started = true;
    state.durationMs = durationMs;
    if (error) state.error = error;
  }

  /** The report; `interrupted` fails the running test with its reason. Returns the test it failed, if any. */
  finish(diagnostics: Diagnostic[], interrupted?: { status: 'timeout' | 'stopped'; reason: string }): { report: TestReport; cut?: TestCaseResult } {
    let cut: TestCaseResult | undefined;
    if (interrupted && this.running) {
      const { file, name, ancestors, location, startedAt } = this.running;
      this.running = undefined;
      cut = {
        file,
        name,
        ancestors,
        fullName: [...ancestors, name].join(' > '),
        status: 'failed',
        durationMs: Math.max(0, this.now() - startedAt),
        error: { message: `${interrupted.reason} while this test was running`, ...(location ? { location } : {}) },
        ...(location ? { location } : {}),
      };
      this.file(file).tests.push(cut);
    }
    const files: TestFileResult[] = [];
    for (const [file, state] of this.files) {
      if (!state.started) continue;
      files.push({ file, status: fileStatus(state), durationMs: state.durationMs, ...(state.error ? { error: state.error } : {}), tests: state.tests });
    }
    const counts = countTests(files.flatMap((f) => f.tests));
    const status: TestReport['status'] = interrupted
      ? interrupted.status
      : diagnostics.length > 0 && counts.total === 0
        ? 'build-error'
        : files.some((f) => f.status === 'failed')
          ? 'failed'
          : 'passed';
    return { report: { status, files, counts, diagnostics, durationMs: Math.max(0, this.now() - this.startedAt), runtime: 'python' }, ...(cut ? { cut } : {}) };
  }

  private file(file: string): FileState {
    let state = this.files.get(file);
    if (!state) {
      state = { tests: [], durationMs: 0, started: false };
      this.files.set(file, state);
    }
    return state;
  }
}

function fileStatus(state: FileState): TestFileResult['status'] {
  if (state.error || state.tests.some((t) => t.status === 'failed')) return 'failed';
  if (state.tests.length > 0 && state.tests.every((t) => t.status === 'skipped' || t.status === 'todo')) return 'skipped';
  return 'passed';
}
