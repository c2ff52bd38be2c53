import type { DeepToolOutcome } from '../../shared/deepLane/DeepToolOutcome.ts';
import { executeFileTool } from '../../shared/deepLane/executeFileTool.ts';
import { DEEP_ENDING_KINDS, type DeepEventMessage } from '../../shared/deepLane/protocol.ts';
import { WorkspaceOverlay } from '../../shared/deepLane/WorkspaceOverlay.ts';
import { deepEventToSessionEvent } from '../../shared/session/deepEventToSessionEvent.ts';
import type { DeepFileChange, SessionEvent } from '../../shared/session/SessionEvent.ts';
import type { DeepLaneServices, DeepRunAnswer, DeepTaskRequest, FileToolCall } from '../../shared/session/SessionServices.ts';
import { toDeepStartMessage } from '../../shared/session/toDeepStartMessage.ts';
import { deepRunOutcome } from '../ai/deepRunOutcome.ts';
import type { ConnectionState, DeepClientMessage } from '../net/ServerConnection.ts';
import { Store } from '../ui/Store.ts';
import { ToolDeadlines, type DeadlineClock } from './ToolDeadlines.ts';

/** The part of the socket the deep lane uses (client/net/ServerConnection.ts). */
export interface DeepLaneConnection {
  sendDeep(message: DeepClientMessage): boolean;
  onDeepEvent(listener: (message: DeepEventMessage) => void): () => void;
  subscribe(listener: (state: ConnectionState) => void): () => void;
}

export interface DeepLaneGlueOptions {
  readonly connection: DeepLaneConnection;
  /** The workspace as it is now (path → text): what a task's overlay is staged over. */
  readonly workspace: () => Record<string, string>;
  /** Sends an event to the session actor. */
  readonly send: (event: SessionEvent) => void;
  /** Writes one file of a reviewed result to the workspace as one undoable step; returns a note for the person, if any. */
  readonly applyFile: (change: DeepFileChange) => string | undefined;
  readonly clock: DeadlineClock;
  /**
   * Where the page's runtime glue finds a task's staged files (AiSession.overlays, read by
   * client/ai/runtimeServices.ts): the current task's overlay is kept there, the one before it dropped.
   */
  readonly overlays?: Map<string, WorkspaceOverlay>;
}

/** The task this tab runs: its staged files and the tool calls it still has to answer. */
interface Task {
  readonly taskId: string;
  readonly overlay: WorkspaceOverlay;
  readonly deadlines: ToolDeadlines;
  ended: boolean;
}

/**
 * The deep lane's side of the page. It carries out what the session machine decides
 * (`DeepLaneServices`): sends deep-start / deep-steer / deep-interrupt, runs the file tools on a
 * staged `WorkspaceOverlay` of the workspace and answers run tools with what the runtime region
 * reported, each within the server's time limit, and applies a reviewed result file by file. It
 * routes the server's deep events back to the machine (`deepEventToSessionEvent`, with the
 * overlay's texts so the review can show and apply them). Nothing of a task reaches the
 * workspace but through `applyDeepResult`.
 */
export class DeepLaneGlue implements DeepLaneServices {
  /** Files of the last apply that could not be written, or overwrote the person's later edits, with why (the panel shows them). */
  readonly applyProblems = new Store<readonly string[]>([]);
  /**
   * The last steer the server gave back, kept here too: one given back as the task ends arrives
   * after the person's interrupt already ended the task in the machine, which no longer takes it.
   */
  readonly returnedSteer = new Store<{ readonly taskId: string; readonly text: string; readonly reason: string } | null>(null);
  private task: Task | undefined;
  private readonly unsubscribe: (() => void)[] = [];

  constructor(private readonly options: DeepLaneGlueOptions) {
    this.unsubscribe.push(options.connection.onDeepEvent((message) => this.receive(message)));
    this.unsubscribe.push(
      options.connection.subscribe((state) => {
        // The server drops a task with its connection: say so rather than wait for events that cannot come.
        const task = this.task;
        if (state.status === 'connected' || state.status === 'connecting' || task === undefined || task.ended) return;
        this.end(task);
        options.send({ type: 'deep.failed', taskId: task.taskId, status: 'unavailable', message: 'The connection to the Pairlane server was lost; the task stopped. Nothing was applied.' });
      }),
    );
  }

  startDeepTask(request: DeepTaskRequest): void {
    if (this.task && !this.task.ended) this.end(this.task);
    const taskId = request.taskId;
    const deadlines = new ToolDeadlines(this.options.clock, (callId, timeoutMs) => {
      this.answer(taskId, callId, { ok: false, failure: 'timeout', output: `No answer within the tool's time limit (${Math.round(timeoutMs / 1000)} s).` }, true);
    });
    this.applyProblems.set([]);
    this.returnedSteer.set(null);
    const overlay = new WorkspaceOverlay(this.options.workspace());
    if (this.task) this.options.overlays?.delete(this.task.taskId);
    this.options.overlays?.set(taskId, overlay);
    this.task = { taskId, overlay, deadlines, ended: false };
    if (!this.options.connection.sendDeep(toDeepStartMessage(request))) {
      this.end(this.task);
      this.options.send({ type: 'deep.failed', taskId, status: 'unavailable', message: 'Not connected to the Pairlane server; the task did not start.' });
    }
  }

  steerDeepTask(steer: { readonly taskId: string; readonly turnId: number; readonly text: string }): void {
    const { taskId, turnId, text } = steer;
    if (!this.options.connection.sendDeep({ type: 'deep-steer', taskId, turnId, text })) {
      this.options.send({ type: 'deep.steerRefused', taskId, reason: 'Not connected to the Pairlane server.', text });
    }
  }

  interruptDeepTask(taskId: string): void {
    if (this.task?.taskId === taskId) this.end(this.task);
    this.options.connection.sendDeep({ type: 'deep-interrupt', taskId });
  }

  runDeepTool(request: { readonly taskId: string; readonly callId: string; readonly call: FileToolCall }): void {
    const task = this.taskOf(request.taskId);
    if (task === undefined) return;
    let outcome: DeepToolOutcome;
    try {
      outcome = executeFileTool(task.overlay, request.call);
    } catch (error) {
      outcome = { ok: false, failure: 'error', output: `The tool failed in the browser: ${error instanceof Error ? error.message : String(error)}` };
    }
    this.answer(request.taskId, request.callId, outcome, false);
  }

  answerDeepRun(answer: DeepRunAnswer): void {
    this.answer(answer.taskId, answer.callId, deepRunOutcome(answer), false);
  }

  applyDeepResult(application: { readonly taskId: string; readonly files: readonly DeepFileChange[] }): void {
    const problems: string[] = [];
    for (const file of application.files) {
      try {
        const note = this.options.applyFile(file);
        if (note !== undefined) problems.push(`${file.path}: ${note}`);
      } catch (error) {
        // One file that cannot be written (its path became a folder) must not keep the others out.
        problems.push(`${file.path}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    this.applyProblems.set(problems);
  }

  dispose(): void {
    if (this.task) this.end(this.task);
    for (const stop of this.unsubscribe.splice(0)) stop();
  }

  private receive(message: DeepEventMessage): void {
    // An ended task still hears its own events: an interrupted task's figures come after the interrupt.
    const task = this.task?.taskId === message.taskId ? this.task : undefined;
    if (task === undefined) return;
    const { event } = message;
    if (event.kind === 'tool-call' && !task.ended) {
      task.deadlines.start(event.callId, event.timeoutMs);
    }
    if (event.kind === 'steer-refused') this.returnedSteer.set({ taskId: task.taskId, text: event.text, reason: event.reason });
    if (DEEP_ENDING_KINDS.includes(event.kind)) this.end(task);
    // The machine may run a file tool while it takes this event: the overlay answers synchronously.
    this.options.send(deepEventToSessionEvent(message, task.overlay.changes()));
  }

  /** The running task with this id. */
  private taskOf(taskId: string): Task | undefined {
    return this.task?.taskId === taskId && !this.task.ended ? this.task : undefined;
  }

  /** Answers one tool call once: in time (`late` false) only if its deadline has not passed, or as the deadline's own answer. */
  private answer(taskId: string, callId: string, outcome: DeepToolOutcome, late: boolean): void {
    const task = this.taskOf(taskId);
    if (task === undefined) return;
    if (!late && !task.deadlines.settle(callId)) return;
    this.options.connection.sendDeep({ type: 'deep-tool-result', taskId, callId, ...outcome });
  }

  private end(task: Task): void {
    task.ended = true;
    task.deadlines.clear();
  }
}
