import type { Diagnostic, ProgramResult, TestError, TestReport } from '../../../shared/testReport.ts';
import { isTestFile } from '../isTestFile.ts';
import { RUNTIME_DEFAULTS, type ProgramRequest, type RunListener, type Runtime, type TestRequest } from '../Runtime.ts';
import type { BundleModule, WorkerMessage } from '../../sandbox/sandboxProtocol.ts';
import { BundlerClient } from './BundlerClient.ts';
import { OutputRelay } from './OutputRelay.ts';
import { RunControl } from './RunControl.ts';
import { SandboxHost, type SandboxEvent } from './SandboxHost.ts';
import { StackMapper } from './StackMapper.ts';
import { TestReportBuilder } from './TestReportBuilder.ts';
import { toTestError } from './toTestError.ts';

export interface WorkerRuntimeOptions {
  /** Where sandbox.html is served; default: next to the app (Vite's base URL). */
  sandboxUrl?: string;
  /** Element the hidden sandbox iframe is put in; default document.body. */
  container?: HTMLElement;
  /** How long esbuild and the sandbox may take to start before ready() rejects; default 60 s. */
  bootTimeoutMs?: number;
}

type Interruption = 'stopped' | 'timeout';

/** The run going on. Until it is wired to the sandbox, an interrupt is only remembered. */
interface ActiveRun {
  runId: number;
  interruptedEarly?: Interruption;
  interrupt(why: Interruption): void;
}

/**
 * The offline runtime: esbuild-wasm bundles the workspace in a worker of the app, and the code
 * runs in a fresh worker per run inside an opaque-origin sandbox iframe, killed at its time
 * limit. Booting starts at once (esbuild's wasm compiles while the person reads the page).
 */
export function createWorkerRuntime(options: WorkerRuntimeOptions = {}): Runtime {
  return new WorkerRuntime(options);
}

class WorkerRuntime implements Runtime {
  readonly kind = 'worker' as const;
  private readonly bundler: BundlerClient;
  private readonly sandbox: SandboxHost;
  private readonly booted: Promise<void>;
  private active?: ActiveRun;
  private nextRunId = 1;
  private disposed = false;

  constructor(options: WorkerRuntimeOptions) {
    const bootTimeoutMs = options.bootTimeoutMs ?? 60_000;
    const sandboxUrl = options.sandboxUrl ?? new URL(`${import.meta.env.BASE_URL}sandbox.html`, location.href).href;
    this.bundler = new BundlerClient();
    // The sandbox is a small page: if it has not answered in 20 s it will not (wrong headers, say).
    this.sandbox = new SandboxHost(sandboxUrl, options.container ?? document.body ?? document.documentElement, Math.min(bootTimeoutMs, 20_000));
    const bundlerTimeout = new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`esbuild did not start within ${bootTimeoutMs / 1000} s`)), bootTimeoutMs),
    );
    this.booted = Promise.all([Promise.race([this.bundler.ready(), bundlerTimeout]), this.sandbox.ready()]).then(() => undefined);
    this.booted.catch(() => {});
  }

  ready(): Promise<void> {
    if (this.disposed) return Promise.reject(new Error('the worker runtime was disposed'));
    return this.booted;
  }

  async run(request: ProgramRequest, listener: RunListener = {}): Promise<ProgramResult> {
    const slot = await this.begin();
    const runId = slot.runId;
    const startedAt = performance.now();
    if (slot.interruptedEarly) {
      return { status: 'stopped', diagnostics: [], durationMs: 0, runtime: 'worker' };
    }
    const maps = new Map<number, string>();
    const mapper = new StackMapper(maps);
    const output = this.outputFor(listener, mapper);
    const timeoutMs = request.timeoutMs ?? RUNTIME_DEFAULTS.programTimeoutMs;
    let diagnostics: Diagnostic[] = [];

    return new Promise<ProgramResult>((resolve, reject) => {
      let started = false;
      const control = new RunControl({
        timeoutMs,
        onTimeout: () => interrupt('timeout'),
        onEnd: () => this.endRun(runId, started, output),
      });
      const finish = (status: ProgramResult['status'], error?: TestError) => {
        if (!control.end()) return;
        resolve({ status, ...(error ? { error } : {}), diagnostics, durationMs: performance.now() - startedAt, runtime: 'worker' });
      };
      const interrupt = (why: Interruption) => {
        if (control.isOver) return;
        const note = why === 'timeout' ? timeoutNote(timeoutMs, 'the program was still running (an endless loop, or a timer that never stops?)') : 'Run stopped.';
        output.system(note);
        finish(why, why === 'timeout' ? { message: note } : undefined);
      };
      slot.interrupt = interrupt;

      const buildStart = performance.now();
      this.bundler.build(request.files, [request.entry]).then((build) => {
        if (control.isOver) return;
        const runStart = measure('build', buildStart);
        diagnostics = build.diagnostics;
        const bundle = build.bundles[0];
        if (build.failed.length > 0 || !bundle) return finish('build-error');
        maps.set(0, bundle.map);
        const entry: BundleModule = { id: 0, file: request.entry, code: bundle.code };
        started = true;
        this.sandbox.start(runId, { kind: 'program', entry, maxOutputBytes: RUNTIME_DEFAULTS.maxOutputBytes }, (event: SandboxEvent) => {
          if (event.type === 'failed') return finish('error', { message: `The run could not start: ${event.message}` });
          const message = event.message;
          if (message.type === 'output') output.push(message.chunks, message.droppedBytes);
          else if (message.type === 'program-done') {
            measure('execute', runStart);
            const error = message.error
              ? toTestError(message.error, mapper)
              : message.exitCode
                ? { message: `Process exited with code ${message.exitCode}` }
                : undefined;
            finish(error ? 'error' : 'ok', error);
          }
        });
      }, (error: unknown) => {
        if (control.end()) reject(error instanceof Error ? error : new Error(String(error)));
      });
    });
  }

  async test(request: TestRequest, listener: RunListener = {}): Promise<TestReport> {
    const slot = await this.begin();
    const runId = slot.runId;
    const maps = new Map<number, string>();
    const mapper = new StackMapper(maps);
    const output = this.outputFor(listener, mapper);
    const timeoutMs = request.timeoutMs ?? RUNTIME_DEFAULTS.testRunTimeoutMs;
    const testFiles = [...(request.testFiles ?? Object.keys(request.files).filter(isTestFile).sort())];
    const report = new TestReportBuilder(testFiles, mapper, (result) => {
      output.flush();
      listener.onTestResult?.(result);
    });
    let diagnostics: Diagnostic[] = [];
    if (slot.interruptedEarly) return report.finish({ status: 'stopped', reason: 'Run stopped' });

    return new Promise<TestReport>((resolve, reject) => {
      let started = false;
      const control = new RunControl({
        timeoutMs,
        onTimeout: () => interrupt('timeout'),
        onEnd: () => this.endRun(runId, started, output),
      });
      const finish = (interrupted?: { status: Interruption; reason: string }, status?: TestReport['status']) => {
        if (!control.end()) return;
        const result = report.finish(interrupted, diagnostics);
        resolve(status ? { ...result, status } : result);
      };
      const interrupt = (why: Interruption) => {
        if (control.isOver) return;
        const reason = why === 'timeout' ? `Run stopped at its time limit (${seconds(timeoutMs)})` : 'Run stopped';
        output.system(why === 'timeout' ? timeoutNote(timeoutMs, 'tests were still running') : 'Run stopped.');
        finish({ status: why, reason });
      };
      slot.interrupt = interrupt;

      if (testFiles.length === 0) {
        diagnostics = [{ severity: 'error', message: 'No test files found: name them *.test.ts or *.spec.ts (or put them under __tests__/)' }];
        finish(undefined, 'failed');
        return;
      }

      const buildStart = performance.now();
      this.bundler.build(request.files, testFiles).then((build) => {
        if (control.isOver) return;
        const runStart = measure('build', buildStart);
        diagnostics = build.diagnostics;
        for (const failure of build.failed) report.buildFailed(failure.entry, failure.diagnostics);
        if (build.bundles.length === 0) return finish(undefined, 'build-error');
        const files: BundleModule[] = build.bundles.map((bundle, id) => {
          maps.set(id, bundle.map);
          return { id, file: bundle.entry, code: bundle.code };
        });
        const job = { kind: 'test' as const, files, testTimeoutMs: request.testTimeoutMs ?? RUNTIME_DEFAULTS.testTimeoutMs, maxOutputBytes: RUNTIME_DEFAULTS.maxOutputBytes };
        started = true;
        this.sandbox.start(runId, job, (event: SandboxEvent) => {
          if (event.type === 'failed') {
            output.system(`The test run could not go on: ${event.message}`);
            return finish(undefined, 'failed');
          }
          const message: WorkerMessage = event.message;
          if (message.type === 'output') output.push(message.chunks, message.droppedBytes);
          else if (report.handle(message)) {
            measure('execute', runStart);
            finish();
          }
        });
      }, (error: unknown) => {
        if (control.end()) reject(error instanceof Error ? error : new Error(String(error)));
      });
    });
  }

  async stop(): Promise<void> {
    this.active?.interrupt('stopped');
    this.active = undefined;
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.active?.interrupt('stopped');
    this.active = undefined;
    this.disposed = true;
    this.bundler.dispose();
    this.sandbox.dispose();
  }

  /**
   * One run at a time: a new run stops the one going (its promise resolves "stopped"), then
   * waits for the runtime to be ready. Rejects only if the runtime cannot boot.
   */
  private async begin(): Promise<ActiveRun> {
    if (this.disposed) throw new Error('the worker runtime was disposed');
    this.active?.interrupt('stopped');
    const slot: ActiveRun = {
      runId: this.nextRunId++,
      interrupt: (why) => {
        slot.interruptedEarly = why;
      },
    };
    this.active = slot;
    try {
      await this.ready();
      await this.sandbox.ready();
    } catch (error) {
      if (this.active === slot) this.active = undefined;
      throw error;
    }
    if (slot.interruptedEarly && this.active === slot) this.active = undefined;
    return slot;
  }

  /** A run is over: its worker goes (whichever way it ended), its output is flushed. */
  private endRun(runId: number, startedInSandbox: boolean, output: OutputRelay): void {
    if (startedInSandbox) this.sandbox.kill(runId);
    if (this.active?.runId === runId) this.active = undefined;
    output.finish();
  }

  private outputFor(listener: RunListener, mapper: StackMapper): OutputRelay {
    return new OutputRelay({
      emit: (chunk) => listener.onOutput?.(chunk),
      maxBytes: RUNTIME_DEFAULTS.maxOutputBytes,
      mapText: (text) => mapper.mapText(text),
    });
  }
}

/**
 * Records a phase of a run on the page's performance timeline ("pairlane-worker:build",
 * "pairlane-worker:execute"), where benchmarks and devtools can read it. Returns the time it ended.
 */
function measure(phase: 'build' | 'execute', start: number): number {
  const end = performance.now();
  performance.measure(`pairlane-worker:${phase}`, { start, end });
  return end;
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

function timeoutNote(timeoutMs: number, what: string): string {
  return `Run stopped at its time limit (${seconds(timeoutMs)}): ${what}.`;
}
