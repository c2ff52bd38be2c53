import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { laneDefaults } from '../../lanes/laneDefaults.ts';
import type { RemoteLaneConfig } from '../../lanes/LaneConfig.ts';
import { startScriptedModelServer, type ScriptedModelServer } from '../../testing/scriptedModelServer/startScriptedModelServer.ts';
import type { GenerateEvent, GenerateRequest } from '../ModelProvider.ts';
import { OpenAIChatProvider } from '../openai/OpenAIChatProvider.ts';
import { ThreadedProvider } from './ThreadedProvider.ts';

let upstream: ScriptedModelServer;
beforeAll(async () => {
  upstream = await startScriptedModelServer();
});
afterAll(async () => {
  await upstream.close();
});

const request = (signal: AbortSignal): GenerateRequest => ({ prompt: { kind: 'chat', messages: [{ role: 'user', content: 'go' }] }, maxTokens: 1000, signal });

/** Reads a generation until its first text, then hands back the rest to read. */
async function firstText(events: AsyncIterable<GenerateEvent>): Promise<AsyncIterator<GenerateEvent>> {
  const iterator = events[Symbol.asyncIterator]();
  for (;;) {
    const next = await iterator.next();
    if (next.done) throw new Error('ended before any text');
    if (next.value.type === 'text') return iterator;
  }
}

async function rest(iterator: AsyncIterator<GenerateEvent>): Promise<GenerateEvent[]> {
  const events: GenerateEvent[] = [];
  for (let next = await iterator.next(); !next.done; next = await iterator.next()) events.push(next.value);
  return events;
}

describe('ThreadedProvider', () => {
  it('runs a generation on this thread while few are in flight, and the next ones on its threads', async () => {
    const config: RemoteLaneConfig = {
      lane: 'fast',
      provider: 'openai-chat',
      baseURL: upstream.baseURL,
      model: 'scripted-model',
      budgets: laneDefaults.fast.budgets,
      timeouts: laneDefaults.fast.timeouts,
      dropParameters: [],
    };
    const local = new OpenAIChatProvider({ baseURL: config.baseURL, model: config.model });
    const provider = new ThreadedProvider({ config, threads: 1, description: local.describe(), local: { provider: local, belowInFlight: 1 } });
    await provider.ready();
    upstream.setFallback({ text: 'tick '.repeat(40), tokensPerSecond: 400 });
    const controller = new AbortController();
    try {
      const here = await firstText(provider.generate(request(controller.signal)));
      expect(provider.inFlight()).toEqual({ here: 1, onThreads: 0 });
      const there = await firstText(provider.generate(request(controller.signal)));
      expect(provider.inFlight()).toEqual({ here: 1, onThreads: 1 });
      const [endHere, endThere] = await Promise.all([rest(here), rest(there)]);
      for (const events of [endHere, endThere]) expect(events.at(-1)).toMatchObject({ type: 'done', finishReason: 'stop' });
      expect(provider.inFlight()).toEqual({ here: 0, onThreads: 0 });
    } finally {
      await provider.close();
    }
  });
});
