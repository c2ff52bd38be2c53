import net from 'node:net';
import { performance } from 'node:perf_hooks';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, SuggestMessage } from '../../shared/clientMessage.ts';
import { PROTOCOL_VERSION } from '../../shared/protocolVersion.ts';
import type {
  AiStatusMessage,
  ErrorMessage,
  ServerToClientEvents,
  SuggestionBatchMessage,
  SuggestionDoneMessage,
  SuggestionErrorMessage,
} from '../../shared/serverMessage.ts';
import { createServer, type PairlaneServer } from '../createServer.ts';
import { createLaneProviders, type LaneProviders } from '../lanes/createLaneProviders.ts';
import { readLanesConfig } from '../lanes/readLanesConfig.ts';
import { MESSAGE_LIMITS } from '../messageLimits.ts';
import type { RecordedRequest } from '../testing/scriptedModelServer/RecordedRequest.ts';
import { startScriptedModelServer, type ScriptedModelServer } from '../testing/scriptedModelServer/startScriptedModelServer.ts';
import { SOCKET_PARSER_OPTIONS } from '../../shared/socket/socketParserOptions.ts';

// The whole path for real: socket.io-client → our server → the relay → the OpenAI adapter over
// HTTP → the scripted model server, which records what it was asked and when the caller left.

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
type Answer = SuggestionBatchMessage | SuggestionDoneMessage | SuggestionErrorMessage;

let upstream: ScriptedModelServer;
let server: PairlaneServer | undefined;
let providers: LaneProviders | undefined;
const sockets: ClientSocket[] = [];

beforeAll(async () => {
  upstream = await startScriptedModelServer();
});
afterAll(async () => {
  await upstream.close();
});
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.disconnect();
  await server?.close();
  await providers?.close();
  server = undefined;
  providers = undefined;
  upstream.reset();
});

async function start(env: Record<string, string> = {}, baseURL = upstream.baseURL): Promise<void> {
  const lanes = readLanesConfig(
    { PAIRLANE_FAST_PROVIDER: 'openai-chat', PAIRLANE_FAST_BASE_URL: baseURL, PAIRLANE_FAST_MODEL: 'scripted-model', PAIRLANE_FAST_MAX_TOKENS: '10000', ...env },
    { findLocalModel: () => undefined },
  );
  providers = await createLaneProviders(lanes);
  server = await createServer({ host: '127.0.0.1', port: 0, ai: { lanes, fastProvider: providers.fast } });
}

/** A connected client that records every answer in arrival order. */
async function open(): Promise<{ socket: ClientSocket; answers: Answer[]; status: AiStatusMessage }> {
  const socket: ClientSocket = connect(server!.url, { ...SOCKET_PARSER_OPTIONS, transports: ['websocket'], auth: { protocolVersion: PROTOCOL_VERSION }, reconnection: false, forceNew: true });
  sockets.push(socket);
  const answers: Answer[] = [];
  socket.on('suggestion-batch', (m) => answers.push(m));
  socket.on('suggestion-done', (m) => answers.push(m));
  socket.on('suggestion-error', (m) => answers.push(m));
  const status = await new Promise<AiStatusMessage>((resolve) => socket.once('ai-status', resolve));
  return { socket, answers, status };
}

function suggest(requestId: string, marker = requestId): SuggestMessage {
  return { type: 'suggest', requestId, path: 'src/main.ts', language: 'typescript', context: { kind: 'windows', prefix: `// ${marker}\nconst x = `, suffix: ';\n' }, trigger: 'auto' };
}

async function until<T>(probe: () => T | undefined, timeoutMs = 5_000): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (performance.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

const ended = (answers: Answer[], requestId: string) => answers.find((a) => a.requestId === requestId && a.type !== 'suggestion-batch');
const batchesOf = (answers: Answer[], requestId: string) => answers.filter((a): a is SuggestionBatchMessage => a.type === 'suggestion-batch' && a.requestId === requestId);
const recordedFor = (marker: string) => upstream.requests.find((r) => JSON.stringify(r.body).includes(`// ${marker}\\n`));

/** A ping's pong: everything the server did for messages sent before the ping has been sent before it. */
async function roundTrip(socket: ClientSocket): Promise<void> {
  const id = Math.floor(Math.random() * 1e9);
  const pong = new Promise<void>((resolve) => socket.on('pong', (m) => m.id === id && resolve()));
  socket.emit('ping', { type: 'ping', id, sentAt: 0 });
  await pong;
}

const longAnswer = { tokens: Array.from({ length: 3_000 }, (_, i) => `t${i} `), tokensPerSecond: 300 };

describe('fast-lane relay', () => {
  it('says after welcome which lanes run, without a key', async () => {
    await start({ PAIRLANE_FAST_API_KEY: 'sk-secret-fast-key-1234' });
    const { status } = await open();
    expect(status.lanes.fast).toMatchObject({ enabled: true, provider: 'openai-chat', model: 'scripted-model' });
    expect(status.lanes.deep.enabled).toBe(false);
    expect(status.lanes.deep.howToEnable).toMatch(/PAIRLANE_DEEP_BASE_URL/);
    expect(JSON.stringify(status)).not.toContain('sk-secret');
  });

  // The same path with the adapter on worker threads (PAIRLANE_FAST_THREADS), as a busy server runs it.
  for (const [threads, on] of [['0', ''], ['2', ' (adapter on 2 threads)']] as const) {
    it(`streams coalesced batches in order, then done with usage and speed${on}`, async () => {
      await start({ PAIRLANE_FAST_THREADS: threads });
      const tokens = Array.from({ length: 400 }, (_, i) => `w${i} `);
      upstream.enqueue({ tokens, tokensPerSecond: 4_000 });
      const { socket, answers } = await open();
      socket.emit('suggest', suggest('s1'));
      const done = (await until(() => ended(answers, 's1'))) as SuggestionDoneMessage;
      expect(done.type).toBe('suggestion-done');
      const batches = batchesOf(answers, 's1');
      expect(batches.map((b) => b.seq)).toEqual(batches.map((_, i) => i));
      expect(batches.map((b) => b.text).join('')).toBe(tokens.join(''));
      expect(done.seq).toBe(batches.length);
      expect(answers.indexOf(done)).toBe(answers.length - 1);
      // 400 tokens went out in well under 400 socket messages.
      expect(batches.length).toBeLessThan(tokens.length / 4);
      expect(done).toMatchObject({ finishReason: 'stop', usage: { outputTokens: 400 } });
      expect(done.usage.inputTokens).toBeGreaterThan(0);
      expect(done.timeToFirstTokenMs).toBeGreaterThanOrEqual(0);
      expect(done.tokensPerSecond).toBeGreaterThan(0);
      // The prompt the upstream saw holds the cursor's windows.
      expect(JSON.stringify(upstream.requests[0]!.body)).toContain('const x = ');
    });

    it(`aborts the upstream at once on cancel, and sends nothing more for that id${on}`, async () => {
      await start({ PAIRLANE_FAST_THREADS: threads });
      upstream.enqueue(longAnswer);
      const { socket, answers } = await open();
      socket.emit('suggest', suggest('c1'));
      await until(() => batchesOf(answers, 'c1')[0]);
      const cancelledAt = performance.now();
      socket.emit('cancel', { type: 'cancel', requestId: 'c1', reason: 'typed-over' });
      await roundTrip(socket);
      const afterCancel = answers.length;
      const recorded: RecordedRequest = await recordedFor('c1')!.settled;
      expect(recorded.outcome).toBe('aborted');
      expect(recorded.abortedAt! - cancelledAt).toBeLessThan(1_000);
      expect(recorded.tokensSent).toBeLessThan(3_000);
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(answers.slice(afterCancel).filter((a) => a.requestId === 'c1')).toEqual([]);
      expect(ended(answers, 'c1')).toBeUndefined();
    });
  }

  it('keeps two requests in flight: a third interrupts the oldest, which is told so', async () => {
    await start();
    upstream.setFallback(longAnswer);
    const { socket, answers } = await open();
    for (const id of ['a', 'b', 'c']) {
      socket.emit('suggest', suggest(id));
      await until(() => recordedFor(id));
    }
    const interrupted = (await until(() => ended(answers, 'a'))) as SuggestionErrorMessage;
    expect(interrupted).toMatchObject({ type: 'suggestion-error', code: 'interrupted' });
    expect((await recordedFor('a')!.settled).outcome).toBe('aborted');
    expect(recordedFor('b')!.outcome).toBe('pending');
    expect(recordedFor('c')!.outcome).toBe('pending');
    await until(() => batchesOf(answers, 'c')[0]);
    expect(server!.io.engine.clientsCount).toBe(1);
  });

  it('refuses with a budget error once the person’s tokens are spent; another person still gets answers', async () => {
    await start({ PAIRLANE_FAST_TOKENS_PER_PERSON_PER_HOUR: '20' });
    upstream.setFallback({ text: 'one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty twenty-one twenty-two' });
    const { socket, answers } = await open();
    socket.emit('suggest', suggest('b1'));
    const first = (await until(() => ended(answers, 'b1'))) as SuggestionDoneMessage;
    // The request asked the model for no more than the budget left.
    expect(upstream.requests[0]!.body).toMatchObject({ max_tokens: 20 });
    expect(first).toMatchObject({ type: 'suggestion-done', finishReason: 'length', usage: { outputTokens: 20 } });
    socket.emit('suggest', suggest('b2'));
    const refused = (await until(() => ended(answers, 'b2'))) as SuggestionErrorMessage;
    expect(refused).toMatchObject({ type: 'suggestion-error', code: 'budget', scope: 'person' });
    expect(refused.retryAfterMs).toBeGreaterThan(0);
    expect(upstream.requests).toHaveLength(1);

    const other = await open();
    other.socket.emit('suggest', suggest('o1'));
    expect((await until(() => ended(other.answers, 'o1'))).type).toBe('suggestion-done');
  });

  it('shares the room’s budget between people', async () => {
    await start({ PAIRLANE_FAST_TOKENS_PER_ROOM_PER_HOUR: '10', PAIRLANE_FAST_TOKENS_PER_PERSON_PER_HOUR: '0' });
    upstream.setFallback({ tokens: Array.from({ length: 30 }, (_, i) => `${i} `) });
    const first = await open();
    first.socket.emit('suggest', suggest('room1'));
    expect(await until(() => ended(first.answers, 'room1'))).toMatchObject({ type: 'suggestion-done', usage: { outputTokens: 10 } });
    const second = await open();
    second.socket.emit('suggest', suggest('room2'));
    expect(await until(() => ended(second.answers, 'room2'))).toMatchObject({ code: 'budget', scope: 'room' });
  });

  it('rate-limits requests per person per minute', async () => {
    await start({ PAIRLANE_FAST_REQUESTS_PER_MINUTE: '2' });
    upstream.setFallback({ text: 'ok' });
    const { socket, answers } = await open();
    for (const id of ['r1', 'r2', 'r3']) socket.emit('suggest', suggest(id));
    const refused = (await until(() => ended(answers, 'r3'))) as SuggestionErrorMessage;
    expect(refused).toMatchObject({ code: 'rate-limited', scope: 'person' });
    expect(refused.retryAfterMs).toBeGreaterThan(50_000);
    await until(() => ended(answers, 'r2'));
  });

  it('answers a malformed or oversized suggest with a typed error naming the request, and stays connected', async () => {
    await start();
    upstream.setFallback({ text: 'fine' });
    const { socket, answers } = await open();
    const errors: ErrorMessage[] = [];
    socket.on('error', (e) => errors.push(e));
    const raw = socket as unknown as { emit(event: string, ...args: unknown[]): void };
    raw.emit('suggest', { type: 'suggest', requestId: 'm1', path: 42, context: { kind: 'windows', prefix: '', suffix: '' }, trigger: 'auto' });
    raw.emit('suggest', { ...suggest('m2'), context: { kind: 'document', text: 'abc', cursorOffset: 9 } });
    raw.emit('suggest', { ...suggest('m3'), context: { kind: 'windows', prefix: 'x'.repeat(MESSAGE_LIMITS.maxMessageBytes), suffix: '' } });
    raw.emit('quick-edit', { type: 'quick-edit', requestId: 'm4', path: 'a.ts', text: 'ab', selection: { start: 2, end: 1 }, instruction: 'x' });
    raw.emit('cancel', { type: 'cancel' });
    raw.emit('suggest', 'not an object');
    await until(() => (errors.length >= 6 ? true : undefined));
    expect(errors.map((e) => [e.code, e.requestId])).toEqual([
      ['invalid-message', 'm1'],
      ['invalid-message', 'm2'],
      ['too-large', 'm3'],
      ['invalid-message', 'm4'],
      ['invalid-message', undefined],
      ['invalid-message', undefined],
    ]);
    expect(errors[1]!.issues?.join('\n')).toMatch(/cursorOffset/);
    expect(socket.connected).toBe(true);
    socket.emit('suggest', suggest('ok'));
    expect((await until(() => ended(answers, 'ok'))).type).toBe('suggestion-done');
    expect(batchesOf(answers, 'ok').map((b) => b.text).join('')).toBe('fine');
  });

  it('survives a seeded storm of junk AI messages and still answers afterwards', async () => {
    await start();
    upstream.setFallback({ text: 'still here' });
    const { socket, answers } = await open();
    const raw = socket as unknown as { emit(event: string, ...args: unknown[]): void };
    let seed = 20261121;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const values: unknown[] = [null, undefined, 0, -1, 1e308, NaN, '', 'x', [], {}, { requestId: {} }, true, '\u0000', [1, [2, [3]]]];
    const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const base = { ...suggest('junk'), turns: [], text: 'abc', selection: { start: 0, end: 1 }, instruction: 'go' } as Record<string, unknown>;
    const keys = [...Object.keys(base), 'context', 'snippets', 'requestId', 'prefix'];
    for (let i = 0; i < 80; i++) {
      const event = pick(['suggest', 'quick-edit', 'cancel']);
      const message: Record<string, unknown> = { ...base, type: random() < 0.8 ? event : pick(values) };
      for (let j = 0; j < 3; j++) message[pick(keys)] = pick(values);
      raw.emit(event, random() < 0.1 ? pick(values) : message);
    }
    await roundTrip(socket);
    expect(socket.connected).toBe(true);
    socket.emit('suggest', suggest('after-storm'));
    expect((await until(() => ended(answers, 'after-storm'))).type).toBe('suggestion-done');
  });

  it('refuses a second request with an id already in flight', async () => {
    await start();
    upstream.setFallback(longAnswer);
    const { socket, answers } = await open();
    socket.emit('suggest', suggest('dup'));
    socket.emit('suggest', suggest('dup'));
    expect(await until(() => ended(answers, 'dup'))).toMatchObject({ code: 'invalid-request' });
    // The first one streams on.
    await until(() => batchesOf(answers, 'dup')[0]);
    expect(recordedFor('dup')!.outcome).toBe('pending');
    expect(upstream.requests).toHaveLength(1);
  });

  it('reports an unreachable upstream as unavailable, quickly', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as net.AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    await start({}, `http://127.0.0.1:${closedPort}/v1`);
    const { socket, answers } = await open();
    const sentAt = performance.now();
    socket.emit('suggest', suggest('down'));
    const error = (await until(() => ended(answers, 'down'))) as SuggestionErrorMessage;
    expect(error).toMatchObject({ type: 'suggestion-error', code: 'unavailable' });
    expect(error.message).toMatch(/127\.0\.0\.1/);
    expect(performance.now() - sentAt).toBeLessThan(2_000);
  });

  it('passes the provider’s rate limit on with its wait and the adapter’s message', async () => {
    await start();
    upstream.enqueue({ fault: { kind: 'status', status: 429, message: 'Slow down, scripted', retryAfterSeconds: 3 } });
    const { socket, answers } = await open();
    socket.emit('suggest', suggest('p1'));
    const error = (await until(() => ended(answers, 'p1'))) as SuggestionErrorMessage;
    expect(error).toMatchObject({ code: 'rate-limited', scope: 'provider', retryAfterMs: 3_000 });
    // The adapter's sentence, naming the model and the wait: shown to the person as it is.
    expect(error.message).toMatch(/scripted-model.*rate limiting.*3 s/);
  });

  it('reports the lane’s first-token timeout as timeout', async () => {
    await start({ PAIRLANE_FAST_FIRST_TOKEN_TIMEOUT_MS: '150' });
    upstream.enqueue({ text: 'too late', firstTokenDelayMs: 5_000 });
    const { socket, answers } = await open();
    socket.emit('suggest', suggest('slow'));
    expect(await until(() => ended(answers, 'slow'))).toMatchObject({ type: 'suggestion-error', code: 'timeout' });
    expect((await recordedFor('slow')!.settled).outcome).toBe('aborted');
  });

  it('ends a stream that breaks mid-way with a typed error after the batches already sent', async () => {
    await start();
    upstream.enqueue({ tokens: ['a ', 'b ', 'c ', 'd '], fault: { kind: 'stream-error', afterTokens: 2, message: 'GPU fell over' } });
    const { socket, answers } = await open();
    socket.emit('suggest', suggest('broken'));
    const error = (await until(() => ended(answers, 'broken'))) as SuggestionErrorMessage;
    expect(error.type).toBe('suggestion-error');
    expect(error.message).toContain('GPU fell over');
    expect(batchesOf(answers, 'broken').map((b) => b.text).join('')).toBe('a b ');
    expect(answers.at(-1)).toBe(error);
  });

  it('aborts the upstream when the client disconnects', async () => {
    await start();
    upstream.enqueue(longAnswer);
    const { socket, answers } = await open();
    socket.emit('suggest', suggest('gone'));
    await until(() => batchesOf(answers, 'gone')[0]);
    const leftAt = performance.now();
    socket.disconnect();
    const recorded = await recordedFor('gone')!.settled;
    expect(recorded.outcome).toBe('aborted');
    expect(recorded.abortedAt! - leftAt).toBeLessThan(1_000);
  });

  it('streams a quick edit from a chat prompt with the selection marked, without the answer’s code fence', async () => {
    await start();
    // Fenced, as chat models answer even when told not to: the fence is not part of the new text.
    upstream.enqueue({ tokens: ['```', 'ts\n', 'return ', '`${a}', '${b}`;', '\n', '```'] });
    const { socket, answers } = await open();
    const text = 'function add(a, b) {\n  return a + b;\n}\n';
    socket.emit('quick-edit', {
      type: 'quick-edit',
      requestId: 'q1',
      path: 'add.ts',
      text,
      selection: { start: text.indexOf('return'), end: text.indexOf(';') + 1 },
      instruction: 'concatenate as strings',
      turns: [],
    });
    expect((await until(() => ended(answers, 'q1'))).type).toBe('suggestion-done');
    expect(batchesOf(answers, 'q1').map((b) => b.text).join('')).toBe('return `${a}${b}`;');
    expect(JSON.stringify(upstream.requests[0]!.body)).toContain('<|selection|>return a + b;<|/selection|>');
  });

  it('resolves a quick edit answered with search/replace blocks to edits on the done message, or says why it cannot', async () => {
    await start();
    const text = '// add\nfunction add(a, b) {\n  return a + b;\n}\n';
    const selection = { start: text.indexOf('function'), end: text.indexOf('}') + 1 };
    upstream.enqueue({ tokens: ['<<<<<<< SEARCH\n', '// add\n', '=======\n', '// sum\n', '>>>>>>> REPLACE\n'] });
    upstream.enqueue({ tokens: ['<<<<<<< SEARCH\n', '  return a - b;\n', '=======\n', '  return b;\n', '>>>>>>> REPLACE\n'] });
    const { socket, answers } = await open();
    const ask = (requestId: string) => socket.emit('quick-edit', { type: 'quick-edit', requestId, path: 'add.ts', text, selection, instruction: 'rename', turns: [] });
    ask('sr1');
    const done = (await until(() => ended(answers, 'sr1'))) as SuggestionDoneMessage;
    expect(done.type).toBe('suggestion-done');
    // Outside the selection, resolved as it is: the client's validation refuses it, with the line.
    expect(done.edits).toEqual([{ start: 0, end: 6, text: '// sum' }]);
    expect(batchesOf(answers, 'sr1').map((b) => b.text).join('')).toContain('<<<<<<< SEARCH');
    ask('sr2');
    const error = (await until(() => ended(answers, 'sr2'))) as SuggestionErrorMessage;
    expect(error).toMatchObject({ type: 'suggestion-error', code: 'bad-response', message: 'The answer searches for text that is not in the file: “return a - b;”.' });
  });
});

describe('fast-lane relay with AI off', () => {
  it('says how to turn AI on, in the status and in the error', async () => {
    server = await createServer({ host: '127.0.0.1', port: 0 });
    const { socket, answers, status } = await open();
    expect(status.lanes.fast).toMatchObject({ enabled: false, provider: 'off' });
    expect(status.lanes.fast.howToEnable).toMatch(/PAIRLANE_FAST_BASE_URL/);
    socket.emit('suggest', suggest('off'));
    const error = (await until(() => ended(answers, 'off'))) as SuggestionErrorMessage;
    expect(error.code).toBe('ai-off');
    expect(error.message).toContain(status.lanes.fast.howToEnable!);
  });
});
