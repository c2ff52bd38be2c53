import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ProviderError } from '../ModelProvider.ts';
import { startScriptedModelServer, type ScriptedModelServer } from '../../testing/scriptedModelServer/startScriptedModelServer.ts';
import { collectGeneration, testRequest } from '../openai/collectGeneration.ts';
import { LlamaCppInfillProvider } from './LlamaCppInfillProvider.ts';

let server: ScriptedModelServer;
beforeAll(async () => {
  server = await startScriptedModelServer();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

describe('LlamaCppInfillProvider', () => {
  it('posts /infill with prefix, suffix, other files, n_predict, stream and cache_prompt', async () => {
    const provider = new LlamaCppInfillProvider({ baseURL: `${server.url}/` });
    server.enqueue({ text: 'a - b', usage: { inputTokens: 40, outputTokens: 3 } });
    const { text, done } = await collectGeneration(
      provider.generate(
        testRequest(
          { kind: 'infill', prefix: 'return ', suffix: ';', path: 'sub.ts', context: [{ path: 'add.ts', text: 'export const add = 1;' }] },
          { maxTokens: 24, temperature: 0.1, stop: ['\n\n'] },
        ),
      ),
    );
    expect(text).toBe('a - b');
    expect(done).toEqual({ type: 'done', finishReason: 'stop', usage: { inputTokens: 40, outputTokens: 3 } });
    const recorded = await server.nextRequest();
    expect(recorded.path).toBe('/infill');
    expect(recorded.sentCredentials).toBe(false);
    expect(recorded.body).toEqual({
      input_prefix: 'return ',
      input_suffix: ';',
      input_extra: [{ filename: 'add.ts', text: 'export const add = 1;' }],
      prompt: '',
      n_predict: 24,
      stream: true,
      cache_prompt: true,
      temperature: 0.1,
      stop: ['\n\n'],
    });
  });

  it('reports the server’s stop type "limit" as finishReason "length"', async () => {
    const provider = new LlamaCppInfillProvider({ baseURL: server.url });
    server.enqueue({ text: 'one two three four' });
    const { done } = await collectGeneration(provider.generate(testRequest({ kind: 'infill', prefix: '', suffix: '' }, { maxTokens: 2 })));
    expect(done?.finishReason).toBe('length');
  });

  it('says when the server is still loading its model', async () => {
    const provider = new LlamaCppInfillProvider({ baseURL: server.url });
    server.enqueue({ fault: { kind: 'status', status: 503, message: 'Loading model' } });
    const error = await collectGeneration(provider.generate(testRequest({ kind: 'infill', prefix: '', suffix: '' }))).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).message).toMatch(/still loading the model/);
  });

  it('sends chat prompts to the server’s /v1/chat/completions, with the key when there is one', async () => {
    const provider = new LlamaCppInfillProvider({ baseURL: server.url, apiKey: 'local-key-123' });
    server.enqueue({ text: 'sure' });
    await collectGeneration(provider.generate(testRequest({ kind: 'chat', messages: [{ role: 'user', content: 'Hi' }] })));
    const recorded = await server.nextRequest();
    expect(recorded.path).toBe('/v1/chat/completions');
    expect(recorded.sentCredentials).toBe(true);
    expect(provider.describe()).toEqual({ adapter: 'llamacpp-infill', model: 'model loaded by llama.cpp', endpoint: server.url, supportsInfill: true });
  });
});
