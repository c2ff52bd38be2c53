import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SuggestMessage } from '../../shared/clientMessage.ts';
import { readLanesConfig } from '../lanes/readLanesConfig.ts';
import { OpenAIChatProvider } from '../providers/openai/OpenAIChatProvider.ts';
import { startScriptedModelServer, type ScriptedModelServer } from '../testing/scriptedModelServer/startScriptedModelServer.ts';
import { FastLaneRelay } from './FastLaneRelay.ts';
import type { RelayClock } from './RelayClock.ts';
import type { RelayMessage } from './RelayMessage.ts';

let upstream: ScriptedModelServer;
beforeAll(async () => {
  upstream = await startScriptedModelServer();
});
afterAll(async () => {
  await upstream.close();
});

const suggest = (requestId: string): SuggestMessage => ({
  type: 'suggest',
  requestId,
  path: 'a.ts',
  language: 'typescript',
  context: { kind: 'windows', prefix: 'const a = ', suffix: ';' },
  trigger: 'auto',
});

async function until(probe: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !probe(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(probe()).toBe(true);
}

describe('RelayConnection batching', () => {
  it('lets batches wait longer while more requests stream than the relay calls busy, and never the first', async () => {
    const lanes = readLanesConfig(
      { PAIRLANE_FAST_PROVIDER: 'openai-chat', PAIRLANE_FAST_BASE_URL: upstream.baseURL, PAIRLANE_FAST_MODEL: 'scripted-model' },
      { findLocalModel: () => undefined },
    );
    const provider = new OpenAIChatProvider({ baseURL: upstream.baseURL, model: 'scripted-model' });
    // Timers of the relay's clock never fire here: each wait it asks for is recorded, and the text stays pending.
    const waits: number[] = [];
    const clock: RelayClock = { now: () => performance.now(), setTimeout: (_run, ms) => waits.push(ms), clearTimeout: () => {} };
    const relay = new FastLaneRelay({ lanes, provider, clock, flushMs: 5, busyStreams: 1 });
    const sent: RelayMessage[] = [];
    const connection = relay.connect((message) => sent.push(message));
    upstream.setFallback({ text: 'tick '.repeat(400), tokensPerSecond: 200 });
    try {
      connection.suggest(suggest('one'));
      await until(() => waits.length > 0);
      // One request streaming: the base wait; its first text went out at once.
      expect(waits[0]).toBe(5);
      expect(sent.filter((m) => m.type === 'suggestion-batch')).toHaveLength(1);
      connection.suggest(suggest('two'));
      await until(() => sent.filter((m) => m.type === 'suggestion-batch' && m.requestId === 'two').length === 1);
      await until(() => waits.length > 1);
      // Two streaming, one is busy: twice the base.
      expect(waits.at(-1)).toBe(10);
    } finally {
      relay.close();
      await provider.close();
    }
  });
});
