import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { performance } from 'node:perf_hooks';
import { WebSocket } from 'ws';
import { startScriptedModelServer, type ScriptedModelServer } from './startScriptedModelServer.ts';
import { splitIntoTokens } from './splitIntoTokens.ts';

// Raw fetch and ws clients here, so the double is checked on the wire, not through the adapters it serves.
let server: ScriptedModelServer;
beforeAll(async () => {
  server = await startScriptedModelServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => server.reset());

function post(path: string, body: unknown, init: RequestInit = {}): Promise<Response> {
  return fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer sk-secret-test-key' },
    body: JSON.stringify(body),
    ...init,
  });
}

/** The `data:` payloads of an SSE body, in order. */
function sseData(text: string): string[] {
  return text
    .split('\n\n')
    .filter((block) => block.trim() !== '')
    .map((block) => block.split('\n').find((line) => line.startsWith('data: '))?.slice('data: '.length) ?? '');
}

describe('splitIntoTokens', () => {
  it('splits into word-sized pieces that join back into the text', () => {
    const text = 'const x = foo(1, "two");\n  return x;  ';
    const tokens = splitIntoTokens(text);
    expect(tokens.join('')).toBe(text);
    expect(tokens.slice(0, 4)).toEqual(['const', ' x', ' =', ' foo']);
  });
});

describe('HTTP streaming', () => {
  it('streams Chat Completions chunks, usage when asked, then [DONE]; records the request without its key', async () => {
    server.enqueue({ text: 'Hello there, world', usage: { inputTokens: 7, outputTokens: 4 } });
    const res = await post('/v1/chat/completions', {
      model: 'm1',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const data = sseData(await res.text());
    expect(data.at(-1)).toBe('[DONE]');
    const chunks = data.slice(0, -1).map((d) => JSON.parse(d) as { choices: { delta?: { content?: string }; finish_reason: string | null }[]; usage?: unknown });
    const text = chunks.map((c) => c.choices[0]?.delta?.content ?? '').join('');
    expect(text).toBe('Hello there, world');
    expect(chunks.filter((c) => c.choices[0]?.delta?.content).length).toBe(4);
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe('stop');
    expect(chunks.at(-1)?.usage).toEqual({ prompt_tokens: 7, completion_tokens: 4, total_tokens: 11 });
    const recorded = await server.nextRequest();
    expect(recorded).toMatchObject({ route: 'chat', transport: 'http', outcome: 'completed', tokensSent: 4, sentCredentials: true });
    expect(recorded.headers.authorization).toBeUndefined();
    expect(JSON.stringify(recorded)).not.toContain('sk-secret-test-key');
    expect(recorded.body).toMatchObject({ model: 'm1' });
  });

  it('paces tokens at the scripted rate, in the scripted chunks, after the first-token delay', async () => {
    server.enqueue({ tokens: Array.from({ length: 20 }, (_, i) => `t${i} `), tokensPerSecond: 200, chunkTokens: 2, firstTokenDelayMs: 30 });
    const started = performance.now();
    const res = await post('/v1/completions', { model: 'base', prompt: 'x', stream: true });
    const data = sseData(await res.text());
    const elapsed = performance.now() - started;
    // 10 chunks, the last one due 30 ms + 9 × 10 ms after the start: never sooner.
    expect(elapsed).toBeGreaterThanOrEqual(115);
    const texts = data.slice(0, -1).map((d) => (JSON.parse(d) as { choices: { text: string }[] }).choices[0]?.text ?? '');
    expect(texts.filter((t) => t !== '')).toHaveLength(10);
    expect(texts[0]).toBe('t0 t1 ');
    const recorded = await server.nextRequest();
    expect(recorded.firstTokenAt! - recorded.receivedAt).toBeGreaterThanOrEqual(29);
  });

  it('stops at the request’s max tokens with finish reason "length"', async () => {
    server.enqueue({ text: 'one two three four five' });
    const res = await post('/v1/completions', { model: 'base', prompt: 'x', max_tokens: 2, stream: true });
    const data = sseData(await res.text()).slice(0, -1).map((d) => JSON.parse(d) as { choices: { text: string; finish_reason: string | null }[] });
    expect(data.map((c) => c.choices[0]?.text).join('')).toBe('one two');
    expect(data.at(-1)?.choices[0]?.finish_reason).toBe('length');
  });

  it('records a client that aborts mid-stream, and when', async () => {
    server.enqueue({ text: 'a '.repeat(5000), tokensPerSecond: 500 });
    const controller = new AbortController();
    const res = await post('/v1/chat/completions', { model: 'm', messages: [], stream: true }, { signal: controller.signal });
    const reader = res.body!.getReader();
    await reader.read();
    const abortAt = performance.now();
    controller.abort();
    const recorded = await (await server.nextRequest()).settled;
    expect(recorded.outcome).toBe('aborted');
    expect(recorded.abortedAt).toBeGreaterThanOrEqual(abortAt - 1);
    expect(recorded.tokensSent).toBeLessThan(5000);
    expect(server.activeAnswers()).toBe(0);
  });

  it('answers a scripted status with an OpenAI error body and retry headers', async () => {
    server.enqueue({ fault: { kind: 'status', status: 429, retryAfterSeconds: 2 } });
    const res = await post('/v1/chat/completions', { model: 'm', messages: [], stream: true });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('2');
    expect(await res.json()).toMatchObject({ error: { code: 'rate_limit_exceeded', type: 'requests' } });
  });

  it('sends a malformed chunk, hangs, or drops the connection as scripted', async () => {
    server.enqueue({ text: 'one two', fault: { kind: 'malformed', afterTokens: 1 } });
    const malformed = sseData(await (await post('/v1/chat/completions', { model: 'm', messages: [], stream: true })).text());
    expect(() => JSON.parse(malformed.at(-1)!)).toThrow();

    server.enqueue({ text: 'one two', fault: { kind: 'disconnect', afterTokens: 1 } });
    const dropped = await post('/v1/chat/completions', { model: 'm', messages: [], stream: true });
    await expect(dropped.text()).rejects.toThrow();
    expect((await (await server.nextRequest()).settled).outcome).toBe('completed');
    expect((await (await server.nextRequest()).settled).outcome).toBe('dropped');

    server.enqueue({ text: 'one two', fault: { kind: 'hang', afterTokens: 1 } });
    const controller = new AbortController();
    const hanging = await post('/v1/chat/completions', { model: 'm', messages: [], stream: true }, { signal: controller.signal });
    const reader = hanging.body!.getReader();
    await reader.read();
    const recorded = await server.nextRequest();
    expect(recorded.outcome).toBe('pending');
    controller.abort();
    expect((await recorded.settled).outcome).toBe('aborted');
  });

  it('answers with a 500 when nothing is scripted, and uses the fallback when one is set', async () => {
    expect((await post('/v1/completions', { model: 'm', prompt: '' })).status).toBe(500);
    server.setFallback({ text: 'again' });
    for (let i = 0; i < 2; i++) {
      const body = (await (await post('/v1/completions', { model: 'm', prompt: '' })).json()) as { choices: { text: string }[] };
      expect(body.choices[0]?.text).toBe('again');
    }
  });

  it('gives a queued answer only to its route', async () => {
    server.enqueue({ route: 'infill', text: 'for infill' }, { text: 'for anyone' });
    const chat = (await (await post('/v1/chat/completions', { model: 'm', messages: [] })).json()) as { choices: { message: { content: string } }[] };
    expect(chat.choices[0]?.message.content).toBe('for anyone');
    const infill = (await (await post('/infill', { input_prefix: 'a', input_suffix: 'b' })).json()) as { content: string };
    expect(infill.content).toBe('for infill');
  });

  it('streams llama.cpp /infill with a final stop chunk and token counts', async () => {
    server.enqueue({ text: 'return a + b;', usage: { inputTokens: 12, outputTokens: 5 } });
    const data = sseData(await (await post('/infill', { input_prefix: 'function add(a, b) {\n  ', input_suffix: '\n}', n_predict: 32, stream: true, cache_prompt: true })).text());
    const chunks = data.map((d) => JSON.parse(d) as { content: string; stop: boolean; stop_type?: string; tokens_predicted: number; tokens_evaluated: number });
    expect(chunks.map((c) => c.content).join('')).toBe('return a + b;');
    expect(chunks.at(-1)).toMatchObject({ stop: true, stop_type: 'eos', tokens_predicted: 5, tokens_evaluated: 12 });
    expect(data).not.toContain('[DONE]');
  });
});

describe('Responses WebSocket', () => {
  function open(): Promise<WebSocket> {
    const socket = new WebSocket(`${server.baseURL.replace('http', 'ws')}/responses`, { headers: { authorization: 'Bearer sk-secret-test-key' } });
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(socket));
      socket.once('error', reject);
    });
  }

  function turn(socket: WebSocket, body: Record<string, unknown>): Promise<Record<string, unknown>[]> {
    return new Promise((resolve) => {
      const events: Record<string, unknown>[] = [];
      const onMessage = (data: unknown) => {
        const event = JSON.parse(String(data)) as Record<string, unknown>;
        events.push(event);
        if (event.type === 'response.completed' || event.type === 'response.incomplete' || event.type === 'error') {
          socket.off('message', onMessage);
          resolve(events);
        }
      };
      socket.on('message', onMessage);
      socket.send(JSON.stringify({ type: 'response.create', ...body }));
    });
  }

  it('answers several turns on one connection, one recorded request per turn', async () => {
    server.enqueue({ text: 'first answer' }, { text: 'second' });
    const before = server.connectionCounts().webSocket;
    const socket = await open();
    const first = await turn(socket, { model: 'spark', input: 'hi' });
    expect(first.filter((e) => e.type === 'response.output_text.delta').map((e) => e.delta).join('')).toBe('first answer');
    expect(first.at(-1)).toMatchObject({ type: 'response.completed', response: { status: 'completed' } });
    const second = await turn(socket, { model: 'spark', input: 'again' });
    expect(second.at(-1)).toMatchObject({ type: 'response.completed' });
    socket.close();
    expect(server.connectionCounts().webSocket - before).toBe(1);
    const recorded = [await server.nextRequest(), await server.nextRequest()];
    expect(recorded.map((r) => [r.transport, r.outcome])).toEqual([['websocket', 'completed'], ['websocket', 'completed']]);
    expect(recorded[0]?.headers.authorization).toBeUndefined();
    expect(recorded[0]?.sentCredentials).toBe(true);
  });

  it('records a turn as aborted when the client closes the socket mid-answer', async () => {
    server.enqueue({ text: 'x '.repeat(2000), tokensPerSecond: 200 });
    const socket = await open();
    socket.send(JSON.stringify({ type: 'response.create', model: 'spark', input: 'hi' }));
    await new Promise<void>((resolve) => socket.on('message', (data) => String(data).includes('output_text.delta') && resolve()));
    socket.close();
    const recorded = await (await server.nextRequest()).settled;
    expect(recorded.outcome).toBe('aborted');
  });

  it('sends a scripted status as an error event on the open socket', async () => {
    server.enqueue({ fault: { kind: 'status', status: 429, retryAfterMs: 1500 } });
    const socket = await open();
    const events = await turn(socket, { model: 'spark', input: 'hi' });
    expect(events.at(-1)).toMatchObject({ type: 'error', status: 429, error: { code: 'rate_limit_exceeded' } });
    expect(String((events.at(-1)?.error as { message: string }).message)).toContain('try again in 1500ms');
    socket.close();
  });

  it('refuses the handshake when told to', async () => {
    server.rejectWebSocketUpgrades({ status: 401 });
    await expect(open()).rejects.toThrow(/401/);
  });
});
