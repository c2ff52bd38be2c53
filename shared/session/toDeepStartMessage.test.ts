import { describe, expect, it } from 'vitest';
import { DeepStartMessage } from '../deepLane/protocol.ts';
import { startTestSession } from './testing/startTestSession.ts';
import { toDeepStartMessage } from './toDeepStartMessage.ts';

describe('toDeepStartMessage', () => {
  it('turns the task the machine starts into a deep-start the server accepts', () => {
    const s = startTestSession({ lanes: { deep: true }, idPrefix: 'c7-' });
    s.send({ type: 'deep.propose', instruction: 'make the tests pass', constraints: 'keep the API', selection: { path: 'src/a.ts', start: 2, end: 9, text: 'parse()' }, openFiles: ['src/a.ts', 'src/b.ts'], failingTestOutput: 'FAIL x' });
    s.send({ type: 'deep.confirm' });
    const message = toDeepStartMessage(s.services.of('startDeepTask')[0]!.request);
    expect(DeepStartMessage.parse(message)).toEqual(message);
    expect(message).toEqual({
      type: 'deep-start',
      taskId: 'c7-d1',
      instruction: 'make the tests pass',
      constraints: 'keep the API',
      context: { selection: { path: 'src/a.ts', start: 2, end: 9, text: 'parse()' }, failingTestOutput: 'FAIL x', openFiles: ['src/a.ts', 'src/b.ts'] },
    });
    expect(DeepStartMessage.parse(toDeepStartMessage({ taskId: 'd2', instruction: 'x' }))).toEqual({ type: 'deep-start', taskId: 'd2', instruction: 'x', context: {} });
  });
});
