import { describe, expect, it } from 'vitest';
import type { DeepTaskFigures } from '../deepLane/protocol.ts';
import { selectDeepLane } from './selectDeepLane.ts';
import type { DeepFileChange } from './SessionEvent.ts';
import { startTestSession, type TestSession } from './testing/startTestSession.ts';

const FIGURES: DeepTaskFigures = { lane: 'deep', adapter: 'openai-chat', model: 'deep-model', inputTokens: 1200, outputTokens: 300, timeToFirstTokenMs: 450, durationMs: 9000, turns: 3, toolCalls: 4 };
const FILES: DeepFileChange[] = [
  { path: 'src/a.ts', status: 'modified', added: 1, removed: 1, before: 'parse()', after: 'parseInput()' },
  { path: 'src/b.ts', status: 'modified', added: 2, removed: 2, before: 'parse(x)', after: 'parseInput(x)' },
];
const SUMMARY = { status: 'failed' as const, counts: { passed: 1, failed: 1, skipped: 0, todo: 0, total: 2 }, durationMs: 5 };

/** A session whose deep lane was proposed a task and confirmed it (task d1), its runtime ready. */
function started(): TestSession {
  const s = startTestSession({ lanes: { runtime: true, deep: true } });
  s.send({ type: 'runtime.ready', runtime: 'worker' });
  s.send({ type: 'deep.propose', instruction: 'rename parse in all three files' });
  expect(s.deep).toBe('proposed');
  s.send({ type: 'deep.confirm' });
  expect(s.deep).toBe('planning');
  return s;
}

/** ... and working in turn 1. */
function working(): TestSession {
  const s = started();
  s.send({ type: 'deep.started', taskId: 'd1', adapter: 'openai-chat', model: 'deep-model', budgets: { maxTurns: 10, maxTokens: 100_000, maxWallTimeMs: 300_000, toolTimeoutMs: 30_000 } });
  s.send({ type: 'deep.turn', taskId: 'd1', turnId: 1 });
  expect(s.deep).toBe('planning');
  s.send({ type: 'deep.plan', taskId: 'd1', steps: [{ id: '1', title: 'find the uses', status: 'in-progress' }] });
  expect(s.deep).toBe('working');
  return s;
}

const view = (s: TestSession) => selectDeepLane(s.actor.getSnapshot());

describe('deep lane', () => {
  it('proposes, and starts the task on the one-key confirm with the context carried over', () => {
    const s = startTestSession({ lanes: { deep: true } });
    expect(view(s)).toBeNull();
    s.send({ type: 'deep.propose', instruction: '  ' });
    expect(s.deep).toBe('idle');
    s.send({ type: 'deep.propose', instruction: 'make the tests pass', constraints: 'keep the API', selection: { path: 'src/a.ts', start: 0, end: 5, text: 'parse' }, openFiles: ['src/a.ts'] });
    expect(view(s)).toMatchObject({ state: 'proposed', running: false, proposal: { reasons: ['asked'], instruction: 'make the tests pass', constraints: 'keep the API' } });
    s.send({ type: 'deep.confirm' });
    expect(s.services.of('startDeepTask')).toEqual([
      {
        kind: 'startDeepTask',
        request: { taskId: 'd1', instruction: 'make the tests pass', constraints: 'keep the API', selection: { path: 'src/a.ts', start: 0, end: 5, text: 'parse' }, openFiles: ['src/a.ts'] },
      },
    ]);
    expect(view(s)).toMatchObject({ state: 'planning', taskId: 'd1', running: true });
  });

  it('declines a proposal, and proposes nothing without deep-lane services', () => {
    const s = startTestSession({ lanes: { deep: true } });
    s.send({ type: 'deep.propose', instruction: 'x' });
    s.send({ type: 'deep.decline' });
    expect(s.deep).toBe('idle');
    const off = startTestSession();
    off.send({ type: 'deep.propose', instruction: 'x' });
    expect(off.deep).toBe('idle');
  });

  it('tracks the turn, plan, tool calls, diff, tests before and after, and tokens', () => {
    const s = working();
    s.send({ type: 'deep.text', taskId: 'd1', turnId: 1, text: 'Looking for ' });
    s.send({ type: 'deep.text', taskId: 'd1', turnId: 1, text: 'parse.' });
    s.send({ type: 'deep.toolCall', taskId: 'd1', turnId: 1, callId: 'c1', call: { name: 'read_file', arguments: { path: 'src/a.ts' } } });
    expect(s.services.of('runDeepTool')).toEqual([{ kind: 'runDeepTool', taskId: 'd1', callId: 'c1', call: { name: 'read_file', arguments: { path: 'src/a.ts' } } }]);
    s.send({ type: 'deep.toolFinished', taskId: 'd1', callId: 'c1', name: 'read_file', ok: true, summary: 'read src/a.ts' });
    s.send({ type: 'deep.tests', taskId: 'd1', summary: SUMMARY });
    s.send({ type: 'deep.diff', taskId: 'd1', files: FILES });
    s.send({ type: 'deep.tests', taskId: 'd1', summary: { ...SUMMARY, status: 'passed', counts: { ...SUMMARY.counts, passed: 2, failed: 0 } } });
    s.send({ type: 'deep.usage', taskId: 'd1', inputTokens: 800, outputTokens: 120 });
    s.send({ type: 'deep.turn', taskId: 'd1', turnId: 2 });
    expect(view(s)).toMatchObject({
      state: 'working',
      turnId: 2,
      narration: '',
      plan: [{ id: '1', title: 'find the uses', status: 'in-progress' }],
      toolCalls: [{ callId: 'c1', name: 'read_file', status: 'ok', summary: 'read src/a.ts' }],
      files: FILES,
      tests: { before: { status: 'failed' }, after: { status: 'passed' } },
      usage: { inputTokens: 800, outputTokens: 120 },
      model: 'deep-model',
    });
    // Events of another task change nothing.
    s.send({ type: 'deep.diff', taskId: 'd0', files: [] });
    s.send({ type: 'deep.result', taskId: 'd0', summary: 'old', figures: FIGURES });
    expect(view(s)).toMatchObject({ state: 'working', files: FILES });
  });

  it('runs the task\'s run tools through the runtime, after the person\'s run', () => {
    const s = working();
    s.send({ type: 'run.start', kind: 'program' });
    s.send({ type: 'deep.toolCall', taskId: 'd1', turnId: 1, callId: 'c2', call: { name: 'run_tests', arguments: {} } });
    expect(s.context.deep.toolCalls).toMatchObject([{ callId: 'c2', status: 'queued' }]);
    expect(s.context.runtime.queue).toMatchObject([{ kind: 'tests', origin: { by: 'deep', taskId: 'd1', callId: 'c2' } }]);
    const person = s.context.runtime.current!;
    s.send({ type: 'run.finished', runId: person.runId, status: 'ok' });
    expect(s.runtime).toBe('running');
    const deepRun = s.context.runtime.current!;
    expect(deepRun.origin).toMatchObject({ by: 'deep', callId: 'c2' });
    expect(s.context.deep.toolCalls).toMatchObject([{ callId: 'c2', status: 'running' }]);
    s.send({ type: 'run.finished', runId: deepRun.runId, status: 'passed' });
    expect(s.services.of('answerDeepRun')).toMatchObject([{ answer: { taskId: 'd1', callId: 'c2', run: { runId: deepRun.runId, status: 'passed' } } }]);
    expect(s.runtime).toBe('ready');
  });

  it('answers a run tool call at once when the runtime failed', () => {
    const s = working();
    s.send({ type: 'runtime.failed', reason: 'out of memory' });
    s.send({ type: 'deep.toolCall', taskId: 'd1', turnId: 1, callId: 'c3', call: { name: 'run_program', arguments: { entry: 'src/main.ts' } } });
    expect(s.services.of('answerDeepRun')).toEqual([{ kind: 'answerDeepRun', answer: { taskId: 'd1', callId: 'c3', refused: 'The runtime failed: out of memory' } }]);
  });

  it('queues a steer for the next turn, guarded by the turn id', () => {
    const s = working();
    s.send({ type: 'deep.steer', text: 'skip the tests folder', turnId: 0 });
    expect(view(s)).toMatchObject({ state: 'working', steerRefusal: { reason: 'stale-turn', text: 'skip the tests folder' } });
    s.send({ type: 'deep.steer', text: 'skip the tests folder', turnId: 1 });
    expect(s.deep).toBe('steerQueued');
    expect(s.services.of('steerDeepTask')).toEqual([{ kind: 'steerDeepTask', taskId: 'd1', turnId: 1, text: 'skip the tests folder' }]);
    s.send({ type: 'deep.steer', text: 'and the docs' });
    expect(view(s)).toMatchObject({ state: 'steerQueued', steerRefusal: { reason: 'already-queued', text: 'and the docs' } });
    s.send({ type: 'deep.steerAccepted', taskId: 'd1', turnId: 2 });
    expect(view(s)).toMatchObject({ state: 'working', steer: null });
    s.send({ type: 'deep.steer', text: 'faster' });
    s.send({ type: 'deep.steerRefused', taskId: 'd1', reason: 'turn 1 is over', text: 'faster' });
    expect(view(s)).toMatchObject({ state: 'working', steerRefusal: { reason: 'server', message: 'turn 1 is over', text: 'faster' } });
  });

  it('goes back to planning after a steer when no plan has come yet', () => {
    const s = started();
    s.send({ type: 'deep.turn', taskId: 'd1', turnId: 1 });
    s.send({ type: 'deep.steer', text: 'start with a.ts' });
    expect(s.deep).toBe('steerQueued');
    s.send({ type: 'deep.steerAccepted', taskId: 'd1', turnId: 2 });
    expect(s.deep).toBe('planning');
  });

  it('refuses a steer before the first turn, and when nothing runs', () => {
    const s = started();
    s.send({ type: 'deep.steer', text: 'hurry' });
    expect(view(s)).toMatchObject({ state: 'planning', steerRefusal: { reason: 'no-turn-yet', text: 'hurry' } });
    s.send({ type: 'deep.result', taskId: 'd1', summary: 'done', figures: FIGURES });
    s.send({ type: 'deep.steer', text: 'more' });
    expect(view(s)).toMatchObject({ state: 'reviewing', steerRefusal: { reason: 'not-running', text: 'more' } });
  });

  it('interrupts at once: the model call and a run of the task stop, the steer text comes back, nothing is applied', () => {
    const s = working();
    s.send({ type: 'deep.toolCall', taskId: 'd1', turnId: 1, callId: 'c2', call: { name: 'run_tests', arguments: {} } });
    const run = s.context.runtime.current!;
    s.send({ type: 'deep.steer', text: 'use a Map' });
    s.send({ type: 'deep.interrupt' });
    expect(view(s)).toMatchObject({ state: 'interrupted', interruption: { by: 'person' }, steer: null, steerRefusal: { reason: 'task-ended', text: 'use a Map' } });
    expect(s.services.of('interruptDeepTask')).toEqual([{ kind: 'interruptDeepTask', taskId: 'd1' }]);
    expect(s.services.of('stopRun')).toEqual([{ kind: 'stopRun', runId: run.runId }]);
    expect(s.runtime).toBe('stopping');
    // The stopped run's result does not go to the ended task.
    s.send({ type: 'run.finished', runId: run.runId, status: 'stopped' });
    expect(s.services.of('answerDeepRun')).toEqual([]);
    expect(s.services.of('applyDeepResult')).toEqual([]);
    // The server's answer brings the figures for the record.
    s.send({ type: 'deep.interrupted', taskId: 'd1', figures: FIGURES });
    expect(s.services.metrics).toMatchObject([{ requestId: 'd1', lane: 'deep', kind: 'task', outcome: 'interrupted', model: 'deep-model', tokensIn: 1200, tokensOut: 300, timeToFirstTokenMs: 450 }]);
  });

  it('reviews the result: apply per file, then the rest', () => {
    const s = working();
    s.send({ type: 'deep.diff', taskId: 'd1', files: FILES });
    s.send({ type: 'deep.result', taskId: 'd1', summary: 'Renamed parse to parseInput.', figures: FIGURES });
    expect(view(s)).toMatchObject({ state: 'reviewing', summary: 'Renamed parse to parseInput.', toApply: ['src/a.ts', 'src/b.ts'] });
    s.send({ type: 'deep.applyFile', path: 'src/nope.ts' });
    s.send({ type: 'deep.applyFile', path: 'src/b.ts' });
    expect(view(s)).toMatchObject({ state: 'reviewing', applied: ['src/b.ts'], toApply: ['src/a.ts'] });
    s.send({ type: 'deep.applyFile', path: 'src/b.ts' });
    s.send({ type: 'deep.applyAll' });
    expect(s.deep).toBe('applied');
    expect(s.services.of('applyDeepResult')).toEqual([
      { kind: 'applyDeepResult', taskId: 'd1', files: [FILES[1]] },
      { kind: 'applyDeepResult', taskId: 'd1', files: [FILES[0]] },
    ]);
    expect(s.services.metrics).toMatchObject([{ requestId: 'd1', outcome: 'accepted', detail: 'per-file' }]);
  });

  it('applies all at once, or discards', () => {
    const a = working();
    a.send({ type: 'deep.diff', taskId: 'd1', files: FILES });
    a.send({ type: 'deep.result', taskId: 'd1', summary: 's', figures: FIGURES });
    a.send({ type: 'deep.applyAll' });
    expect(a.services.of('applyDeepResult')).toEqual([{ kind: 'applyDeepResult', taskId: 'd1', files: FILES }]);
    expect(a.services.metrics).toMatchObject([{ outcome: 'accepted', detail: null }]);
    const d = working();
    d.send({ type: 'deep.diff', taskId: 'd1', files: FILES });
    d.send({ type: 'deep.result', taskId: 'd1', summary: 's', figures: FIGURES });
    d.send({ type: 'deep.discard' });
    expect(d.deep).toBe('discarded');
    expect(d.services.of('applyDeepResult')).toEqual([]);
    expect(d.services.metrics).toMatchObject([{ outcome: 'rejected', detail: 'discarded' }]);
    d.send({ type: 'deep.close' });
    expect(view(d)).toBeNull();
  });

  it('fails with the server\'s status and message', () => {
    const s = working();
    s.send({ type: 'deep.failed', taskId: 'd1', status: 'looping', message: 'The model repeated the same call three times.', figures: FIGURES });
    expect(view(s)).toMatchObject({ state: 'failed', failure: { status: 'looping', message: 'The model repeated the same call three times.' } });
    expect(s.services.metrics).toMatchObject([{ outcome: 'failed', detail: 'looping' }]);
  });

  it('stops at a budget, saying which, and records it with the figures of the failure that follows', () => {
    const s = working();
    s.send({ type: 'deep.budget', taskId: 'd1', which: 'wall-time', limit: 300_000, used: 300_050 });
    expect(view(s)).toMatchObject({ state: 'budgetLimited', budget: { which: 'wall-time', limit: 300_000, used: 300_050 }, failure: null });
    s.send({ type: 'deep.failed', taskId: 'd1', status: 'budget', message: 'The task ran out of time.', figures: FIGURES });
    expect(view(s)).toMatchObject({ state: 'budgetLimited', failure: null });
    expect(s.services.metrics).toMatchObject([{ outcome: 'failed', detail: 'budget:wall-time', tokensIn: 1200 }]);
  });

  it('reviews what a looping task staged: applying it is a partial acceptance, recorded once', () => {
    const s = working();
    s.send({ type: 'deep.tests', taskId: 'd1', summary: SUMMARY });
    s.send({ type: 'deep.diff', taskId: 'd1', files: FILES });
    s.send({ type: 'deep.failed', taskId: 'd1', status: 'looping', message: 'The model repeated the same call three times.', figures: FIGURES });
    expect(view(s)).toMatchObject({ state: 'failed', files: FILES });
    // The record waits for what the person does with the staged files.
    expect(s.services.metrics).toEqual([]);
    s.send({ type: 'deep.review' });
    expect(view(s)).toMatchObject({
      state: 'reviewing',
      summary: 'Stopped before finishing (looping): review what it staged.',
      toApply: ['src/a.ts', 'src/b.ts'],
      tests: { before: { status: 'failed' }, after: null },
      failure: { status: 'looping' },
    });
    s.send({ type: 'deep.applyAll' });
    expect(s.deep).toBe('applied');
    expect(s.services.of('applyDeepResult')).toEqual([{ kind: 'applyDeepResult', taskId: 'd1', files: FILES }]);
    expect(s.services.metrics).toMatchObject([{ requestId: 'd1', outcome: 'accepted', detail: 'partial', tokensIn: 1200 }]);
    s.send({ type: 'deep.close' });
    expect(s.services.metrics).toHaveLength(1);
  });

  it('reviews what a task out of budget staged, before or after the budget\'s ending; discarding it is a rejection', () => {
    for (const endingFirst of [true, false]) {
      const s = working();
      s.send({ type: 'deep.diff', taskId: 'd1', files: FILES });
      s.send({ type: 'deep.budget', taskId: 'd1', which: 'tokens', limit: 10_000, used: 10_050 });
      if (endingFirst) s.send({ type: 'deep.failed', taskId: 'd1', status: 'budget', message: 'Out of tokens.', figures: FIGURES });
      expect(s.services.metrics).toEqual([]);
      s.send({ type: 'deep.review' });
      expect(view(s)).toMatchObject({ state: 'reviewing', summary: 'Stopped before finishing (budget): review what it staged.', budget: { which: 'tokens' } });
      if (!endingFirst) s.send({ type: 'deep.failed', taskId: 'd1', status: 'budget', message: 'Out of tokens.', figures: FIGURES });
      expect(s.deep).toBe('reviewing');
      s.send({ type: 'deep.discard' });
      expect(s.deep).toBe('discarded');
      expect(s.services.of('applyDeepResult')).toEqual([]);
      expect(s.services.metrics).toMatchObject([{ requestId: 'd1', outcome: 'rejected', detail: 'discarded', tokensIn: 1200 }]);
    }
  });

  it('records an unreviewed partial result as its failure when the panel closes or a new task is proposed', () => {
    const closed = working();
    closed.send({ type: 'deep.diff', taskId: 'd1', files: FILES });
    closed.send({ type: 'deep.budget', taskId: 'd1', which: 'turns', limit: 10, used: 10 });
    closed.send({ type: 'deep.failed', taskId: 'd1', status: 'budget', message: 'Out of turns.', figures: FIGURES });
    closed.send({ type: 'deep.close' });
    expect(closed.services.metrics).toMatchObject([{ requestId: 'd1', outcome: 'failed', detail: 'budget:turns', tokensIn: 1200 }]);
    const replaced = working();
    replaced.send({ type: 'deep.diff', taskId: 'd1', files: FILES });
    replaced.send({ type: 'deep.failed', taskId: 'd1', status: 'looping', message: 'looping', figures: FIGURES });
    replaced.send({ type: 'deep.propose', instruction: 'try again' });
    expect(replaced.deep).toBe('proposed');
    expect(replaced.services.metrics).toMatchObject([{ requestId: 'd1', outcome: 'failed', detail: 'looping' }]);
  });

  it('has nothing to review when the task staged nothing, or was interrupted', () => {
    const failed = working();
    failed.send({ type: 'deep.failed', taskId: 'd1', status: 'looping', message: 'looping', figures: FIGURES });
    failed.send({ type: 'deep.review' });
    expect(view(failed)).toMatchObject({ state: 'failed', summary: null });
    const limited = working();
    limited.send({ type: 'deep.budget', taskId: 'd1', which: 'tokens', limit: 10_000, used: 10_050 });
    limited.send({ type: 'deep.review' });
    expect(limited.deep).toBe('budgetLimited');
    const interrupted = working();
    interrupted.send({ type: 'deep.diff', taskId: 'd1', files: FILES });
    interrupted.send({ type: 'deep.interrupt' });
    interrupted.send({ type: 'deep.review' });
    expect(interrupted.deep).toBe('interrupted');
    // Nor from a running task or a result already under review.
    const running = working();
    running.send({ type: 'deep.diff', taskId: 'd1', files: FILES });
    running.send({ type: 'deep.review' });
    expect(running.deep).toBe('working');
    for (const s of [failed, limited, interrupted, running]) expect(s.services.of('applyDeepResult')).toEqual([]);
  });
});
