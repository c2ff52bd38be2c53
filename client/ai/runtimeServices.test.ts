import { SimulatedClock } from 'xstate';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { WorkspaceOverlay } from '../../shared/deepLane/WorkspaceOverlay.ts';
import { createSessionActor } from '../../shared/session/createSessionActor.ts';
import { selectRuntime as selectRuntimeView } from '../../shared/session/selectRuntime.ts';
import type { RuntimeServices } from '../../shared/session/SessionServices.ts';
import { RecordingServices } from '../../shared/session/testing/RecordingServices.ts';
import type { ProgramResult, TestReport } from '../../shared/testReport.ts';
import type { ProgramRequest, RunListener, Runtime, TestRequest } from '../runtime/Runtime.ts';
import { selectRuntime } from '../runtime/selectRuntime.ts';
import { RunController } from '../ui/RunController.ts';
import { deepRunOutcome } from './deepRunOutcome.ts';
import { runtimeServices } from './runtimeServices.ts';

/**
 * A runtime that records what it was asked to run. Its tests pass when `src/sum.ts` holds the
 * fixed line, so a run over the wrong files shows in the result; a held run waits for `stop()`.
 */
class RecordingRuntime implements Runtime {
  readonly kind = 'worker' as const;
  readonly requests: (ProgramRequest | TestRequest)[] = [];
  hold = false;
  private release: (() => void) | undefined;

  ready(): Promise<void> {
    return Promise.resolve();
  }

  async test(request: TestRequest, listener?: RunListener): Promise<TestReport> {
    this.requests.push(request);
    listener?.onOutput?.({ stream: 'stdout', text: 'testing\n' });
    if (await this.held()) return { status: 'stopped', files: [], counts: { passed: 0, failed: 0, skipped: 0, todo: 0, total: 0 }, diagnostics: [], durationMs: 1, runtime: 'worker' };
    const fixed = request.files['src/sum.ts']?.includes('a + b') === true;
    const test = { file: 'src/sum.test.ts', name: 'adds', ancestors: [], fullName: 'adds', durationMs: 1, ...(fixed ? { status: 'passed' as const } : { status: 'failed' as const, error: { message: 'expected 3 to be 4' } }) };
    return {
      status: fixed ? 'passed' : 'failed',
      files: [{ file: 'src/sum.test.ts', status: test.status, durationMs: 1, tests: [test] }],
      counts: { passed: fixed ? 1 : 0, failed: fixed ? 0 : 1, skipped: 0, todo: 0, total: 1 },
      diagnostics: [],
      durationMs: 2,
      runtime: 'worker',
    };
  }

  async run(request: ProgramRequest, listener?: RunListener): Promise<ProgramResult> {
    this.requests.push(request);
    listener?.onOutput?.({ stream: 'stdout', text: `ran ${request.entry}\n` });
    listener?.onOutput?.({ stream: 'stderr', text: 'careful\n' });
    const stopped = await this.held();
    return { status: stopped ? 'stopped' : 'ok', diagnostics: [], durationMs: 3, runtime: 'worker' };
  }

  stop(): Promise<void> {
    this.release?.();
    return Promise.resolve();
  }

  dispose(): Promise<void> {
    return Promise.resolve();
  }

  /** True when the run was held and then stopped. */
  private held(): Promise<boolean> {
    if (!this.hold) return Promise.resolve(false);
    return new Promise((resolve) => (this.release = () => resolve(true)));
  }
}

/** The page's services with the runtime glue in place of the recorded runtime. */
class PageServices extends RecordingServices {
  override readonly runtime: RuntimeServices;
  constructor(runtime: RuntimeServices) {
    super({ deep: true });
    this.runtime = runtime;
  }
}

const WORKSPACE = { 'src/sum.ts': 'export const sum = (a: number, b: number) => a - b;\n', 'src/sum.test.ts': "it('adds')\n" };
const TOOL_TIMEOUT_MS = 4000;

/** A session running task d1 (overlay staged with the fix) on the glue and a recording runtime. */
function deepTaskSession() {
  const runtime = new RecordingRuntime();
  const runtimes = selectRuntime({ preference: 'worker', factories: { worker: () => runtime, webcontainer: () => runtime }, now: () => 0 });
  const doc = new Y.Doc();
  const overlays = new Map<string, WorkspaceOverlay>();
  let send: (event: Parameters<typeof actor.send>[0]) => void = () => undefined;
  const glue = runtimeServices({
    runtimes,
    runs: new RunController(doc),
    workspaceFiles: () => WORKSPACE,
    overlayFiles: (taskId) => overlays.get(taskId)?.files(),
    deepTimeoutMs: () => TOOL_TIMEOUT_MS,
    send: (event) => send(event),
  });
  const services = new PageServices(glue);
  const actor = createSessionActor({ clock: new SimulatedClock(), services });
  send = (event) => actor.send(event);
  actor.start();
  glue.reportStatus();
  actor.send({ type: 'deep.propose', instruction: 'make the tests pass' });
  actor.send({ type: 'deep.confirm' });
  actor.send({ type: 'deep.started', taskId: 'd1', adapter: 'a', model: 'm', budgets: { maxTurns: 10, maxTokens: 10_000, maxWallTimeMs: 60_000, toolTimeoutMs: TOOL_TIMEOUT_MS } });
  actor.send({ type: 'deep.turn', taskId: 'd1', turnId: 1 });
  const overlay = new WorkspaceOverlay(WORKSPACE);
  overlay.apply('--- a/src/sum.ts\n+++ b/src/sum.ts\n@@ -1 +1 @@\n-export const sum = (a: number, b: number) => a - b;\n+export const sum = (a: number, b: number) => a + b;\n');
  overlays.set('d1', overlay);
  const answers = () => services.of('answerDeepRun').map((call) => call.answer);
  const settled = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
  return { actor, runtime, overlays, answers, settled, view: () => selectRuntimeView(actor.getSnapshot()) };
}

describe('runtimeServices', () => {
  it('reports the runtime as ready once it booted', async () => {
    const s = deepTaskSession();
    await s.settled();
    expect(s.view()).toMatchObject({ state: 'ready', name: 'worker' });
  });

  it("runs the deep lane's run_tests over the task's staged files, never the workspace, and answers the tool call", async () => {
    const s = deepTaskSession();
    await s.settled();
    s.actor.send({ type: 'deep.toolCall', taskId: 'd1', turnId: 1, callId: 'c1', call: { name: 'run_tests', arguments: { files: ['src/sum.test.ts'] } } });
    expect(s.view()).toMatchObject({ state: 'running', current: { origin: { by: 'deep', callId: 'c1' } } });
    await s.settled();
    expect(s.runtime.requests).toHaveLength(1);
    const [request] = s.runtime.requests;
    expect(request?.files['src/sum.ts']).toContain('a + b');
    expect(request).toMatchObject({ testFiles: ['src/sum.test.ts'], timeoutMs: TOOL_TIMEOUT_MS });
    expect(s.view().state).toBe('ready');
    const [answer] = s.answers();
    expect(answer).toMatchObject({ taskId: 'd1', callId: 'c1', run: { status: 'passed', kind: 'tests' } });
    expect(answer && deepRunOutcome(answer)).toMatchObject({ ok: true, tests: { status: 'passed' } });
    expect(answer && deepRunOutcome(answer).output).toMatch(/^Tests passed: 1 passed/);
  });

  it("gives run_program's console back in the form the model reads", async () => {
    const s = deepTaskSession();
    await s.settled();
    s.actor.send({ type: 'deep.toolCall', taskId: 'd1', turnId: 1, callId: 'c2', call: { name: 'run_program', arguments: { entry: 'src/sum.ts' } } });
    await s.settled();
    expect(s.runtime.requests[0]).toMatchObject({ entry: 'src/sum.ts', timeoutMs: TOOL_TIMEOUT_MS });
    const [answer] = s.answers();
    expect(answer).toMatchObject({ run: { status: 'ok', output: 'ran src/sum.ts\n[stderr] careful\n' } });
    expect(answer && deepRunOutcome(answer)).toEqual({ ok: true, output: 'src/sum.ts: ok (3 ms).\n--- console ---\nran src/sum.ts\n[stderr] careful\n' });
  });

  it('ends a run of a task with no staged files in this tab as an error, without running the workspace', async () => {
    const s = deepTaskSession();
    s.overlays.clear();
    await s.settled();
    s.actor.send({ type: 'deep.toolCall', taskId: 'd1', turnId: 1, callId: 'c3', call: { name: 'run_tests', arguments: {} } });
    await s.settled();
    expect(s.runtime.requests).toHaveLength(0);
    const [answer] = s.answers();
    expect(answer).toMatchObject({ run: { status: 'error' } });
    expect(answer && deepRunOutcome(answer)).toMatchObject({ ok: false, failure: 'error', output: expect.stringContaining('No staged files for the deep task d1') });
  });

  it("stops the deep lane's run when the task is interrupted; the runtime is free again", async () => {
    const s = deepTaskSession();
    await s.settled();
    s.runtime.hold = true;
    s.actor.send({ type: 'deep.toolCall', taskId: 'd1', turnId: 1, callId: 'c4', call: { name: 'run_tests', arguments: {} } });
    await s.settled();
    s.actor.send({ type: 'deep.interrupt' });
    expect(s.view().state).toBe('stopping');
    await s.settled();
    expect(s.view()).toMatchObject({ state: 'ready', last: { status: 'stopped' } });
    // The interrupted task is not answered.
    expect(s.answers()).toHaveLength(0);
  });

  it("Stop ends the deep lane's run; the tool call is answered as stopped", async () => {
    const s = deepTaskSession();
    await s.settled();
    s.runtime.hold = true;
    s.actor.send({ type: 'deep.toolCall', taskId: 'd1', turnId: 1, callId: 'c5', call: { name: 'run_program', arguments: { entry: 'src/sum.ts' } } });
    await s.settled();
    s.actor.send({ type: 'run.stop' });
    await s.settled();
    const [answer] = s.answers();
    expect(answer && deepRunOutcome(answer)).toMatchObject({ ok: false, failure: 'failed', output: expect.stringContaining('src/sum.ts: stopped') });
  });
});
