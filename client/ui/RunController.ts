import type * as Y from 'yjs';
import type { OutputChunk, ProgramResult, RunStatus, TestCaseResult, TestReport } from '../../shared/testReport.ts';
import { filesOf } from '../../shared/workspaceDoc.ts';
import type { RunKind } from '../../shared/session/SessionEvent.ts';
import { selectRuntime, type RuntimeView } from '../../shared/session/selectRuntime.ts';
import type { SessionActor } from '../ai/SessionActor.ts';
import { programMarkers, testReportMarkers, type RunMarker } from '../editor/runMarkers.ts';
import { OutputBuffer } from './OutputBuffer.ts';
import { Store } from './Store.ts';

export type { RunKind };

/** The target of a test run over every test file. */
export const ALL_TESTS = 'all tests';

/** What a person's Run or Test runs: one entry file, or test files (every one when `testFiles` is undefined). */
export type RunTarget = { readonly kind: 'program'; readonly entry: string } | { readonly kind: 'tests'; readonly testFiles?: readonly string[] };

/** The current (or last) run, as the panels show it. */
export interface RunState {
  /** The session machine's run id. */
  id: string;
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
  /** Set while the program waits for a line of input (Python's input()): the Output panel answers it. */
  input?: { answer(text: string | null): void };
}

/** How a person's run ended, as the runtime glue hands it back. */
export type RunEnding =
  | { readonly status: RunStatus; readonly durationMs: number; readonly runtime?: string; readonly program?: ProgramResult; readonly report?: TestReport }
  | { readonly status: 'crashed'; readonly durationMs: number; readonly crash: string };

const targetText = (target: RunTarget): string => (target.kind === 'program' ? target.entry : target.testFiles === undefined ? ALL_TESTS : target.testFiles.join(', '));

/**
 * The person's side of running code. Run, Test and Stop become the session machine's `run.start`
 * and `run.stop` (the machine decides what runs when: one run at a time, a press waits behind a
 * run going on); `runtime` is the machine's view of the runtime for the toolbar. The runtime glue
 * (client/ai/runtimeServices.ts) asks here what the person's run is for, and feeds the panels
 * while it runs: streamed output, live test results, the final result, and error markers.
 * Output and results of a run that is not the current one are ignored by id.
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
  /** The runtime as the session machine decides it; undefined until the session runs. */
  readonly runtime = new Store<RuntimeView | undefined>(undefined);
  private session: SessionActor | undefined;
  /** What the person's latest press asked for: the run the machine starts next for them runs this. */
  private next: RunTarget | undefined;
  private frame: number | undefined;

  constructor(
    doc: Y.Doc,
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

  /** Sends the person's presses to `session` and follows its runtime; returns what undoes it. */
  attach(session: SessionActor): () => void {
    this.session = session;
    this.runtime.set(selectRuntime(session.getSnapshot()));
    const subscription = session.subscribe((snapshot) => {
      const view = selectRuntime(snapshot);
      const previous = this.runtime.get();
      // Snapshots change on every keystroke (the fast lane); the toolbar re-renders only when the runtime did.
      if (previous === undefined || previous.state !== view.state || previous.current !== view.current || previous.queue !== view.queue || previous.failure !== view.failure || previous.name !== view.name || previous.last !== view.last) {
        this.runtime.set(view);
      }
    });
    return () => {
      subscription.unsubscribe();
      if (this.session === session) {
        this.session = undefined;
        this.runtime.set(undefined);
      }
    };
  }

  /** The person's Run or Test: the machine starts it now, or when the run going on ends. */
  run(target: RunTarget): void {
    if (this.session === undefined) return;
    this.next = target;
    this.session.send({ type: 'run.start', kind: target.kind });
  }

  /** The person's Stop: ends the run going on, whoever asked for it. */
  stop(): void {
    this.session?.send({ type: 'run.stop' });
  }

  /** What the person's run of `kind` the machine is starting runs (their latest press of that kind). */
  targetOf(kind: RunKind): RunTarget | undefined {
    return this.next?.kind === kind ? this.next : undefined;
  }

  /** A person's run started: the panels empty and show it running. */
  begin(id: string, target: RunTarget): void {
    this.output.clear();
    this.bumpOutput(true);
    this.markers.set([]);
    this.edited.set(new Set());
    this.state.set({
      id,
      kind: target.kind,
      target: targetText(target),
      phase: 'running',
      status: undefined,
      startedAt: this.now(),
      durationMs: undefined,
      tests: [],
      report: undefined,
      program: undefined,
      crash: undefined,
      runtime: undefined,
    });
  }

  /**
   * The program of the run `id` waits for a line (Python's input()). The Output panel shows a
   * field until it is answered; the line is echoed into the output, as a terminal does. Resolves
   * with null (end of input) if the run ends first.
   */
  requestInput(id: string): Promise<string | null> {
    const run = this.state.get();
    if (run?.id !== id || run.phase !== 'running') return Promise.resolve(null);
    return new Promise<string | null>((resolve) => {
      const answer = (text: string | null): void => {
        if (this.state.get()?.input?.answer !== answer) return;
        if (text !== null) {
          this.output.append({ stream: 'stdout', text: `${text}\n` });
          this.bumpOutput(true);
        }
        this.patch(id, ({ input: _answered, ...rest }) => rest);
        resolve(text);
      };
      this.patch(id, (s) => ({ ...s, input: { answer } }));
    });
  }

  /** Console output of the run `id`. */
  append(id: string, chunk: OutputChunk): void {
    if (this.state.get()?.id !== id) return;
    this.output.append(chunk);
    this.bumpOutput(false);
  }

  /** A test of the run `id` finished. */
  testResult(id: string, result: TestCaseResult): void {
    this.patch(id, (s) => ({ ...s, tests: [...s.tests, result] }));
  }

  /** The run `id` ended: its result, and the problems it found for the editor. */
  finish(id: string, ending: RunEnding): void {
    if (this.state.get()?.id !== id) return;
    // A question nobody answered ends with the run.
    this.state.get()?.input?.answer(null);
    this.bumpOutput(true);
    if (ending.status === 'crashed') {
      this.patch(id, (s) => ({ ...s, phase: 'done', status: 'crashed', crash: ending.crash, durationMs: ending.durationMs }));
      return;
    }
    const { program, report } = ending;
    this.markers.set(report ? testReportMarkers(report) : program ? programMarkers(program) : []);
    this.patch(id, (s) => ({
      ...s,
      phase: 'done',
      status: ending.status,
      durationMs: ending.durationMs,
      runtime: ending.runtime,
      program,
      report,
      ...(report ? { tests: report.files.flatMap((f) => f.tests) } : {}),
    }));
  }

  private patch(id: string, update: (state: RunState) => RunState): void {
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
