import type { Diagnostic, ProgramResult, TestError, TestReport } from '../../../shared/testReport.ts';
import type { PythonAssets, PythonJob } from '../../sandbox/python/pythonProtocol.ts';
import { RUNTIME_DEFAULTS, type ProgramRequest, type RunListener, type Runtime, type TestRequest } from '../Runtime.ts';
import { OutputRelay } from '../worker/OutputRelay.ts';
import { RunControl } from '../worker/RunControl.ts';
import { isPythonTestFile } from '../../../shared/isPythonTestFile.ts';
import { loadPythonAssets } from './loadPythonAssets.ts';
import { PythonReportBuilder } from './PythonReportBuilder.ts';
import { PythonSandboxHost, type PythonBootInfo, type PythonRunEvent } from './PythonSandboxHost.ts';

export interface PythonRuntimeOptions {
  /** Where sandbox.html is served; default: next to the app. */
  sandboxUrl?: string;
  container?: HTMLElement;
  /** How long fetching Pyodide and booting it may take before ready() rejects; default 60 s. */
  bootTimeoutMs?: number;
  /**
   * How Stop ends a run: 'auto' interrupts (KeyboardInterrupt, interpreter kept warm) when the
   * sandbox is cross-origin isolated and terminates otherwise; 'terminate' always terminates
   * and boots again (the path a page without cross-origin isolation takes).
   */
  stopBy?: 'auto' | 'terminate';
  /** After an interrupt, how long the interpreter may take to unwind before it is terminated; default 2 s. */
  interruptGraceMs?: number;
  /** Pyodide's files; default: fetched from our origin. */
  loadAssets?: () => Promise<PythonAssets>;
}

type Interruption = 'stopped' | 'timeout';

interface ActiveRun {
  runId: number;
  interruptedEarly?: Interruption;
  interrupt(why: Interruption): void;
}

/**
 * The Python runtime: Pyodide (CPython compiled to WebAssembly) in one long-lived worker inside
 * the opaque-origin sandbox, booted once per tab and kept warm between runs. Programs stream
 * stdout and stderr and read input() through the listener; tests are unittest cases and
 * pytest-style test functions, reported in the same TestReport shape as the JavaScript runner.
 */
export function createPythonRuntime(options: PythonRuntimeOptions = {}): PythonRuntime {
  return new PythonRuntime(options);
}

export class PythonRuntime implements Runtime {
  readonly kind = 'python' as const;
  private readonly host: PythonSandboxHost;
  private active?: ActiveRun;
  /** Settles when the interpreter has finished the last run it was given (or was replaced). */
  private idle: Promise<void> = Promise.resolve();
  private nextRunId = 1;
  private disposed = false;
  private readonly graceMs: number;

  constructor(options: PythonRuntimeOptions) {
    const sandboxUrl = options.sandboxUrl ?? new URL(`${import.meta.env.BASE_URL}sandbox.html`, location.href).href;
    this.graceMs = options.interruptGraceMs ?? 2_000;
    this.host = new PythonSandboxHost(sandboxUrl, options.container ?? document.body ?? document.documentElement, {
      interruptible: (options.stopBy ?? 'auto') === 'auto',
      bootTimeoutMs: options.bootTimeoutMs ?? 60_000,
      loadAssets: options.loadAssets ?? loadPythonAssets,
    });
  }

  ready(): Promise<void> {
    if (this.disposed) return Promise.reject(new Error('the Python runtime was disposed'));
    return this.host.ready().then(() => undefined);
  }

  /** How the interpreter booted (boot time, whether Stop interrupts), once it has. */
  get boot(): PythonBootInfo | undefined {
    return this.host.boot;
  }

  async run(request: ProgramRequest, listener: RunListener = {}): Promise<ProgramResult> {
    const slot = await this.begin();
    const startedAt = performance.now();
    if (slot.interruptedEarly) return { status: 'stopped', diagnostics: [], durationMs: 0, runtime: 'python' };
    const output = outputFor(listener);
    const timeoutMs = request.timeoutMs ?? RUNTIME_DEFAULTS.programTimeoutMs;
    const job: PythonJob = { kind: 'program', entry: request.entry, files: { ...request.files }, maxOutputBytes: RUNTIME_DEFAULTS.maxOutputBytes };

    return new Promise<ProgramResult>((resolve) => {
      const control = new RunControl({ timeoutMs, onTimeout: () => interrupt('timeout'), onEnd: () => output.finish() });
      const finish = (status: ProgramResult['status'], diagnostics: Diagnostic[] = [], error?: TestError) => {
        if (!control.end()) return;
        if (this.active === slot) this.active = undefined;
        resolve({ status, ...(error ? { error } : {}), diagnostics, durationMs: performance.now() - startedAt, runtime: 'python' });
      };
      const interrupt = (why: Interruption) => {
        if (control.isOver) return;
        const note = why === 'timeout' ? timeoutNote(timeoutMs, 'the program was still running (an endless loop, or waiting for input?)') : 'Run stopped.';
        output.system(note);
        this.halt(slot.runId);
        finish(why, [], why === 'timeout' ? { message: note } : undefined);
      };
      slot.interrupt = interrupt;
      this.dispatch(slot.runId, job, listener, output, (event) => {
        if (event.type === 'gone') return finish('error', [], { message: `The Python interpreter stopped: ${event.message}` });
        const message = event.message;
        if (message.type === 'program-done') {
          const error = message.error ?? (message.exitCode ? { message: `Process exited with code ${message.exitCode}` } : undefined);
          finish(message.status, message.diagnostics, error);
        }
      });
    });
  }

  async test(request: TestRequest, listener: RunListener = {}): Promise<TestReport> {
    const slot = await this.begin();
    const output = outputFor(listener);
    const timeoutMs = request.timeoutMs ?? RUNTIME_DEFAULTS.testRunTimeoutMs;
    const testFiles = [...(request.testFiles ?? Object.keys(request.files).filter(isPythonTestFile).sort())];
    const builder = new PythonReportBuilder(testFiles);
    if (slot.interruptedEarly) return builder.finish([], { status: 'stopped', reason: 'Run stopped' }).report;
    if (testFiles.length === 0) {
      if (this.active === slot) this.active = undefined;
      const { report } = builder.finish([{ severity: 'error', message: 'No Python test files found: name them test_*.py or *_test.py' }]);
      return { ...report, status: 'failed' };
    }
    const job: PythonJob = { kind: 'test', testFiles, files: { ...request.files }, maxOutputBytes: RUNTIME_DEFAULTS.maxOutputBytes };

    return new Promise<TestReport>((resolve) => {
      const control = new RunControl({ timeoutMs, onTimeout: () => interrupt('timeout'), onEnd: () => output.finish() });
      const finish = (diagnostics: Diagnostic[], interrupted?: { status: Interruption; reason: string }) => {
        if (!control.end()) return;
        if (this.active === slot) this.active = undefined;
        const { report, cut } = builder.finish(diagnostics, interrupted);
        if (cut) listener.onTestResult?.(cut);
        resolve(report);
      };
      const interrupt = (why: Interruption) => {
        if (control.isOver) return;
        output.system(why === 'timeout' ? timeoutNote(timeoutMs, 'tests were still running') : 'Run stopped.');
        this.halt(slot.runId);
        finish([], { status: why, reason: why === 'timeout' ? `Run stopped at its time limit (${seconds(timeoutMs)})` : 'Run stopped' });
      };
      slot.interrupt = interrupt;
      this.dispatch(slot.runId, job, listener, output, (event) => {
        if (event.type === 'gone') {
          output.system(`The test run could not go on: the Python interpreter stopped (${event.message}).`);
          return finish([]);
        }
        const message = event.message;
        if (message.type === 'test-started') builder.started(message.test);
        else if (message.type === 'test-result') {
          output.flush();
          builder.finished(message.result);
          listener.onTestResult?.(message.result);
        } else if (message.type === 'file-done') builder.fileDone(message.file, message.durationMs, message.error);
        else if (message.type === 'tests-done') finish(message.diagnostics);
      });
    });
  }

  async stop(): Promise<void> {
    this.active?.interrupt('stopped');
    this.active = undefined;
    await this.idle;
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.active?.interrupt('stopped');
    this.active = undefined;
    this.disposed = true;
    this.host.dispose();
  }

  /** One run at a time: a new run stops the one going, waits for the interpreter to be free, then ready. */
  private async begin(): Promise<ActiveRun> {
    if (this.disposed) throw new Error('the Python runtime was disposed');
    this.active?.interrupt('stopped');
    const slot: ActiveRun = { runId: this.nextRunId++, interrupt: (why) => (slot.interruptedEarly = why) };
    this.active = slot;
    try {
      await this.idle;
      await this.host.ready();
    } catch (error) {
      if (this.active === slot) this.active = undefined;
      throw error;
    }
    if (slot.interruptedEarly && this.active === slot) this.active = undefined;
    return slot;
  }

  /** Sends the job and routes what comes back; `idle` settles when the interpreter is done with it. */
  private dispatch(runId: number, job: PythonJob, listener: RunListener, output: OutputRelay, onEvent: (event: PythonRunEvent) => void): void {
    let markIdle: () => void = () => {};
    this.idle = new Promise<void>((resolve) => (markIdle = resolve));
    this.host.start(runId, job, (event) => {
      const ended = event.type === 'gone' || event.message.type === 'program-done' || event.message.type === 'tests-done';
      if (event.type === 'message') {
        const message = event.message;
        if (message.type === 'output') output.push(message.chunks, message.droppedBytes);
        else if (message.type === 'stdin-request') {
          // The prompt is out before the question is asked.
          output.flush();
          this.answerInput(runId, listener);
        }
      }
      onEvent(event);
      if (ended) {
        this.host.forget(runId);
        markIdle();
      }
    });
  }

  private answerInput(runId: number, listener: RunListener): void {
    const ask = listener.onInputRequest;
    if (!ask) {
      this.host.stdin(runId, null);
      return;
    }
    ask().then(
      (text) => this.host.stdin(runId, text),
      () => this.host.stdin(runId, null),
    );
  }

  /**
   * Stops the interpreter's work on `runId`: an interrupt (KeyboardInterrupt) that it gets
   * `graceMs` to honour (code that swallows KeyboardInterrupt does not), then termination and a
   * fresh boot. Without cross-origin isolation the sandbox terminates at once.
   */
  private halt(runId: number): void {
    this.host.interrupt(runId);
    const idle = this.idle;
    let settled = false;
    void idle.then(() => (settled = true));
    setTimeout(() => {
      if (!settled && !this.disposed) this.host.restart();
    }, this.graceMs);
  }
}

function outputFor(listener: RunListener): OutputRelay {
  return new OutputRelay({ emit: (chunk) => listener.onOutput?.(chunk), maxBytes: RUNTIME_DEFAULTS.maxOutputBytes, mapText: (text) => text });
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

function timeoutNote(timeoutMs: number, what: string): string {
  return `Run stopped at its time limit (${seconds(timeoutMs)}): ${what}.`;
}
