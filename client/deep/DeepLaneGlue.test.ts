import { SimulatedClock } from 'xstate';
import { describe, expect, it } from 'vitest';
import type { DeepEvent, DeepEventMessage, DeepToolResultMessage } from '../../shared/deepLane/protocol.ts';
import type { WorkspaceOverlay } from '../../shared/deepLane/WorkspaceOverlay.ts';
import { createSessionActor } from '../../shared/session/createSessionActor.ts';
import { selectDeepLane } from '../../shared/session/selectDeepLane.ts';
import type { DeepFileChange } from '../../shared/session/SessionEvent.ts';
import type { SessionServices } from '../../shared/session/SessionServices.ts';
import { RecordingServices } from '../../shared/session/testing/RecordingServices.ts';
import type { TestReport } from '../../shared/testReport.ts';
import type { ConnectionState, DeepClientMessage } from '../net/ServerConnection.ts';
import { DeepLaneGlue, type DeepLaneConnection } from './DeepLaneGlue.ts';

/** The socket as the glue sees it: what it sent, and a way to deliver the server's events and states. */
class RecordingConnection implements DeepLaneConnection {
  readonly sent: DeepClientMessage[] = [];
  connected = true;
  private readonly listeners = new Set<(message: DeepEventMessage) => void>();
  private readonly stateListeners = new Set<(state: ConnectionState) => void>();
  private readonly seqs = new Map<string, number>();

  sendDeep(message: DeepClientMessage): boolean {
    if (!this.connected) return false;
    this.sent.push(message);
    return true;
  }
  onDeepEvent(listener: (message: DeepEventMessage) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  subscribe(listener: (state: ConnectionState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }
  deliver(taskId: string, event: DeepEvent): void {
    const seq = this.seqs.get(taskId) ?? 0;
    this.seqs.set(taskId, seq + 1);
    for (const listener of this.listeners) listener({ type: 'deep-event', taskId, seq, event });
  }
  drop(reason: string): void {
    this.connected = false;
    for (const listener of this.stateListeners) listener({ status: 'offline', reason });
  }
  results(): DeepToolResultMessage[] {
    return this.sent.filter((m): m is DeepToolResultMessage => m.type === 'deep-tool-result');
  }
}

const WORKSPACE = {
  'src/math.ts': 'export function add(a: number, b: number): number {\n  return a + b;\n}\n',
  'src/main.ts': "import { add } from './math.ts';\n\nconsole.log(add(2, 3));\n",
};
const PATCH = '--- a/src/math.ts\n+++ b/src/math.ts\n@@ -1,3 +1,3 @@\n-export function add(a: number, b: number): number {\n+export function plus(a: number, b: number): number {\n   return a + b;\n }\n';
const FIGURES = { lane: 'deep', adapter: 'openai-chat', model: 'scripted-deep', inputTokens: 10, outputTokens: 5, timeToFirstTokenMs: 1, durationMs: 9, turns: 2, toolCalls: 3 } as const;
const BUDGETS = { maxTurns: 20, maxTokens: 100_000, maxWallTimeMs: 600_000, toolTimeoutMs: 30_000 };

function failingReport(): TestReport {
  const test = { file: 'src/math.test.ts', name: 'plus adds', ancestors: [], fullName: 'plus adds', status: 'failed' as const, durationMs: 1, error: { message: 'plus is not a function' } };
  return {
    status: 'failed',
    files: [{ file: 'src/math.test.ts', status: 'failed', durationMs: 1, tests: [test] }],
    counts: { passed: 0, failed: 1, skipped: 0, todo: 0, total: 1 },
    diagnostics: [],
    durationMs: 12,
    runtime: 'worker',
  };
}

/** A real session machine whose deep lane is the glue; the runtime's calls are recorded. */
function startSession() {
  const clock = new SimulatedClock();
  const connection = new RecordingConnection();
  const recording = new RecordingServices({ runtime: true });
  const workspace: Record<string, string> = { ...WORKSPACE };
  const applied: DeepFileChange[] = [];
  let send: (event: Parameters<typeof actor.send>[0]) => void = () => undefined;
  const overlays = new Map<string, WorkspaceOverlay>();
  const glue = new DeepLaneGlue({ connection, workspace: () => ({ ...workspace }), send: (event) => send(event), applyFile: (change) => {
      applied.push(change);
      return undefined;
    },
    clock,
    overlays,
  });
  const services: SessionServices = {
    requestSuggestion: (request) => recording.requestSuggestion(request),
    requestQuickEdit: (request) => recording.requestQuickEdit(request),
    cancel: (requestId, reason) => recording.cancel(requestId, reason),
    insertSuggestion: (insertion) => recording.insertSuggestion(insertion),
    applyQuickEdit: (application) => recording.applyQuickEdit(application),
    ...(recording.runtime ? { runtime: recording.runtime } : {}),
    deep: glue,
  };
  const actor = createSessionActor({ clock, services, idPrefix: 'c-' }).start();
  send = (event) => actor.send(event);
  actor.send({ type: 'runtime.ready', runtime: 'worker' });
  actor.send({ type: 'deep.propose', instruction: 'Rename add to plus everywhere.' });
  actor.send({ type: 'deep.confirm' });
  const start = connection.sent[0];
  if (start?.type !== 'deep-start') throw new Error('no deep-start sent');
  const taskId = start.taskId;
  const deliver = (event: DeepEvent): void => connection.deliver(taskId, event);
  deliver({ kind: 'started', adapter: 'openai-chat', model: 'scripted-deep', budgets: BUDGETS });
  deliver({ kind: 'turn', turnId: 1 });
  return { clock, connection, recording, workspace, applied, overlays, actor, taskId, deliver };
}

describe('DeepLaneGlue', () => {
  it('runs file tools on a staged overlay, answers runs from the runtime, and applies only what the review applies', () => {
    const { connection, recording, workspace, applied, overlays, actor, taskId, deliver } = startSession();
    expect(connection.sent[0]).toMatchObject({ type: 'deep-start', instruction: 'Rename add to plus everywhere.' });

    deliver({ kind: 'tool-call', turnId: 1, callId: 'c1', timeoutMs: 5000, call: { name: 'search', arguments: { query: 'add(' } } });
    expect(connection.results().at(-1)).toMatchObject({ callId: 'c1', ok: true, output: 'src/main.ts:3: console.log(add(2, 3));\nsrc/math.ts:1: export function add(a: number, b: number): number {' });

    deliver({ kind: 'tool-call', turnId: 1, callId: 'c2', timeoutMs: 5000, call: { name: 'apply_patch', arguments: { patch: PATCH } } });
    expect(connection.results().at(-1)).toMatchObject({ callId: 'c2', ok: true, diff: [{ path: 'src/math.ts', status: 'modified', added: 1, removed: 1 }] });
    expect(workspace['src/math.ts']).toBe(WORKSPACE['src/math.ts']);

    deliver({ kind: 'diff', files: [{ path: 'src/math.ts', status: 'modified', added: 1, removed: 1 }] });
    const after = WORKSPACE['src/math.ts'].replace('add', 'plus');
    expect(selectDeepLane(actor.getSnapshot())?.files).toEqual([{ path: 'src/math.ts', status: 'modified', added: 1, removed: 1, before: WORKSPACE['src/math.ts'], after }]);

    // A run goes through the runtime region, over the overlay's files; its report is the answer.
    deliver({ kind: 'tool-call', turnId: 1, callId: 'c3', timeoutMs: 5000, call: { name: 'run_tests', arguments: {} } });
    const run = recording.calls.find((call) => call.kind === 'startRun');
    if (run?.kind !== 'startRun') throw new Error('the run did not start');
    expect(run.run.origin).toMatchObject({ by: 'deep', taskId, callId: 'c3' });
    expect(overlays.get(taskId)?.files()['src/math.ts']).toBe(after);
    actor.send({ type: 'run.finished', runId: run.run.runId, status: 'failed', report: failingReport() });
    const answer = connection.results().at(-1);
    expect(answer).toMatchObject({ callId: 'c3', ok: false, failure: 'failed', tests: { status: 'failed' } });
    expect(answer?.output).toContain('FAIL src/math.test.ts > plus adds');
    expect(answer?.output).toContain('plus is not a function');
    // A run that could not start is an error the model reads.
    deliver({ kind: 'tool-call', turnId: 1, callId: 'c4', timeoutMs: 5000, call: { name: 'run_program', arguments: { entry: 'src/main.ts' } } });
    actor.send({ type: 'runtime.failed', reason: 'no WebAssembly' });
    expect(connection.results().at(-1)).toMatchObject({ callId: 'c4', ok: false, failure: 'error' });

    deliver({ kind: 'result', summary: 'Renamed.', figures: FIGURES });
    expect(selectDeepLane(actor.getSnapshot())?.state).toBe('reviewing');
    expect(applied).toEqual([]);
    actor.send({ type: 'deep.applyAll' });
    expect(applied.map((file) => [file.path, file.after])).toEqual([['src/math.ts', after]]);
  });

  it('answers a call past its time limit once, as a timeout, and drops its late result', () => {
    const { clock, connection, recording, actor, deliver } = startSession();
    deliver({ kind: 'tool-call', turnId: 1, callId: 'slow', timeoutMs: 1000, call: { name: 'run_tests', arguments: {} } });
    clock.increment(999);
    expect(connection.results()).toEqual([]);
    clock.increment(1);
    expect(connection.results()).toMatchObject([{ callId: 'slow', ok: false, failure: 'timeout' }]);
    const run = recording.calls.find((call) => call.kind === 'startRun');
    if (run?.kind !== 'startRun') throw new Error('the run did not start');
    actor.send({ type: 'run.finished', runId: run.run.runId, status: 'failed', report: failingReport() });
    expect(connection.results()).toHaveLength(1);
  });

  it('interrupts at once: the interrupt is sent, nothing more is answered, and the files stay as they were', () => {
    const { connection, workspace, applied, actor, taskId, deliver } = startSession();
    deliver({ kind: 'tool-call', turnId: 1, callId: 'c1', timeoutMs: 5000, call: { name: 'apply_patch', arguments: { patch: PATCH } } });
    actor.send({ type: 'deep.interrupt' });
    expect(connection.sent.at(-1)).toEqual({ type: 'deep-interrupt', taskId });
    expect(selectDeepLane(actor.getSnapshot())?.state).toBe('interrupted');
    const answered = connection.results().length;
    deliver({ kind: 'tool-call', turnId: 1, callId: 'c2', timeoutMs: 5000, call: { name: 'read_file', arguments: { path: 'src/math.ts' } } });
    deliver({ kind: 'interrupted', figures: FIGURES });
    expect(connection.results()).toHaveLength(answered);
    expect(selectDeepLane(actor.getSnapshot())?.figures).toEqual(FIGURES);
    expect(workspace).toEqual(WORKSPACE);
    expect(applied).toEqual([]);
  });

  it('ends a running task as unavailable when the connection drops, and gives a steer back when it cannot be sent', () => {
    const { connection, actor, taskId } = startSession();
    connection.connected = false;
    actor.send({ type: 'deep.steer', text: 'also rename it in the docs' });
    expect(selectDeepLane(actor.getSnapshot())?.steerRefusal).toMatchObject({ reason: 'server', text: 'also rename it in the docs' });
    connection.drop('transport close');
    const view = selectDeepLane(actor.getSnapshot());
    expect(view?.state).toBe('failed');
    expect(view?.failure?.status).toBe('unavailable');
    expect(view?.taskId).toBe(taskId);
  });

  it('applies every file it is given even when one cannot be written, and keeps what to tell the person', () => {
    const clock = new SimulatedClock();
    const connection = new RecordingConnection();
    const written: string[] = [];
    const glue = new DeepLaneGlue({
      connection,
      workspace: () => ({}),
      send: () => undefined,
      applyFile: (change) => {
        if (change.path === 'src') throw new Error('A folder named "src" already exists.');
        written.push(change.path);
        return change.path === 'b.ts' ? 'it had changed since the task read it.' : undefined;
      },
      clock,
    });
    const file = (path: string) => ({ path, status: 'modified' as const, added: 1, removed: 1, before: 'x', after: 'y' });
    glue.applyDeepResult({ taskId: 't1', files: [file('a.ts'), file('src'), file('b.ts')] });
    expect(written).toEqual(['a.ts', 'b.ts']);
    expect(glue.applyProblems.get()).toEqual(['src: A folder named "src" already exists.', 'b.ts: it had changed since the task read it.']);
  });

  it('fails a task at once when there is no connection to start it on', () => {
    const clock = new SimulatedClock();
    const connection = new RecordingConnection();
    connection.connected = false;
    const events: unknown[] = [];
    const glue = new DeepLaneGlue({ connection, workspace: () => ({}), send: (event) => events.push(event), applyFile: () => undefined, clock });
    glue.startDeepTask({ taskId: 't1', instruction: 'Do it.' });
    expect(events).toMatchObject([{ type: 'deep.failed', taskId: 't1', status: 'unavailable' }]);
  });
});
