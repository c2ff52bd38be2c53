import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProviderError, type GenerateEvent, type GenerateRequest, type ModelProvider } from '../ModelProvider.ts';
import { writeTinyGguf } from '../../testing/tinyGguf/writeTinyGguf.ts';
import { createEmbeddedProvider } from './createEmbeddedProvider.ts';

let dir: string;
let fimModel: string;
let chatModel: string;
let provider: ModelProvider;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pairlane-embedded-'));
  fimModel = await writeTinyGguf(join(dir, 'tiny-coder.gguf'));
  chatModel = await writeTinyGguf(join(dir, 'tiny-chat.gguf'), { fim: false, seed: 7 });
  provider = await createEmbeddedProvider({ modelPath: fimModel });
});

afterAll(async () => {
  await provider.close();
  await rm(dir, { recursive: true, force: true });
});

const infill = { kind: 'infill', prefix: 'function add(a, b) {\n  return ', suffix: ';\n}\n', path: 'add.ts' } as const;
const chat = { kind: 'chat', messages: [{ role: 'user', content: 'Say hello.' }] } as const;

interface Recorded {
  events: GenerateEvent[];
  text: string;
  done: Extract<GenerateEvent, { type: 'done' }>;
}

async function collect(model: ModelProvider, request: Omit<GenerateRequest, 'signal'> & { signal?: AbortSignal }): Promise<Recorded> {
  const events: GenerateEvent[] = [];
  for await (const event of model.generate({ signal: new AbortController().signal, ...request })) events.push(event);
  const done = events.at(-1);
  if (done?.type !== 'done') throw new Error(`stream ended without done: ${JSON.stringify(events)}`);
  expect(events.filter((event) => event.type === 'done')).toHaveLength(1);
  const text = events.map((event) => (event.type === 'text' ? event.text : '')).join('');
  return { events, text, done };
}

describe('createEmbeddedProvider on a generated GGUF', () => {
  it('describes itself from the GGUF header', () => {
    expect(provider.describe()).toEqual({ adapter: 'embedded', model: 'pairlane-tiny-llama', endpoint: 'tiny-coder.gguf', supportsInfill: true });
  });

  it('streams a chat answer as several text events, then one done with usage', async () => {
    const { events, text, done } = await collect(provider, { prompt: chat, maxTokens: 12, temperature: 0 });
    expect(events.filter((event) => event.type === 'text').length).toBeGreaterThan(3);
    expect(text.length).toBeGreaterThan(0);
    expect(done).toMatchObject({ finishReason: 'length', usage: { outputTokens: 12 } });
    expect(done.usage.inputTokens).toBeGreaterThan(5);
  });

  it('fills in the middle, with other files placed before the FIM prefix', async () => {
    const plain = await collect(provider, { prompt: infill, maxTokens: 10, temperature: 0 });
    expect(plain.done).toMatchObject({ finishReason: 'length', usage: { outputTokens: 10 } });
    expect(plain.text.length).toBeGreaterThan(0);

    const withContext = await collect(provider, {
      prompt: { ...infill, context: [{ path: 'math.ts', text: 'export const two = 2;\n' }] },
      maxTokens: 10,
      temperature: 0,
    });
    // The snippet is in the prompt: more input tokens, and a different (random-model) answer.
    expect(withContext.done.usage.inputTokens).toBeGreaterThan(plain.done.usage.inputTokens + 5);
    expect(withContext.text).not.toBe(plain.text);
  });

  it('is deterministic at temperature 0', async () => {
    const first = await collect(provider, { prompt: infill, maxTokens: 24, temperature: 0 });
    const second = await collect(provider, { prompt: infill, maxTokens: 24, temperature: 0 });
    expect(second.text).toBe(first.text);
    const chatFirst = await collect(provider, { prompt: chat, maxTokens: 24, temperature: 0 });
    const chatSecond = await collect(provider, { prompt: chat, maxTokens: 24, temperature: 0 });
    expect(chatSecond.text).toBe(chatFirst.text);
  });

  it('ends at a stop string with finishReason stop, without the stop text', async () => {
    const full = await collect(provider, { prompt: infill, maxTokens: 40, temperature: 0 });
    const stop = full.text.slice(8, 11);
    const expected = full.text.slice(0, full.text.indexOf(stop));
    const stopped = await collect(provider, { prompt: infill, maxTokens: 40, temperature: 0, stop: [stop] });
    expect(stopped.done.finishReason).toBe('stop');
    expect(stopped.text).toBe(expected);
  });

  it('cancels mid-stream: done "cancelled" and not one text event after the abort', async () => {
    const controller = new AbortController();
    const log: { order: number; at: number; event: GenerateEvent }[] = [];
    let abortedAt: { order: number; at: number } | undefined;
    let order = 0;
    for await (const event of provider.generate({ prompt: chat, maxTokens: 3000, temperature: 0, signal: controller.signal })) {
      log.push({ order: order++, at: performance.now(), event });
      if (log.filter((entry) => entry.event.type === 'text').length === 3 && !abortedAt) {
        controller.abort();
        abortedAt = { order: order++, at: performance.now() };
      }
    }
    expect(abortedAt).toBeDefined();
    const after = log.filter((entry) => entry.order > (abortedAt?.order ?? 0));
    expect(after.map((entry) => entry.event.type)).toEqual(['done']);
    expect(after[0]?.at).toBeGreaterThanOrEqual(abortedAt?.at ?? 0);
    const done = log.at(-1)?.event;
    expect(done).toMatchObject({ type: 'done', finishReason: 'cancelled' });
    // Generation stopped upstream, far short of maxTokens; the prompt was counted.
    expect(done?.type === 'done' && done.usage.outputTokens).toBeLessThan(100);
    expect(done?.type === 'done' && done.usage.inputTokens).toBeGreaterThan(5);
  });

  it('answers an already aborted request with done "cancelled" and no text', async () => {
    const controller = new AbortController();
    controller.abort();
    const { events } = await collect(provider, { prompt: infill, maxTokens: 50, signal: controller.signal });
    expect(events).toEqual([{ type: 'done', finishReason: 'cancelled', usage: { inputTokens: 0, outputTokens: 0 } }]);
  });

  it('runs two generations at once, interleaved, and queues a third', async () => {
    const stamps: { id: number; at: number }[] = [];
    const run = async (id: number, prompt: GenerateRequest['prompt']) => {
      const events: GenerateEvent[] = [];
      for await (const event of provider.generate({ prompt, maxTokens: 60, temperature: 0, signal: new AbortController().signal })) {
        events.push(event);
        if (event.type === 'text') stamps.push({ id, at: performance.now() });
      }
      return events;
    };
    const results = await Promise.all([run(0, infill), run(1, chat), run(2, { ...infill, prefix: 'const x = ' })]);
    for (const events of results) {
      expect(events.at(-1)).toMatchObject({ type: 'done', finishReason: 'length', usage: { outputTokens: 60 } });
    }
    // The first two share the context and advance together: B's first text comes before A's last.
    const firstOf = (id: number) => stamps.find((stamp) => stamp.id === id)?.at ?? Infinity;
    const lastOf = (id: number) => stamps.filter((stamp) => stamp.id === id).at(-1)?.at ?? -Infinity;
    expect(firstOf(1)).toBeLessThan(lastOf(0));
    // The third waited for a free sequence.
    expect(firstOf(2)).toBeGreaterThan(Math.min(lastOf(0), lastOf(1)));
  });

  it('frees the sequence when the consumer stops reading early', async () => {
    for (let i = 0; i < 3; i++) {
      for await (const event of provider.generate({ prompt: chat, maxTokens: 500, signal: new AbortController().signal })) {
        if (event.type === 'text') break;
      }
    }
    const { done } = await collect(provider, { prompt: infill, maxTokens: 5, temperature: 0 });
    expect(done.finishReason).toBe('length');
  });

  it('serves infill prompts through the chat template when the model has no FIM tokens', async () => {
    const chatOnly = await createEmbeddedProvider({ modelPath: chatModel });
    try {
      expect(chatOnly.describe().supportsInfill).toBe(false);
      const { events, done } = await collect(chatOnly, { prompt: infill, maxTokens: 8, temperature: 0 });
      expect(events.filter((event) => event.type === 'text').length).toBeGreaterThan(1);
      expect(done).toMatchObject({ finishReason: 'length', usage: { outputTokens: 8 } });
    } finally {
      await chatOnly.close();
    }
  });

  it('ends running generations as cancelled on close, and refuses new ones', async () => {
    const own = await createEmbeddedProvider({ modelPath: fimModel });
    const events: GenerateEvent[] = [];
    let closing: Promise<void> | undefined;
    for await (const event of own.generate({ prompt: chat, maxTokens: 3000, signal: new AbortController().signal })) {
      events.push(event);
      if (event.type === 'text' && !closing) closing = own.close();
    }
    await closing;
    expect(events.at(-1)).toMatchObject({ type: 'done', finishReason: 'cancelled' });
    await expect(collect(own, { prompt: chat, maxTokens: 5 })).rejects.toBeInstanceOf(ProviderError);
  });

  it('cancels a generation still waiting for a sequence when the provider closes', async () => {
    const single = await createEmbeddedProvider({ modelPath: fimModel, maxConcurrent: 1 });
    const running = single.generate({ prompt: chat, maxTokens: 3000, signal: new AbortController().signal })[Symbol.asyncIterator]();
    expect((await running.next()).value).toMatchObject({ type: 'text' });
    const waiting = collect(single, { prompt: infill, maxTokens: 5 });
    const closing = single.close();
    let last = await running.next();
    while (!last.done && last.value.type === 'text') last = await running.next();
    expect(last.value).toMatchObject({ type: 'done', finishReason: 'cancelled' });
    expect((await waiting).events).toEqual([{ type: 'done', finishReason: 'cancelled', usage: { inputTokens: 0, outputTokens: 0 } }]);
    await closing;
  });
});

describe('createEmbeddedProvider with a bad model file', () => {
  it('rejects a missing file with a ProviderError that says where it looked', async () => {
    const missing = join(dir, 'nope.gguf');
    const error: unknown = await createEmbeddedProvider({ modelPath: missing }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ code: 'misconfigured', message: expect.stringContaining(missing) });
  });

  it('rejects a file that is not a GGUF', async () => {
    const garbage = join(dir, 'garbage.gguf');
    await writeFile(garbage, 'this is not a model\n'.repeat(100));
    const error: unknown = await createEmbeddedProvider({ modelPath: garbage }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ code: 'misconfigured', message: expect.stringContaining('garbage.gguf is not a readable GGUF') });
  });

  it('fails the generation with a ProviderError when the tensor data is cut short', async () => {
    const whole = await readFile(fimModel);
    const truncated = join(dir, 'truncated.gguf');
    await writeFile(truncated, whole.subarray(0, Math.floor(whole.length * 0.6)));
    const broken = await createEmbeddedProvider({ modelPath: truncated });
    try {
      const error: unknown = await collect(broken, { prompt: infill, maxTokens: 5 }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ProviderError);
      expect(error).toMatchObject({ code: 'misconfigured', message: expect.stringMatching(/could not load truncated.gguf \(.*not within the file bounds/) });
    } finally {
      await broken.close();
    }
  });

  it('rejects nonsense options', async () => {
    await expect(createEmbeddedProvider({ modelPath: fimModel, threads: 0 })).rejects.toMatchObject({ code: 'misconfigured' });
  });
});
