import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startScriptedModelServer, type ScriptedModelServer } from '../../testing/scriptedModelServer/startScriptedModelServer.ts';
import { collectGeneration, testRequest } from './collectGeneration.ts';
import { OpenAIResponsesProvider } from './OpenAIResponsesProvider.ts';

let server: ScriptedModelServer;
beforeAll(async () => {
  server = await startScriptedModelServer();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

const chat = {
  kind: 'chat' as const,
  messages: [
    { role: 'system' as const, content: 'Answer with code only.' },
    { role: 'user' as const, content: 'A sum function.' },
  ],
};

describe('OpenAIResponsesProvider requests', () => {
  it('sends system messages as instructions, the rest as input, store: false, and streams', async () => {
    const provider = new OpenAIResponsesProvider({ baseURL: server.baseURL, apiKey: 'k-123456', model: 'gpt-4.1-mini', reasoningEffort: 'low' });
    server.enqueue({ text: 'const sum = (a, b) => a + b;' });
    const { text, done } = await collectGeneration(provider.generate(testRequest(chat, { maxTokens: 100, temperature: 0 })));
    expect(text).toBe('const sum = (a, b) => a + b;');
    expect(done?.finishReason).toBe('stop');
    expect((await server.nextRequest()).body).toEqual({
      model: 'gpt-4.1-mini',
      instructions: 'Answer with code only.',
      input: [{ type: 'message', role: 'user', content: 'A sum function.' }],
      max_output_tokens: 100,
      store: false,
      temperature: 0,
      reasoning: { effort: 'low' },
      stream: true,
    });
  });

  it('asks for at least the API’s minimum of 16 tokens and stops after fewer itself', async () => {
    const provider = new OpenAIResponsesProvider({ baseURL: server.baseURL, apiKey: 'k-123456', model: 'gpt-5.3-codex-spark' });
    server.enqueue({ text: 'one two three four five six' });
    const { text, done } = await collectGeneration(provider.generate(testRequest(chat, { maxTokens: 2, temperature: 0 })));
    expect(text).toBe('one two');
    expect(done?.finishReason).toBe('length');
    const body = (await server.nextRequest()).body as Record<string, unknown>;
    expect(body.max_output_tokens).toBe(16);
    // Codex models refuse temperature.
    expect(body).not.toHaveProperty('temperature');
  });
});
