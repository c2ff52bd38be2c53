import { describe, expect, it } from 'vitest';
import { DEEP_ENDING_KINDS, DeepEventMessage, type DeepEvent, type DeepTaskFigures } from '../deepLane/protocol.ts';
import { WorkspaceOverlay } from '../deepLane/WorkspaceOverlay.ts';
import { deepEventToSessionEvent } from './deepEventToSessionEvent.ts';
import { selectDeepLane } from './selectDeepLane.ts';
import { startTestSession } from './testing/startTestSession.ts';

const FIGURES: DeepTaskFigures = { lane: 'deep', adapter: 'a', model: 'm', inputTokens: 10, outputTokens: 2, timeToFirstTokenMs: 5, durationMs: 50, turns: 1, toolCalls: 1 };
const message = (event: DeepEvent, seq = 0) => DeepEventMessage.parse({ type: 'deep-event', taskId: 'd1', seq, event });

describe('deep events to session events', () => {
  it('maps every kind, keeping the task id', () => {
    const events: DeepEvent[] = [
      { kind: 'started', adapter: 'a', model: 'm', budgets: { maxTurns: 5, maxTokens: 1000, maxWallTimeMs: 60_000, toolTimeoutMs: 10_000 } },
      { kind: 'turn', turnId: 1 },
      { kind: 'text', turnId: 1, text: 'hi' },
      { kind: 'plan', steps: [{ id: 's1', title: 'do it', status: 'pending' }] },
      { kind: 'tool-call', turnId: 1, callId: 'c1', timeoutMs: 1000, call: { name: 'list_files', arguments: {} } },
      { kind: 'tool-finished', callId: 'c1', name: 'list_files', ok: false, failure: 'error', summary: 'broke', durationMs: 3 },
      { kind: 'diff', files: [] },
      { kind: 'tests', summary: { status: 'passed', counts: { passed: 1, failed: 0, skipped: 0, todo: 0, total: 1 }, durationMs: 1 } },
      { kind: 'usage', inputTokens: 3, outputTokens: 4 },
      { kind: 'steer-accepted', turnId: 2 },
      { kind: 'steer-refused', reason: 'turn over', text: 'again' },
      { kind: 'budget', which: 'tokens', limit: 1000, used: 1001 },
      { kind: 'result', summary: 'done', figures: FIGURES },
      { kind: 'failed', status: 'busy', message: 'one task at a time', figures: FIGURES },
      { kind: 'interrupted', figures: FIGURES },
    ];
    const mapped = events.map((event) => deepEventToSessionEvent(message(event)));
    expect(mapped.map((e) => e.type)).toEqual([
      'deep.started',
      'deep.turn',
      'deep.text',
      'deep.plan',
      'deep.toolCall',
      'deep.toolFinished',
      'deep.diff',
      'deep.tests',
      'deep.usage',
      'deep.steerAccepted',
      'deep.steerRefused',
      'deep.budget',
      'deep.result',
      'deep.failed',
      'deep.interrupted',
    ]);
    for (const e of mapped) expect(e.taskId).toBe('d1');
    expect(mapped[4]).toEqual({ type: 'deep.toolCall', taskId: 'd1', turnId: 1, callId: 'c1', call: { name: 'list_files', arguments: {} } });
    expect(mapped[5]).toEqual({ type: 'deep.toolFinished', taskId: 'd1', callId: 'c1', name: 'list_files', ok: false, failure: 'error', summary: 'broke' });
    expect(mapped[10]).toEqual({ type: 'deep.steerRefused', taskId: 'd1', reason: 'turn over', text: 'again' });
    expect(DEEP_ENDING_KINDS).toEqual(['result', 'failed', 'interrupted']);
  });

  it('adds each file\'s texts from the overlay to a diff, and the machine reviews them', () => {
    const overlay = new WorkspaceOverlay({ 'src/a.ts': 'export const parse = 1;\n', 'src/b.ts': 'import { parse } from "./a.ts";\n' });
    expect(overlay.apply('src/a.ts\n<<<<<<< SEARCH\nexport const parse = 1;\n=======\nexport const parseInput = 1;\n>>>>>>> REPLACE\n').ok).toBe(true);
    const diff = deepEventToSessionEvent(message({ kind: 'diff', files: overlay.diff() }), overlay.changes());
    expect(diff).toEqual({
      type: 'deep.diff',
      taskId: 'd1',
      files: [{ path: 'src/a.ts', status: 'modified', added: 1, removed: 1, before: 'export const parse = 1;\n', after: 'export const parseInput = 1;\n' }],
    });

    const s = startTestSession({ lanes: { deep: true } });
    s.send({ type: 'deep.propose', instruction: 'rename parse' });
    s.send({ type: 'deep.confirm' });
    s.send(diff);
    s.send(deepEventToSessionEvent(message({ kind: 'result', summary: 'Renamed.', figures: FIGURES }, 1)));
    expect(selectDeepLane(s.actor.getSnapshot())).toMatchObject({ state: 'reviewing', toApply: ['src/a.ts'] });
    s.send({ type: 'deep.applyAll' });
    expect(s.services.of('applyDeepResult')[0]?.files[0]?.after).toBe('export const parseInput = 1;\n');
  });
});
