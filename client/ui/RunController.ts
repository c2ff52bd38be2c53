import type * as Y from 'yjs';
import type { OutputChunk, ProgramResult, RunStatus, TestCaseResult, TestReport } from '../../shared/testReport.ts';
import { filesOf, readFiles } from '../../shared/workspaceDoc.ts';
import { programMarkers, testReportMarkers, type RunMarker } from '../editor/runMarkers.ts';
import { RUNTIME_DEFAULTS, type Runtime } from '../runtime/Runtime.ts';
import type { RuntimeSelection } from '../runtime/selectRuntime.ts';
import { OutputBuffer } from './OutputBuffer.ts';
import { Store } from './Store.ts';

export type RunKind = 'program' | 'tests';

/** The target of a test run over every test file. */
export const ALL_TESTS = 'all tests';

/** The current (or last) run, as the panels show it. */
export interface RunState {
  id: number;
  kind: RunKind;
  /** What runs: the entry file, or the test files ("all tests" when every one). */
  target: string;
  phase: 'running' | 'done';
  /** How it ended; "crashed" when the runtime itself failed (it could not boot, or threw). */
  status: RunStatus | 'crashed' | undefined;
  startedAt: number;
  durationMs: number | undefined;
  /** Test results as they stream in, replaced by the report's when it arrives. */
  tests: readonly TestCaseResult[];
  report: TestReport | undefined;
  program: ProgramResult | undefined;
  /** Why the runtime could not run this at all. */
  crash: string | undefined;
  runtime: string | undefined;
}

/** What a finished run hands back to the controller. */
interface RunOutcome {
  status: RunStatus;
  durationMs: number;
  runtime: string;
  program?: ProgramResult;
  report?: TestReport;
  tests?: readonly TestCaseResult[];
  markers: RunMarker[];
}

type Execute = (runtime: Runtime, onOutput: (chunk: OutputChunk) => void, id: number) => Promise<RunOutcome>;

/**
 * Runs programs and tests on the selected runtime and keeps what the panels and the editor show:
 * streamed output, live test results, the final result, and error markers. One run at a time;
 * starting a run while one is going stops it first (the runtime's own rule), and results of a
 * superseded run are ignored by id.
 */
export class RunController {
  readonly state = new Store<RunState | undefined>(undefined);
  /** The latest test run, kept while programs run after it, for the Tests panel. */
  readonly lastTestRun = new Store<RunState | undefined>(undefined);
  readonly output = new OutputBuffer();
  /** Bumped (throttled to one per frame) when output changes, so the view redraws at most that often. */
  readonly outputVersion = new Store(0);
  /** Problems of the last run for the editor to mark (cleared when a run starts). */
  readonly markers = new Store<readonly RunMarker[]>([]);
  /** Files edited since the last run started: their results may be stale. */
  readonly edited = new Store<ReadonlySet<string>>(new Set());
  private seq = 0;
  private active: { id: number; stop: () => Promise<void> } | undefined;
  private frame: number | undefined;

  constructor(
    private readonly doc: Y.Doc,
    private readonly runtimes: RuntimeSelection,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.state.subscribe((run) => {
      if (run?.kind === 'tests') this.lastTestRun.set(run);
    });
    filesOf(doc).observeDeep((events) => {
      const touched = new Set<string>();
      for (const event of events) {
        const key = event.path[0];
        if (typeof key === 'string') touched.add(key);
      }
      // Only a newly edited file changes the set: typing in one file must not re-render the app.
      const previous = this.edited.get();
      if ([...touched].some((path) => !previous.has(path))) this.edited.set(new Set([...previous, ...touched]));
    });
  }

  get running(): boolean {
    return this.state.get()?.phase === 'running';
  }

  /** Runs `entry` as a program. */
  runProgram(entry: string): Promise<void> {
    return this.start('program', entry, async (runtime, onOutput) => {
      const program = await runtime.run(
        { files: readFiles(this.doc), entry, timeoutMs: RUNTIME_DEFAULTS.programTimeoutMs },
        { onOutput },
      );
      return { status: program.status, durationMs: program.durationMs, runtime: program.runtime, program, markers: programMarkers(program) };
    });
  }

  /** Runs the given test files, or every test file when `testFiles` is undefined. */
  runTests(testFiles?: readonly string[]): Promise<void> {
    const target = testFiles === undefined ? ALL_TESTS : testFiles.join(', ');
    return this.start('tests', target, async (runtime, onOutput, id) => {
      const report = await runtime.test(
        { files: readFiles(this.doc), ...(testFiles ? { testFiles } : {}) },
        {
          onOutput,
          onTestResult: (result) => {
            if (id !== this.seq) return;
            this.patch(id, (s) => ({ ...s, tests: [...s.tests, result] }));
          },
        },
      );
      return {
        status: report.status,
        durationMs: report.durationMs,
        runtime: report.runtime,
        report,
        tests: report.files.flatMap((f) => f.tests),
        markers: testReportMarkers(report),
      };
    });
  }

  /** Stops the run in progress, if any. */
  async stop(): Promise<void> {
    await this.active?.stop();
  }

  private async start(kind: RunKind, target: string, execute: Execute): Promise<void> {
    const id = ++this.seq;
    const previous = this.active;
    this.active = undefined;
    if (previous) await previous.stop().catch(() => undefined);
    if (id !== this.seq) return;

    this.output.clear();
    this.bumpOutput(true);
    this.markers.set([]);
    this.edited.set(new Set());
    const startedAt = this.now();
    this.state.set({
      id,
      kind,
      target,
      phase: 'running',
      status: undefined,
      startedAt,
      durationMs: undefined,
      tests: [],
      report: undefined,
      program: undefined,
      crash: undefined,
      runtime: undefined,
    });

    let runtime: Runtime | undefined;
    let stopped = false;
    this.active = {
      id,
      stop: async () => {
        stopped = true;
        await runtime?.stop();
      },
    };
    try {
      // The first run can come before the runtime has booted: say why nothing happens yet.
      if (this.runtimes.status.phase === 'booting') {
        this.output.append({ stream: 'system', text: `Waiting for the ${this.runtimes.status.active === 'webcontainer' ? 'WebContainer' : 'offline'} runtime to start…` });
        this.bumpOutput(true);
      }
      runtime = await this.runtimes.acquire();
      if (stopped || id !== this.seq) {
        if (id === this.seq) this.finish(id, { status: 'stopped', durationMs: this.now() - startedAt });
        return;
      }
      const onOutput = (chunk: OutputChunk): void => {
        if (id !== this.seq) return;
        this.output.append(chunk);
        this.bumpOutput(false);
      };
      const outcome = await execute(runtime, onOutput, id);
      if (id !== this.seq) return;
      this.markers.set(outcome.markers);
      this.finish(id, {
        status: outcome.status,
        durationMs: outcome.durationMs,
        runtime: outcome.runtime,
        program: outcome.program,
        report: outcome.report,
        ...(outcome.tests ? { tests: outcome.tests } : {}),
      });
    } catch (error) {
      if (id !== this.seq) return;
      const reason = error instanceof Error ? error.message : String(error);
      this.finish(id, { status: 'crashed', crash: reason || 'the runtime failed without a reason', durationMs: this.now() - startedAt });
    } finally {
      if (runtime) this.runtimes.release(runtime);
      if (this.active?.id === id) this.active = undefined;
    }
  }

  private finish(id: number, patch: Partial<RunState>): void {
    this.bumpOutput(true);
    this.patch(id, (s) => ({ ...s, ...patch, phase: 'done' }));
  }

  private patch(id: number, update: (state: RunState) => RunState): void {
    this.state.set((s) => (s && s.id === id ? update(s) : s));
  }

  private bumpOutput(now: boolean): void {
    if (now) {
      if (this.frame !== undefined) cancelAnimationFrame(this.frame);
      this.frame = undefined;
      this.outputVersion.set(this.output.version);
      return;
    }
    this.frame ??= requestAnimationFrame(() => {
      this.frame = undefined;
      this.outputVersion.set(this.output.version);
    });
  }
}
