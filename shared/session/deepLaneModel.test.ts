/**
 * Model-based tests of the runtime and deep-lane regions with `xstate/graph`'s `createTestModel`.
 * These regions have no delayed transitions (budgets and time limits are the server's and the
 * runtime's), so the model is the regions themselves: a machine of just those two regions on the
 * session's setup. Shortest paths reach every abstract state and simple paths cover the deep
 * lane's state graph; every path is replayed on the real, whole session machine (all four
 * regions, simulated clock, recorded services), which must be where the model is at every step
 * while the invariants hold. At the end of every path, interrupt is tried in every running state
 * (the task's and the runtime's) and steer in every deep-lane state.
 */
import type { SnapshotFrom } from 'xstate';
import { createTestModel, type TestPath } from 'xstate/graph';
import { describe, expect, it } from 'vitest';
import type { DeepTaskFigures } from '../deepLane/protocol.ts';
import type { TestReport } from '../testReport.ts';
import { deepLaneRegion } from './deepLaneRegion.ts';
import { deepLaneSetup } from './deepLaneSetup.ts';
import { initialSessionContext } from './initialSessionContext.ts';
import { runtimeRegion } from './runtimeRegion.ts';
import { selectDeepLane } from './selectDeepLane.ts';
import { selectRuntime } from './selectRuntime.ts';
import type { DeepFileChange, SessionEvent } from './SessionEvent.ts';
import { RecordingServices } from './testing/RecordingServices.ts';
import { startTestSession, type TestSession } from './testing/startTestSession.ts';

/** The two regions as a machine of their own: the model the paths are drawn from. */
const regionsMachine = deepLaneSetup.createMachine({
  id: 'session',
  type: 'parallel',
  context: ({ input }) => initialSessionContext(input),
  states: { runtime: runtimeRegion, deepLane: deepLaneRegion },
});
type Snapshot = SnapshotFrom<typeof regionsMachine>;
type Path = TestPath<Snapshot, SessionEvent>;

const FIGURES: DeepTaskFigures = { lane: 'deep', adapter: 'a', model: 'deep-model', inputTokens: 100, outputTokens: 20, timeToFirstTokenMs: 40, durationMs: 900, turns: 2, toolCalls: 2 };
const FILES: DeepFileChange[] = [
  { path: 'src/a.ts', status: 'modified', added: 1, removed: 1, before: 'a', after: 'A' },
  { path: 'src/b.ts', status: 'added', added: 1, removed: 0, before: null, after: 'B' },
];
const REPORT: TestReport = { status: 'failed', files: [], counts: { passed: 0, failed: 1, skipped: 0, todo: 0, total: 1 }, diagnostics: [], durationMs: 1, runtime: 'worker' };
const SUMMARY = { status: 'passed' as const, counts: { passed: 1, failed: 0, skipped: 0, todo: 0, total: 1 }, durationMs: 1 };
/** Text of steers: given back whenever refused. */
const STEER = 'use a Map';

const RUNNING = ['planning', 'working', 'steerQueued'];

/** Every event worth trying in `snapshot`: the person's, the runtime glue's, and the server's for the current task (and for an older one). */
function events(snapshot: Snapshot): SessionEvent[] {
  const { deep, runtime, requestCount } = snapshot.context;
  const out: SessionEvent[] = [
    { type: 'runtime.ready', runtime: 'worker' },
    { type: 'runtime.failed', reason: 'no memory' },
    { type: 'run.start', kind: 'tests' },
    { type: 'run.stop' },
    { type: 'deep.propose', instruction: 'make the tests pass' },
    { type: 'deep.propose', instruction: ' ' },
    { type: 'deep.confirm' },
    { type: 'deep.decline' },
    { type: 'deep.steer', text: STEER },
    { type: 'deep.interrupt' },
    { type: 'deep.applyAll' },
    { type: 'deep.applyFile', path: deep.files.find((f) => !deep.applied.includes(f.path))?.path ?? 'src/none.ts' },
    { type: 'deep.discard' },
    { type: 'deep.review' },
    { type: 'deep.close' },
  ];
  if (runtime.current !== null) {
    out.push({ type: 'run.finished', runId: runtime.current.runId, status: runtime.current.kind === 'tests' ? 'failed' : 'ok', report: REPORT });
  } else {
    out.push({ type: 'run.finished', runId: 'r0', status: 'ok' });
  }
  const taskId = deep.taskId ?? 'd0';
  const turnId = deep.turnId ?? 0;
  const callId = `c${requestCount}`;
  out.push(
    { type: 'deep.started', taskId, adapter: 'a', model: 'deep-model', budgets: { maxTurns: 5, maxTokens: 10_000, maxWallTimeMs: 60_000, toolTimeoutMs: 5000 } },
    { type: 'deep.turn', taskId, turnId: turnId + 1 },
    { type: 'deep.text', taskId, turnId, text: 'thinking' },
    { type: 'deep.plan', taskId, steps: [{ id: '1', title: 'fix', status: 'in-progress' }] },
    { type: 'deep.toolCall', taskId, turnId, callId, call: { name: 'read_file', arguments: { path: 'src/a.ts' } } },
    { type: 'deep.toolCall', taskId, turnId, callId: `${callId}t`, call: { name: 'run_tests', arguments: {} } },
    { type: 'deep.toolFinished', taskId, callId: deep.toolCalls.at(-1)?.callId ?? 'c0', name: 'read_file', ok: true, summary: 'read' },
    { type: 'deep.diff', taskId, files: FILES },
    { type: 'deep.tests', taskId, summary: SUMMARY },
    { type: 'deep.usage', taskId, inputTokens: 50, outputTokens: 10 },
    { type: 'deep.steerAccepted', taskId, turnId: turnId + 1 },
    { type: 'deep.steerRefused', taskId, reason: 'turn over', text: deep.steer?.text ?? STEER },
    { type: 'deep.budget', taskId, which: 'tokens', limit: 10_000, used: 10_050 },
    { type: 'deep.result', taskId, summary: 'done', figures: FIGURES },
    { type: 'deep.failed', taskId, status: 'looping', message: 'looping', figures: FIGURES },
    { type: 'deep.failed', taskId, status: 'budget', message: 'budget', figures: FIGURES },
    { type: 'deep.interrupted', taskId, figures: FIGURES },
    // An older task's events must change nothing.
    { type: 'deep.result', taskId: 'd0', summary: 'old', figures: FIGURES },
  );
  return out;
}

/** The task is past planning (what `pastPlanning` decides after a steer). */
function pastPlanning(snapshot: Snapshot): boolean {
  const { deep } = snapshot.context;
  return deep.plan.length > 0 || deep.toolCalls.length > 0 || deep.files.length > 0 || deep.tests.before !== null || deep.tests.after !== null;
}

/**
 * What tells the two regions' states apart for the walk: everything the guards look at, as
 * flags (ids and texts are left out so the walk ends).
 */
function abstraction(snapshot: Snapshot): string {
  const { deep, runtime } = snapshot.context;
  return JSON.stringify({
    value: snapshot.value,
    turn: deep.turnId !== null,
    planned: pastPlanning(snapshot),
    files: deep.files.length > 0,
    applied: deep.applied.length > 0,
    // A result reviewed after a failure or a budget is partial (applying it records that), and its record may still be pending.
    stopped: deep.budget !== null ? 'budget' : deep.failure !== null ? 'failure' : null,
    pending: deep.metricPending,
    run: runtime.current?.origin.by,
    queued: [runtime.queue.some((r) => r.origin.by === 'person'), runtime.queue.some((r) => r.origin.by === 'deep')],
  });
}

const modelInput = { services: new RecordingServices({ runtime: true, deep: true }), clock: { now: () => 0 } };
const model = createTestModel(regionsMachine, { events, serializeState: abstraction });
const shortest = model.getShortestPaths({ input: modelInput, allowDuplicatePaths: true }) as Path[];

/** The deep lane's state graph alone (its value, a turn, a diff), over the person's and the task's main events: for simple paths. */
const DEEP_ONLY = new Set(['deep.propose', 'deep.confirm', 'deep.decline', 'deep.steer', 'deep.interrupt', 'deep.applyAll', 'deep.discard', 'deep.review', 'deep.close', 'deep.turn', 'deep.plan', 'deep.diff', 'deep.steerAccepted', 'deep.steerRefused', 'deep.budget', 'deep.result', 'deep.failed']);
function deepOnly(_snapshot: Snapshot, event: SessionEvent): boolean {
  if (!DEEP_ONLY.has(event.type)) return false;
  if (event.type === 'deep.propose') return event.instruction.trim() !== '';
  if (event.type === 'deep.failed') return event.status !== 'budget';
  return !('taskId' in event) || event.taskId !== 'd0';
}
const simpleModel = createTestModel(regionsMachine, {
  events,
  filterEvents: deepOnly,
  serializeState: (s) => JSON.stringify([s.value.deepLane, s.context.deep.turnId !== null, s.context.deep.files.length > 0, pastPlanning(s)]),
});
const simple = simpleModel.getSimplePaths({ input: modelInput, allowDuplicatePaths: false }) as Path[];

/** Checks what must hold whatever the path. */
function checkInvariants(s: TestSession): void {
  const snapshot = s.actor.getSnapshot();
  const { deep, runtime } = snapshot.context;
  const state = s.deep;
  const view = selectDeepLane(snapshot);
  expect(view?.state ?? 'idle').toBe(state);
  expect(selectRuntime(snapshot).state).toBe(s.runtime);
  // One run at a time, and a run exactly while running or stopping.
  expect(runtime.current !== null).toBe(s.runtime === 'running' || s.runtime === 'stopping');
  expect(runtime.queue.filter((r) => r.origin.by === 'person').length).toBeLessThanOrEqual(1);
  if (s.runtime === 'ready' || s.runtime === 'failed') expect(runtime.queue).toEqual([]);
  // Nothing of a task that is not running waits for the runtime.
  if (!RUNNING.includes(state)) expect(runtime.queue.filter((r) => r.origin.by === 'deep')).toEqual([]);
  if (!RUNNING.includes(state) && s.runtime === 'running') expect(runtime.current?.origin.by).toBe('person');
  // A steer is queued exactly in steerQueued.
  expect(deep.steer !== null).toBe(state === 'steerQueued');
  // Every refused steer gives its text back.
  if (deep.steerRefusal !== null) expect(deep.steerRefusal.text).toBe(STEER);
  // Nothing reaches the workspace but through the review; only files of the result, each once.
  const applications = s.services.of('applyDeepResult');
  if (applications.length > 0) expect(['reviewing', 'applied', 'discarded', 'proposed', 'idle']).toContain(state);
  const appliedPaths = applications.flatMap((a) => a.files.map((f) => f.path));
  expect(new Set(appliedPaths).size).toBe(appliedPaths.length);
  // Each task is started once, and recorded at most once.
  const tasks = s.services.of('startDeepTask').map((c) => c.request.taskId);
  expect(new Set(tasks).size).toBe(tasks.length);
  const recorded = s.services.metrics.map((m) => m.requestId);
  expect(new Set(recorded).size).toBe(recorded.length);
  for (const id of recorded) expect(tasks).toContain(id);
  // A task whose record is no longer pending has it; one that stopped with staged files waits for the review.
  if (deep.taskId !== null && !deep.metricPending) expect(recorded).toContain(deep.taskId);
  if ((state === 'failed' || state === 'budgetLimited') && deep.files.length > 0) expect(recorded).not.toContain(deep.taskId);
  // Outcomes have their reason.
  if (state === 'failed') expect(deep.failure).not.toBeNull();
  if (state === 'budgetLimited') expect(deep.budget).not.toBeNull();
  if (state === 'interrupted') expect(deep.interruption).not.toBeNull();
  if (state === 'reviewing') expect(deep.summary).not.toBeNull();
  // Interrupts and steers only ever name a started task.
  for (const c of s.services.of('interruptDeepTask')) expect(tasks).toContain(c.taskId);
  for (const c of s.services.of('steerDeepTask')) expect(tasks).toContain(c.taskId);
}

/** Replays `path` on the whole session machine, checking each step against the model. */
async function replay(path: Path): Promise<TestSession> {
  const s = startTestSession({ lanes: { runtime: true, deep: true } });
  const types = new Set(path.steps.map((step) => step.event.type));
  await path.test({
    events: Object.fromEntries([...types].map((type) => [type, ({ event }: { event: SessionEvent }) => (event.type.startsWith('xstate.') ? undefined : s.send(event))])),
    states: {
      '*': (state) => {
        const value = s.actor.getSnapshot().value;
        expect({ runtime: value.runtime, deepLane: value.deepLane }).toEqual(state.value);
        checkInvariants(s);
      },
    },
  });
  return s;
}

/** One path per kind of end state (as `key` names it): the interrupt and steer checks need every kind, not every path. */
function onePerKind(paths: readonly Path[], key: (snapshot: Snapshot) => unknown): Path[] {
  const byKind = new Map<string, Path>();
  for (const path of paths) {
    const kind = JSON.stringify(key(path.state));
    if (!byKind.has(kind)) byKind.set(kind, path);
  }
  return [...byKind.values()];
}

const nameOf = (path: Path) => `${JSON.stringify(path.state.value)} ← ${path.steps.map((step) => step.event.type).filter((t) => !t.startsWith('xstate.')).join(', ') || 'start'}`;

describe('runtime and deep lane, every reachable state (createTestModel, shortest paths)', () => {
  it('reaches every state of both regions', () => {
    const reached = (region: 'runtime' | 'deepLane') => [...new Set(shortest.flatMap((p) => [p.state, ...p.steps.map((step) => step.state)]).map((s) => s.value[region]))].sort();
    expect(reached('deepLane')).toEqual(['applied', 'budgetLimited', 'discarded', 'failed', 'idle', 'interrupted', 'planning', 'proposed', 'reviewing', 'steerQueued', 'working']);
    expect(reached('runtime')).toEqual(['booting', 'failed', 'ready', 'running', 'stopping']);
  });

  it.each(shortest.map((path) => [nameOf(path), path] as const))('%s', async (_name, path) => {
    await replay(path);
  });
});

describe('review of what a stopped task staged', () => {
  it('is reached from failed and from budget limited, only with staged files', () => {
    // Each step's state is the one its event led to; the step before holds the state it came from.
    const entries = shortest.flatMap((p) =>
      p.steps.flatMap((step, i) => {
        const from = p.steps[i - 1]?.state;
        return step.event.type === 'deep.review' && from !== undefined ? [{ from, to: step.state }] : [];
      }),
    );
    const reviewed = new Set(entries.filter((e) => e.to.value.deepLane === 'reviewing').map((e) => e.from.value.deepLane));
    expect([...reviewed].sort()).toEqual(['budgetLimited', 'failed']);
    for (const e of entries.filter((x) => x.to.value.deepLane === 'reviewing')) expect(e.from.context.deep.files.length).toBeGreaterThan(0);
  });
});

describe('deep lane, simple paths through its state graph', () => {
  it('covers every deep-lane state', () => {
    const reached = new Set(simple.flatMap((p) => [p.state, ...p.steps.map((step) => step.state)]).map((state) => state.value.deepLane));
    expect(simple.length).toBeGreaterThan(50);
    expect([...reached].sort()).toEqual(['applied', 'budgetLimited', 'discarded', 'failed', 'idle', 'interrupted', 'planning', 'proposed', 'reviewing', 'steerQueued', 'working']);
  });

  it.each(simple.map((path) => [nameOf(path), path] as const))('%s', async (_name, path) => {
    await replay(path);
  });
});

describe('interrupt in every running state', () => {
  const running = onePerKind(
    shortest.filter((p) => RUNNING.includes(p.state.value.deepLane) || p.state.value.runtime === 'running'),
    ({ value, context }) => [value, context.deep.turnId !== null, context.runtime.current?.origin.by, context.runtime.queue.map((r) => r.origin.by)],
  );

  it('covers planning, working and steer queued, with a run of the task and without, and the runtime running', () => {
    const kinds = new Set(running.map((p) => `${p.state.value.deepLane}/${p.state.context.runtime.current?.origin.by ?? 'none'}`));
    for (const kind of ['planning/none', 'working/none', 'steerQueued/none', 'working/deep', 'working/person']) expect(kinds).toContain(kind);
  });

  it.each(running.map((path) => [nameOf(path), path] as const))('%s', async (_name, path) => {
    const s = await replay(path);
    const before = s.context;
    const callsBefore = s.services.calls.length;
    if (RUNNING.includes(s.deep)) {
      const taskId = before.deep.taskId!;
      s.send({ type: 'deep.interrupt' });
      const calls = s.services.calls.slice(callsBefore);
      expect(s.deep).toBe('interrupted');
      // The model call stops at once, and a run of the task with it (unless already stopping); runs of the task waiting are dropped.
      expect(calls).toContainEqual({ kind: 'interruptDeepTask', taskId });
      const current = before.runtime.current;
      const stops = current !== null && current.origin.by === 'deep' && path.state.value.runtime === 'running' ? [{ kind: 'stopRun', runId: current.runId }] : [];
      expect(calls.filter((c) => c.kind === 'stopRun')).toEqual(stops);
      if (stops.length > 0) expect(s.runtime).toBe('stopping');
      expect(s.context.runtime.queue.filter((r) => r.origin.by === 'deep')).toEqual([]);
      // The files stay as they were, a queued steer comes back.
      expect(calls.filter((c) => c.kind === 'applyDeepResult' || c.kind === 'answerDeepRun')).toEqual([]);
      if (before.deep.steer !== null) expect(s.context.deep.steerRefusal).toMatchObject({ reason: 'task-ended', text: before.deep.steer.text });
      // Whatever the task still sends changes nothing.
      s.send({ type: 'deep.diff', taskId, files: FILES });
      s.send({ type: 'deep.result', taskId, summary: 'late', figures: FIGURES });
      expect(s.deep).toBe('interrupted');
      expect(s.context.deep.summary).toBeNull();
      checkInvariants(s);
    }
    if (s.runtime === 'running') {
      const runId = s.context.runtime.current!.runId;
      const before = s.services.calls.length;
      s.send({ type: 'run.stop' });
      expect(s.runtime).toBe('stopping');
      expect(s.services.calls.slice(before)).toEqual([{ kind: 'stopRun', runId }]);
      s.send({ type: 'run.finished', runId, status: 'stopped' });
      expect(['ready', 'running']).toContain(s.runtime);
      checkInvariants(s);
    }
  });
});

describe('steer in every deep-lane state', () => {
  const paths = onePerKind(shortest, ({ value, context }) => [value.deepLane, context.deep.turnId !== null, context.deep.files.length > 0, context.runtime.current?.origin.by]);

  it('covers every deep-lane state', () => {
    expect(new Set(paths.map((p) => p.state.value.deepLane)).size).toBe(11);
  });

  it.each(paths.map((path) => [nameOf(path), path] as const))('%s', async (_name, path) => {
    const s = await replay(path);
    const { deep } = s.context;
    const state = s.deep;
    const steersBefore = s.services.of('steerDeepTask').length;
    s.send({ type: 'deep.steer', text: STEER });
    const sent = s.services.of('steerDeepTask').slice(steersBefore);
    if ((state === 'planning' || state === 'working') && deep.turnId !== null) {
      expect(s.deep).toBe('steerQueued');
      expect(sent).toEqual([{ kind: 'steerDeepTask', taskId: deep.taskId, turnId: deep.turnId, text: STEER }]);
      // Typed during a turn that is over: refused, text given back.
      s.send({ type: 'deep.steer', text: STEER, turnId: deep.turnId - 1 });
      expect(s.context.deep.steerRefusal).toMatchObject({ text: STEER });
    } else {
      const reason = state === 'steerQueued' ? 'already-queued' : RUNNING.includes(state) ? 'no-turn-yet' : 'not-running';
      expect(s.deep).toBe(state);
      expect(sent).toEqual([]);
      expect(s.context.deep.steerRefusal).toEqual({ reason, message: expect.any(String), text: STEER });
    }
    checkInvariants(s);
  });
});
