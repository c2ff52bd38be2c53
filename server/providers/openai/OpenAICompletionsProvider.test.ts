import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ProviderError } from '../ModelProvider.ts';
import { startScriptedModelServer, type ScriptedModelServer } from '../../testing/scriptedModelServer/startScriptedModelServer.ts';
import { collectGeneration, testRequest } from './collectGeneration.ts';
import { OpenAICompletionsProvider } from './OpenAICompletionsProvider.ts';

let server: ScriptedModelServer;
beforeAll(async () => {
  server = await startScriptedModelServer();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

const infill = { kind: 'infill' as const, prefix: 'let total = ', suffix: ';\n', path: 'a.js' };

describe('OpenAICompletionsProvider requests', () => {
  it('renders the template chosen from the model name and sends its stop tokens', async () => {
    const provider = new OpenAICompletionsProvider({ baseURL: server.baseURL, model: 'deepseek-ai/deepseek-coder-1.3b-base' });
    expect(provider.fimTemplate).toBe('deepseek');
    server.enqueue({ text: 'a + b' });
    const { text } = await collectGeneration(provider.generate(testRequest(infill, { maxTokens: 20, temperature: 0, stop: ['\n'] })));
    expect(text).toBe('a + b');
    const body = (await server.nextRequest()).body as Record<string, unknown>;
    expect(body).toMatchObject({
      model: 'deepseek-ai/deepseek-coder-1.3b-base',
      prompt: '<｜fim▁begin｜>let total = <｜fim▁hole｜>;\n<｜fim▁end｜>',
      max_tokens: 20,
      temperature: 0,
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(body.stop).toEqual(expect.arrayContaining(['<｜end▁of▁sentence｜>', '\n']));
    expect(body).not.toHaveProperty('suffix');
  });

  it('uses the configured template over the model name, and `suffix` for suffix-param', async () => {
    const provider = new OpenAICompletionsProvider({ baseURL: server.baseURL, model: 'gpt-3.5-turbo-instruct', fimTemplate: 'suffix-param', apiKey: 'sk-abcdefghijk' });
    server.enqueue({ text: 'a + b' });
    await collectGeneration(provider.generate(testRequest(infill)));
    expect((await server.nextRequest()).body).toMatchObject({ prompt: 'let total = ', suffix: ';\n' });
  });

  it('cuts a template token the server let through', async () => {
    const provider = new OpenAICompletionsProvider({ baseURL: server.baseURL, model: 'Qwen/Qwen2.5-Coder-1.5B' });
    server.enqueue({ tokens: ['a', ' +', ' b', '<|endoftext|>', 'junk'] });
    const { text, done } = await collectGeneration(provider.generate(testRequest(infill)));
    expect(text).toBe('a + b');
    expect(done?.finishReason).toBe('stop');
  });

  it('says which setting is missing when no template fits the model', async () => {
    const provider = new OpenAICompletionsProvider({ baseURL: server.baseURL, model: 'mystery-base-7b' });
    const error = await collectGeneration(provider.generate(testRequest(infill))).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).code).toBe('misconfigured');
    expect((error as ProviderError).message).toMatch(/FIM template to one of: qwen, deepseek/);
    expect(server.requests).toHaveLength(0);
  });

  it('sends chat prompts to the same endpoint’s Chat Completions', async () => {
    const provider = new OpenAICompletionsProvider({ baseURL: server.baseURL, model: 'Qwen/Qwen2.5-Coder-7B-Instruct' });
    server.enqueue({ text: 'done' });
    await collectGeneration(provider.generate(testRequest({ kind: 'chat', messages: [{ role: 'user', content: 'Explain.' }] })));
    expect((await server.nextRequest()).route).toBe('chat');
    expect(provider.describe()).toMatchObject({ adapter: 'openai-completions', supportsInfill: true });
  });
});
