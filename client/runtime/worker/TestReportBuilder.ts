import { countTests, type Diagnostic, type TestCaseResult, type TestError, type TestFileResult, type TestReport } from '../../../shared/testReport.ts';
import type { RawTestResult, WorkerMessage } from '../../sandbox/sandboxProtocol.ts';
import type { StackMapper } from './StackMapper.ts';
import { toTestError } from './toTestError.ts';

interface FileState {
  tests: TestCaseResult[];
  error?: TestError;
  durationMs: number;
  started: boolean;
}

/**
 * Gathers a test run's messages into a TestReport: maps every error and declaration back to the
 * original files, streams each finished test, and, if the run is cut short, keeps what finished
 * and fails the test that was running with the reason.
 */
export class TestReportBuilder {
  private readonly files = new Map<string, FileState>();
  private running?: { file: string; name: string; ancestors: string[]; location?: TestCaseResult['location']; startedAt: number };
  private readonly startedAt: number;

  constructor(
    testFiles: readonly string[],
    private readonly mapper: StackMapper,
    private readonly onTestResult: (result: TestCaseResult) => void,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.startedAt = now();
    for (const file of testFiles) this.files.set(file, { tests: [], durationMs: 0, started: false });
  }

  /** A test file that did not build: it fails alone, with its first error as the file's error. */
  buildFailed(file: string, diagnostics: readonly Diagnostic[]): void {
    const first = diagnostics[0];
    const state = this.file(file);
    state.started = true;
    state.error = {
      message: first ? first.message : `${file} did not build`,
      ...(first?.location ? { location: first.location } : {}),
      ...(first?.lineText !== undefined && first.location
        ? { stack: `${first.message}\n    at ${first.location.file}:${first.location.line}:${first.location.column}\n    ${first.lineText}` }
        : {}),
    };
  }

  /** Takes one worker message; true once the worker said the run is over. */
  handle(message: WorkerMessage): boolean {
    switch (message.type) {
      case 'progress': {
        for (const raw of message.finished) {
          if (this.running && sameTest(this.running, raw)) this.running = undefined;
          this.add(this.toCase(raw));
        }
        const started = message.started;
        if (started) {
          this.file(started.file).started = true;
          const location = started.declaredAt ? this.mapper.mapPosition(started.declaredAt) : undefined;
          this.running = { file: started.file, name: started.name, ancestors: started.ancestors, startedAt: this.now(), ...(location ? { location } : {}) };
        }
        return false;
      }
      case 'file-done': {
        const state = this.file(message.file);
        state.started = true;
        state.durationMs = message.durationMs;
        if (message.error) state.error = toTestError(message.error, this.mapper);
        return false;
      }
      case 'tests-done':
        return true;
      default:
        return false;
    }
  }

  /**
   * The report. `interrupted` says why the run ended early (time limit or stop): the test that
   * was running is failed with `reason`.
   */
  finish(interrupted?: { status: 'timeout' | 'stopped'; reason: string }, diagnostics: Diagnostic[] = []): TestReport {
    if (interrupted && this.running) {
      const { file, name, ancestors, location, startedAt } = this.running;
      this.running = undefined;
      this.add({
        file,
        name,
        ancestors,
        fullName: [...ancestors, name].join(' > '),
        status: 'failed',
        durationMs: Math.max(0, this.now() - startedAt),
        error: { message: reasonWithTest(interrupted.reason), ...(location ? { location } : {}) },
        ...(location ? { location } : {}),
      });
    }
    const files: TestFileResult[] = [];
    for (const [file, state] of this.files) {
      if (!state.started) continue;
      files.push({
        file,
        status: fileStatus(state),
        durationMs: state.durationMs,
        ...(state.error ? { error: state.error } : {}),
        tests: state.tests,
      });
    }
    const counts = countTests(files.flatMap((f) => f.tests));
    const failed = files.some((f) => f.status === 'failed');
    return {
      status: interrupted ? interrupted.status : failed ? 'failed' : 'passed',
      files,
      counts,
      diagnostics,
      durationMs: Math.max(0, this.now() - this.startedAt),
      runtime: 'worker',
    };
  }

  private toCase(raw: RawTestResult): TestCaseResult {
    const location = raw.declaredAt ? this.mapper.mapPosition(raw.declaredAt) : undefined;
    return {
      file: raw.file,
      name: raw.name,
      ancestors: raw.ancestors,
      fullName: [...raw.ancestors, raw.name].join(' > '),
      status: raw.status,
      durationMs: raw.durationMs,
      ...(raw.error ? { error: toTestError(raw.error, this.mapper) } : {}),
      ...(location ? { location } : {}),
    };
  }

  private add(result: TestCaseResult): void {
    this.file(result.file).tests.push(result);
    this.onTestResult(result);
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

function sameTest(a: { file: string; name: string; ancestors: string[] }, b: { file: string; name: string; ancestors: string[] }): boolean {
  return a.file === b.file && a.name === b.name && a.ancestors.join('\u0000') === b.ancestors.join('\u0000');
}

function fileStatus(state: FileState): TestFileResult['status'] {
  if (state.error || state.tests.some((t) => t.status === 'failed')) return 'failed';
  if (state.tests.length > 0 && state.tests.every((t) => t.status === 'skipped' || t.status === 'todo')) return 'skipped';
  return 'passed';
}

function reasonWithTest(reason: string): string {
  return `${reason} while this test was running`;
}
