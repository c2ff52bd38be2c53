import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ProviderError } from '../ModelProvider.ts';
import { startScriptedModelServer, type ScriptedModelServer } from '../../testing/scriptedModelServer/startScriptedModelServer.ts';
import { collectGeneration, testRequest } from './collectGeneration.ts';
import { OpenAIResponsesWebSocketProvider } from './OpenAIResponsesWebSocketProvider.ts';

let server: ScriptedModelServer;
let provider: OpenAIResponsesWebSocketProvider;
beforeAll(async () => {
  server = await startScriptedModelServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.reset();
  provider = new OpenAIResponsesWebSocketProvider({ baseURL: server.baseURL, apiKey: 'sk-ws-test-0123456789', model: 'gpt-5.3-codex-spark' });
});
afterEach(() => provider.close());

const chat = { kind: 'chat' as const, messages: [{ role: 'user' as const, content: 'Hi.' }] };

function newConnections(before: number): number {
  return server.connectionCounts().webSocket - before;
}

async function failure(run: Promise<unknown>): Promise<ProviderError> {
  const error = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ProviderError)) throw new Error(`expected a ProviderError, got ${String(error)}`);
  return error;
}

describe('OpenAIResponsesWebSocketProvider connections', () => {
  it('answers turn after turn on one connection, sending response.create without `stream`', async () => {
    const before = server.connectionCounts().webSocket;
    server.setFallback({ text: 'answer' });
    for (let i = 0; i < 3; i++) expect((await collectGeneration(provider.generate(testRequest(chat)))).text).toBe('answer');
    expect(newConnections(before)).toBe(1);
    const body = (await server.nextRequest()).body as Record<string, unknown>;
    expect(body).toMatchObject({ type: 'response.create', model: 'gpt-5.3-codex-spark', store: false, max_output_tokens: 32 });
    expect(body).not.toHaveProperty('stream');
    expect(server.requests.every((r) => r.transport === 'websocket' && r.sentCredentials)).toBe(true);
  });

  it('gives concurrent turns their own connections, then reuses them', async () => {
    const before = server.connectionCounts().webSocket;
    server.setFallback({ text: 'a b c d', tokensPerSecond: 200 });
    await Promise.all([1, 2].map(() => collectGeneration(provider.generate(testRequest(chat)))));
    expect(newConnections(before)).toBe(2);
    await Promise.all([1, 2].map(() => collectGeneration(provider.generate(testRequest(chat)))));
    expect(newConnections(before)).toBe(2);
  });

  it('closes the socket of a cancelled turn and has a spare open for the next one', async () => {
    const before = server.connectionCounts().webSocket;
    server.enqueue({ text: 'tick '.repeat(2000), tokensPerSecond: 200 }, { text: 'next' });
    const controller = new AbortController();
    for await (const event of provider.generate(testRequest(chat, { maxTokens: 2000, signal: controller.signal }))) {
      if (event.type === 'text') controller.abort();
    }
    expect((await (await server.nextRequest()).settled).outcome).toBe('aborted');
    expect((await collectGeneration(provider.generate(testRequest(chat)))).text).toBe('next');
    // The cancelled turn's socket and its spare: the next turn found the spare ready.
    expect(newConnections(before)).toBe(2);
    expect(provider.openSockets).toBe(1);
  });

  it('retries once on a fresh connection when the server has closed the idle one', async () => {
    server.setFallback({ text: 'still here' });
    await collectGeneration(provider.generate(testRequest(chat)));
    server.dropWebSocketConnections();
    expect((await collectGeneration(provider.generate(testRequest(chat)))).text).toBe('still here');
  });

  it('maps a refused handshake: 401 → misconfigured, 429 → rate-limited with its Retry-After', async () => {
    server.rejectWebSocketUpgrades({ status: 401 });
    expect((await failure(collectGeneration(provider.generate(testRequest(chat))))).code).toBe('misconfigured');
    server.rejectWebSocketUpgrades({ status: 429, retryAfterSeconds: 3 });
    const limited = await failure(collectGeneration(provider.generate(testRequest(chat))));
    expect(limited.code).toBe('rate-limited');
    expect(limited.retryAfterMs).toBe(3000);
    expect(limited.message).not.toContain('sk-ws-test');
  });

  it('closes every socket on close()', async () => {
    server.setFallback({ text: 'x' });
    await collectGeneration(provider.generate(testRequest(chat)));
    expect(provider.openSockets).toBe(1);
    await provider.close();
    expect(provider.openSockets).toBe(0);
  });
});
