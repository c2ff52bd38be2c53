import type { SessionEvent } from '../../shared/session/SessionEvent.ts';
import type { RunRequest, RuntimeServices } from '../../shared/session/SessionServices.ts';
import type { OutputChunk, ProgramResult, RunStatus, TestReport } from '../../shared/testReport.ts';
import { RUNTIME_DEFAULTS, type RunListener, type Runtime, type WorkspaceFiles } from '../runtime/Runtime.ts';
import type { RuntimeSelection } from '../runtime/selectRuntime.ts';
import type { RunController, RunTarget } from '../ui/RunController.ts';
import { runtimeStatusEvent, type RuntimeStatusEvent } from './runtimeStatusEvent.ts';

export interface RuntimeServicesOptions {
  /** The page's runtimes: each run borrows the active one for as long as it runs. */
  readonly runtimes: RuntimeSelection;
  /** The person's side: what their run is for, and the panels it feeds. */
  readonly runs: RunController;
  /** The workspace as the person's runs take it, read when the run starts. */
  workspaceFiles(): WorkspaceFiles;
  /**
   * The staged files of the deep task `taskId`: its `WorkspaceOverlay.files()`, the workspace as
   * the task left it and nothing else; undefined when this tab holds no overlay for that task
   * (the run then ends as an error and never falls back to the workspace).
   */
  overlayFiles(taskId: string): WorkspaceFiles | undefined;
  /** How long the deep task `taskId` may take over one tool call (its budgets' `toolTimeoutMs`), if known. */
  deepTimeoutMs(taskId: string): number | undefined;
  /** Sends `run.finished` and the runtime's status to the session. */
  send(event: SessionEvent): void;
  readonly now?: () => number;
}

/** The runtime services plus the status report that belongs with them. */
export interface PageRuntimeServices extends RuntimeServices {
  /** Reports the selection's status as `runtime.ready` / `runtime.failed`, now and on each change. Call once the actor runs; returns the unsubscribe. */
  reportStatus(): () => void;
}

/** A run the machine started, while it goes on. */
interface ActiveRun {
  readonly runId: string;
  stopped: boolean;
  runtime: Runtime | undefined;
}

/** What a run does once it has a runtime. */
interface RunPlan {
  readonly files: WorkspaceFiles;
  readonly target: RunTarget;
  readonly timeoutMs: number | undefined;
  /** The person's runs feed the panels; the deep lane's do not (they run staged files the person has not seen). */
  readonly panels: boolean;
}

/** Console output the way the deep lane's model reads it (describeProgramRun's form). */
const consoleText = (chunks: readonly OutputChunk[]): string => chunks.map((chunk) => (chunk.stream === 'stdout' ? chunk.text : `[${chunk.stream}] ${chunk.text}`)).join('');

const reasonOf = (error: unknown): string => (error instanceof Error ? error.message : String(error)).trim() || 'the runtime failed without a reason';

/**
 * The session machine's runtime services in the page. The machine decides what runs when (one run
 * at a time, a press waiting behind the deep lane's run, Stop); this glue carries it out on the
 * active runtime of the `RuntimeSelection` and reports each end as `run.finished` with the
 * machine's run id. The selection's status becomes `runtime.ready` / `runtime.failed`.
 *
 * - **The person's runs** (`origin.by: 'person'`) run what their latest press asked for
 *   (`RunController.targetOf`) over the workspace's files, and stream output, test results and
 *   the ending into the RunController's stores, which the panels and the editor's markers render.
 * - **The deep lane's runs** (`origin.by: 'deep'`, a task's run_tests / run_program tool call) run
 *   over the task's **staged files**: `overlayFiles(origin.taskId)`, never the workspace. They do
 *   not touch the person's panels. `run_tests` passes the call's `files` as the test files,
 *   `run_program` its `entry`; the time limit is the smaller of the runtime's default and the
 *   task's `toolTimeoutMs`. The run ends with `run.finished { runId, status, report | program,
 *   output }`, `output` being the console in the form the model reads (stdout as is, other streams
 *   tagged `[stderr]`, `[system]`); a runtime that threw ends it with status `error` and the reason
 *   as `output`. The machine then answers the tool call through the deep services'
 *   `answerDeepRun({ taskId, callId, run })` (or `{ refused }` when nothing could run it);
 *   `deepRunOutcome(answer)` (client/ai/deepRunOutcome.ts) turns either into the
 *   `deep-tool-result` fields, the same text `executeDeepToolCall` gives:
 *
 *   ```ts
 *   answerDeepRun: (answer) => connection.send({ type: 'deep-tool-result', taskId: answer.taskId, callId: answer.callId, ...deepRunOutcome(answer) })
 *   ```
 *
 *   In AiSession the overlays come from `AiSession.overlays` (task id → WorkspaceOverlay): the
 *   deep lane puts a task's overlay there when it starts the task.
 */
export function runtimeServices(options: RuntimeServicesOptions): PageRuntimeServices {
  const { runtimes, runs, send } = options;
  const now = options.now ?? (() => performance.now());
  let active: ActiveRun | undefined;

  const planOf = (run: RunRequest): RunPlan | string => {
    if (run.origin.by === 'person') {
      const target = runs.targetOf(run.kind);
      if (target === undefined) return 'Nothing to run: no file was chosen.';
      return { files: options.workspaceFiles(), target, timeoutMs: undefined, panels: true };
    }
    const { taskId, call } = run.origin;
    const files = options.overlayFiles(taskId);
    if (files === undefined) return `No staged files for the deep task ${taskId} in this tab.`;
    const limit = options.deepTimeoutMs(taskId);
    const target: RunTarget = call.name === 'run_program' ? { kind: 'program', entry: call.arguments.entry } : { kind: 'tests', ...(call.arguments.files === undefined ? {} : { testFiles: call.arguments.files }) };
    const defaultMs = target.kind === 'program' ? RUNTIME_DEFAULTS.programTimeoutMs : RUNTIME_DEFAULTS.testRunTimeoutMs;
    return { files, target, timeoutMs: limit === undefined ? defaultMs : Math.min(defaultMs, limit), panels: false };
  };

  const execute = async (run: RunRequest, self: ActiveRun): Promise<void> => {
    const startedAt = now();
    const plan = planOf(run);
    if (typeof plan === 'string') {
      send({ type: 'run.finished', runId: run.runId, status: 'error', output: plan });
      return;
    }
    const { runId } = run;
    if (plan.panels) runs.begin(runId, plan.target);
    const chunks: OutputChunk[] = [];
    const listener: RunListener = plan.panels
      ? { onOutput: (chunk) => runs.append(runId, chunk), onTestResult: (result) => runs.testResult(runId, result), onInputRequest: () => runs.requestInput(runId) }
      : { onOutput: (chunk) => chunks.push(chunk) };
    let runtime: Runtime | undefined;
    let ending: { status: RunStatus; report?: TestReport; program?: ProgramResult } | { crash: string };
    try {
      runtime = await runtimes.acquire();
      self.runtime = runtime;
      if (self.stopped) {
        ending = { status: 'stopped' };
      } else if (plan.target.kind === 'tests') {
        const { testFiles } = plan.target;
        const report = await runtime.test({ files: plan.files, ...(testFiles === undefined ? {} : { testFiles }), ...(plan.timeoutMs === undefined ? {} : { timeoutMs: plan.timeoutMs }) }, listener);
        ending = { status: report.status, report };
      } else {
        const program = await runtime.run({ files: plan.files, entry: plan.target.entry, timeoutMs: plan.timeoutMs ?? RUNTIME_DEFAULTS.programTimeoutMs }, listener);
        ending = { status: program.status, program };
      }
    } catch (error) {
      ending = { crash: reasonOf(error) };
    } finally {
      if (runtime !== undefined) runtimes.release(runtime);
      if (active === self) active = undefined;
    }
    const durationMs = now() - startedAt;
    if ('crash' in ending) {
      if (plan.panels) runs.finish(runId, { status: 'crashed', crash: ending.crash, durationMs });
      send({ type: 'run.finished', runId, status: 'error', output: ending.crash });
      return;
    }
    if (plan.panels) {
      const result = ending.report ?? ending.program;
      runs.finish(runId, { status: ending.status, durationMs: result?.durationMs ?? durationMs, ...(result ? { runtime: result.runtime } : {}), ...(ending.program ? { program: ending.program } : {}), ...(ending.report ? { report: ending.report } : {}) });
    }
    // The person's console stays in the Output panel; the deep lane's goes back to its model.
    send({ type: 'run.finished', runId, ...ending, ...(plan.panels ? {} : { output: consoleText(chunks) }) });
  };

  return {
    startRun(run) {
      const self: ActiveRun = { runId: run.runId, stopped: false, runtime: undefined };
      active = self;
      void execute(run, self);
    },
    stopRun(runId) {
      if (active?.runId !== runId) return;
      active.stopped = true;
      // Before the runtime is in hand the run ends as stopped as soon as it is (see execute).
      void active.runtime?.stop().catch(() => undefined);
    },
    reportStatus() {
      let last: RuntimeStatusEvent | undefined;
      return runtimes.subscribe((status) => {
        const event = runtimeStatusEvent(status, last);
        if (event === null) return;
        last = event;
        send(event);
      });
    },
  };
}
