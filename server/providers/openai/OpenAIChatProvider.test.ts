import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startScriptedModelServer, type ScriptedModelServer } from '../../testing/scriptedModelServer/startScriptedModelServer.ts';
import { CURSOR_MARK } from './infillAsChat.ts';
import { collectGeneration, testRequest } from './collectGeneration.ts';
import { OpenAIChatProvider } from './OpenAIChatProvider.ts';

let server: ScriptedModelServer;
beforeAll(async () => {
  server = await startScriptedModelServer();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

const chat = { kind: 'chat' as const, messages: [{ role: 'user' as const, content: 'Rename x to count.' }] };

describe('OpenAIChatProvider requests', () => {
  it('streams with usage, the token limit, temperature and at most four stop sequences', async () => {
    const provider = new OpenAIChatProvider({ baseURL: server.baseURL, apiKey: 'k-123456', model: 'llama-3.3-70b' });
    server.enqueue({ text: 'ok' });
    await collectGeneration(provider.generate(testRequest(chat, { maxTokens: 64, temperature: 0.2, stop: ['a', 'b', 'c', 'd', 'e'] })));
    const recorded = await server.nextRequest();
    expect(recorded.body).toEqual({
      model: 'llama-3.3-70b',
      messages: [{ role: 'user', content: 'Rename x to count.' }],
      stream: true,
      stream_options: { include_usage: true },
      max_tokens: 64,
      temperature: 0.2,
      stop: ['a', 'b', 'c', 'd'],
    });
    expect(recorded.sentCredentials).toBe(true);
  });

  it('leaves out what a reasoning model refuses and sends max_completion_tokens', async () => {
    const provider = new OpenAIChatProvider({ baseURL: server.baseURL, apiKey: 'k-123456', model: 'o4-mini' });
    server.enqueue({ text: 'ok\n\nmore' });
    const { text } = await collectGeneration(provider.generate(testRequest(chat, { maxTokens: 64, temperature: 0, stop: ['\n\n'] })));
    // The stop sequence is still honoured, locally.
    expect(text).toBe('ok');
    const body = (await server.nextRequest()).body as Record<string, unknown>;
    expect(body.max_completion_tokens).toBe(64);
    expect(body).not.toHaveProperty('max_tokens');
    expect(body).not.toHaveProperty('temperature');
    expect(body).not.toHaveProperty('stop');
  });

  it('learns from a 400 that an endpoint refuses stream_options: one retry, then never sent again', async () => {
    const provider = new OpenAIChatProvider({ baseURL: server.baseURL, model: 'old-server-model' });
    server.enqueue(
      { fault: { kind: 'status', status: 400, message: "Unrecognized request argument supplied: stream_options", code: 'invalid_request' } },
      { text: 'first answer' },
      { text: 'second answer' },
    );
    const first = await collectGeneration(provider.generate(testRequest(chat)));
    expect(first.text).toBe('first answer');
    // No usage chunk without stream_options: the usage is estimated.
    expect(first.done?.usage.outputTokens).toBeGreaterThan(0);
    const second = await collectGeneration(provider.generate(testRequest(chat)));
    expect(second.text).toBe('second answer');
    const bodies = server.requests.map((r) => r.body as Record<string, unknown>);
    expect(bodies.map((b) => 'stream_options' in b)).toEqual([true, false, false]);
  });

  it('sends no Authorization header when no key is configured', async () => {
    const provider = new OpenAIChatProvider({ baseURL: server.baseURL, model: 'qwen2.5-coder:7b' });
    server.enqueue({ text: 'ok' });
    await collectGeneration(provider.generate(testRequest(chat)));
    expect((await server.nextRequest()).sentCredentials).toBe(false);
  });

  it('asks an infill prompt as a chat with the cursor marked', async () => {
    const provider = new OpenAIChatProvider({ baseURL: server.baseURL, model: 'gpt-4.1-mini', apiKey: 'k-123456' });
    server.enqueue({ text: 'a + b' });
    const { text } = await collectGeneration(provider.generate(testRequest({ kind: 'infill', prefix: 'return ', suffix: ';', path: 'add.ts' })));
    expect(text).toBe('a + b');
    const body = (await server.nextRequest()).body as { messages: { role: string; content: string }[] };
    expect(body.messages[0]?.role).toBe('system');
    expect(body.messages[1]?.content).toBe(`add.ts:\nreturn ${CURSOR_MARK};`);
  });

  it('describes itself without the key', () => {
    const provider = new OpenAIChatProvider({ baseURL: 'https://u:p@api.groq.com/openai/v1', model: 'llama-3.3-70b', apiKey: 'gsk-secretsecret' });
    expect(provider.describe()).toEqual({ adapter: 'openai-chat', model: 'llama-3.3-70b', endpoint: 'https://api.groq.com/openai/v1', supportsInfill: false });
  });
});
