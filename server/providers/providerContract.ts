/**
 * The provider contract: one vitest suite every ModelProvider adapter passes.
 *
 *   defineProviderContract('openai-chat', async () => ({ makeProvider, scripted: { server, makeUnreachableProvider }, secret, close }));
 *
 * Cases that need exact text, faults or a record of what the upstream received run only when
 * the upstream is the scripted model server (`scripted`). Streaming shape, cancel and describe()
 * run against anything, so a real model (the embedded GGUF, a local llama.cpp) can be checked too.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ScriptedModelServer } from '../testing/scriptedModelServer/startScriptedModelServer.ts';
import type { ScriptedRoute } from '../testing/scriptedModelServer/ScriptedResponse.ts';
import {
  ProviderError,
  type ChatPrompt,
  type GenerateEvent,
  type GenerateRequest,
  type InfillPrompt,
  type ModelProvider,
  type ToolDefinition,
  type ToolGenerateEvent,
  type ToolGenerateRequest,
} from './ModelProvider.ts';

/** Timeouts a contract case may ask a provider to be built with. */
export interface ContractTimeouts {
  firstTokenMs?: number;
  idleMs?: number;
}

export interface ProviderContractSetup {
  /** A provider under test; cases ask for short timeouts where they test them. */
  makeProvider(options?: { timeouts?: ContractTimeouts }): ModelProvider | Promise<ModelProvider>;
  /** Present when the upstream is the scripted model server. */
  scripted?: {
    server: ScriptedModelServer;
    /** The route the adapter calls for `prompt` prompts. */
    route: ScriptedRoute;
    /** The prompt kind the scripted cases send: the adapter's native one. Default 'chat'. */
    prompt?: 'chat' | 'infill';
    /** The same adapter pointed at a loopback port nobody listens on. */
    makeUnreachableProvider(): ModelProvider | Promise<ModelProvider>;
  };
  /** Whether the adapter calls tools (has generateWithTools); checked both ways. Default false. */
  toolCalling?: boolean;
  /** The key the provider was configured with: it must appear in no description and no error. */
  secret?: string;
  /** Prompts a real model answers with several tokens; defaults are given. */
  prompts?: { chat?: ChatPrompt; infill?: InfillPrompt };
  close?(): Promise<void>;
}

const defaultChat: ChatPrompt = {
  kind: 'chat',
  messages: [
    { role: 'system', content: 'You are terse.' },
    { role: 'user', content: 'Count from 1 to 40, separated by spaces.' },
  ],
};

const defaultInfill: InfillPrompt = {
  kind: 'infill',
  prefix: 'function add(a: number, b: number): number {\n  return ',
  suffix: ';\n}\n',
  path: 'src/add.ts',
  context: [{ path: 'src/sub.ts', text: 'export const sub = (a: number, b: number) => a - b;' }],
};

function request(prompt: ChatPrompt | InfillPrompt, overrides: Partial<GenerateRequest> = {}): GenerateRequest {
  return { prompt, maxTokens: 32, temperature: 0, signal: new AbortController().signal, ...overrides };
}

async function collect(events: AsyncIterable<GenerateEvent>): Promise<GenerateEvent[]> {
  const out: GenerateEvent[] = [];
  for await (const event of events) out.push(event);
  return out;
}

async function failure(events: AsyncIterable<GenerateEvent>): Promise<ProviderError> {
  try {
    await collect(events);
  } catch (error) {
    if (error instanceof ProviderError) return error;
    throw new Error(`expected a ProviderError, got ${String(error)}`, { cause: error });
  }
  throw new Error('expected the stream to fail, it ended normally');
}

const contractTools: ToolDefinition[] = [
  { name: 'read_file', description: 'Read a file', parameters: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] } },
];

function toolRequest(overrides: Partial<ToolGenerateRequest> = {}): ToolGenerateRequest {
  return {
    messages: [
      { role: 'system', content: 'You read files to answer.' },
      { role: 'user', content: 'What is in src/a.ts?' },
      { role: 'assistant', content: '', toolCalls: [{ id: 'call_0', name: 'read_file', arguments: '{"path":"src/a.ts"}' }] },
      { role: 'tool', toolCallId: 'call_0', name: 'read_file', content: 'export const a = 1;' },
    ],
    tools: contractTools,
    maxTokens: 32,
    temperature: 0,
    signal: new AbortController().signal,
    ...overrides,
  };
}

async function collectTools(events: AsyncIterable<ToolGenerateEvent>): Promise<ToolGenerateEvent[]> {
  const out: ToolGenerateEvent[] = [];
  for await (const event of events) out.push(event);
  return out;
}

async function toolFailure(events: AsyncIterable<ToolGenerateEvent>): Promise<ProviderError> {
  try {
    await collectTools(events);
  } catch (error) {
    if (error instanceof ProviderError) return error;
    throw error;
  }
  throw new Error('expected the tool-calling generation to fail');
}

function textOf(events: readonly GenerateEvent[]): string {
  return events.map((event) => (event.type === 'text' ? event.text : '')).join('');
}

/** Text events, then exactly one done, last. */
function expectWellFormed(events: readonly GenerateEvent[]): Extract<GenerateEvent, { type: 'done' }> {
  const done = events.filter((event) => event.type === 'done');
  expect(done).toHaveLength(1);
  expect(events.at(-1)?.type).toBe('done');
  for (const event of events.slice(0, -1)) expect(event.type).toBe('text');
  return done[0] as Extract<GenerateEvent, { type: 'done' }>;
}

/** A loopback port that was free a moment ago and has nothing listening on it now. */
export async function closedLoopbackPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Defines the contract suite for one adapter. */
export function defineProviderContract(name: string, setup: () => Promise<ProviderContractSetup>): void {
  describe(`provider contract: ${name}`, () => {
    let subject: ProviderContractSetup;
    let provider: ModelProvider;
    const extra: ModelProvider[] = [];

    const make = async (timeouts?: ContractTimeouts) => {
      const made = await subject.makeProvider(timeouts ? { timeouts } : undefined);
      extra.push(made);
      return made;
    };

    beforeAll(async () => {
      subject = await setup();
      provider = await subject.makeProvider();
    });
    beforeEach(() => {
      subject.scripted?.server.reset();
    });
    afterAll(async () => {
      await Promise.all([provider, ...extra].map((p) => p?.close()));
      await subject?.close?.();
    });

    describe('any upstream', () => {
      it('calls tools exactly when it says it does', () => {
        expect(typeof provider.generateWithTools === 'function').toBe(subject.toolCalling ?? false);
      });

      it('with tools: streams a turn and ends with exactly one done; an abort ends it with "cancelled"', async (ctx) => {
        if (!subject.toolCalling) return ctx.skip();
        subject.scripted?.server.enqueue({ text: 'Looking at it now.' });
        const events = await collectTools(provider.generateWithTools!(toolRequest()));
        expect(events.filter((event) => event.type === 'done')).toHaveLength(1);
        expect(['stop', 'length', 'tool-calls']).toContain(events.at(-1)?.type === 'done' ? (events.at(-1) as Extract<ToolGenerateEvent, { type: 'done' }>).finishReason : undefined);

        subject.scripted?.server.enqueue({ text: 'tick '.repeat(2000), tokensPerSecond: 200 });
        const controller = new AbortController();
        const streamed: ToolGenerateEvent[] = [];
        for await (const event of provider.generateWithTools!(toolRequest({ maxTokens: 400, signal: controller.signal }))) {
          streamed.push(event);
          if (event.type !== 'done') controller.abort();
        }
        expect(streamed.at(-1)).toMatchObject({ type: 'done', finishReason: 'cancelled' });
      });

      it('streams a chat answer as text events, then exactly one done with usage', async () => {
        subject.scripted?.server.enqueue({ text: 'one two three four five six seven', usage: { inputTokens: 21, outputTokens: 7 } });
        const events = await collect(provider.generate(request(subject.prompts?.chat ?? defaultChat)));
        const done = expectWellFormed(events);
        expect(events.length).toBeGreaterThanOrEqual(3);
        expect(['stop', 'length']).toContain(done.finishReason);
        expect(done.usage.outputTokens).toBeGreaterThan(0);
        expect(done.usage.inputTokens).toBeGreaterThan(0);
        expect(textOf(events).length).toBeGreaterThan(0);
      });

      it('answers an infill prompt the same way', async () => {
        subject.scripted?.server.enqueue({ text: 'a + b' });
        const events = await collect(provider.generate(request(subject.prompts?.infill ?? defaultInfill, { maxTokens: 16 })));
        expectWellFormed(events);
      });

      it('ends with finishReason "cancelled" and no more text once the signal aborts mid-stream', async () => {
        subject.scripted?.server.enqueue({ text: 'tick '.repeat(2000), tokensPerSecond: 200 });
        const controller = new AbortController();
        const events: GenerateEvent[] = [];
        let textAfterAbort = 0;
        for await (const event of provider.generate(request(subject.prompts?.chat ?? defaultChat, { maxTokens: 2000, signal: controller.signal }))) {
          if (controller.signal.aborted && event.type === 'text') textAfterAbort++;
          events.push(event);
          if (event.type === 'text' && events.length === 2) controller.abort();
        }
        expect(textAfterAbort).toBe(0);
        const done = expectWellFormed(events);
        expect(done.finishReason).toBe('cancelled');
      });

      it('does not call the upstream for a request whose signal is already aborted', async () => {
        const controller = new AbortController();
        controller.abort();
        const before = subject.scripted?.server.requests.length;
        const events = await collect(provider.generate(request(defaultChat, { signal: controller.signal })));
        expect(events).toEqual([{ type: 'done', finishReason: 'cancelled', usage: { inputTokens: 0, outputTokens: 0 } }]);
        if (subject.scripted) expect(subject.scripted.server.requests.length).toBe(before);
      });

      it('never shows its key in describe()', () => {
        const description = provider.describe();
        expect(description.adapter).not.toBe('');
        expect(description.model).not.toBe('');
        if (subject.secret) expect(JSON.stringify(description)).not.toContain(subject.secret);
        expect(JSON.stringify(description)).not.toMatch(/Bearer|sk-[A-Za-z0-9]{8,}/);
      });
    });

    describe('scripted upstream', () => {
      const server = () => {
        if (!subject.scripted) throw new Error('unreachable: guarded by skipIf');
        return subject.scripted.server;
      };
      const primary = () => (subject.scripted?.prompt === 'infill' ? defaultInfill : defaultChat);
      // `subject` is only known once beforeAll has run, after it.skipIf would be evaluated: skip from inside.
      const onlyScripted = (title: string, fn: () => Promise<void>) =>
        it(title, async (ctx) => {
          if (!subject.scripted) return ctx.skip();
          await fn();
        });
      const scriptedWithTools = (title: string, fn: () => Promise<void>) =>
        it(`with tools: ${title}`, async (ctx) => {
          if (!subject.scripted || !subject.toolCalling) return ctx.skip();
          await fn();
        });

      onlyScripted('streams exactly the scripted text and reports the upstream usage', async () => {
        server().enqueue({ text: 'const answer = 42;', usage: { inputTokens: 13, outputTokens: 6 } });
        const events = await collect(provider.generate(request(primary())));
        const done = expectWellFormed(events);
        expect(textOf(events)).toBe('const answer = 42;');
        expect(events.filter((event) => event.type === 'text').length).toBeGreaterThan(1);
        expect(done).toEqual({ type: 'done', finishReason: 'stop', usage: { inputTokens: 13, outputTokens: 6 } });
        const recorded = await server().nextRequest();
        expect(recorded.route).toBe(subject.scripted!.route);
        expect(JSON.stringify(recorded.body)).toContain(subject.scripted!.prompt === 'infill' ? 'function add' : 'Count from 1 to 40');
      });

      onlyScripted('sends the infill prefix and suffix upstream', async () => {
        server().enqueue({ text: 'a + b' });
        const events = await collect(provider.generate(request(defaultInfill)));
        expect(textOf(events)).toBe('a + b');
        const body = JSON.stringify((await server().nextRequest()).body);
        expect(body).toContain(JSON.stringify(defaultInfill.prefix).slice(1, -1));
        expect(body).toContain(JSON.stringify(defaultInfill.suffix).slice(1, -1));
      });

      onlyScripted('passes the token limit upstream: a longer answer ends with finishReason "length"', async () => {
        server().enqueue({ text: 'one two three four five six seven eight' });
        const events = await collect(provider.generate(request(primary(), { maxTokens: 3 })));
        expect(expectWellFormed(events).finishReason).toBe('length');
        expect(textOf(events)).toBe('one two three');
      });

      onlyScripted('ends at a stop sequence without showing it or anything after it', async () => {
        server().enqueue({ text: 'first line\n\nsecond part', tokens: ['first', ' line', '\n', '\n', 'second', ' part'] });
        const events = await collect(provider.generate(request(primary(), { stop: ['\n\n'] })));
        expect(textOf(events)).toBe('first line');
        expect(expectWellFormed(events).finishReason).toBe('stop');
      });

      onlyScripted('aborts the upstream request at once on cancel, before the consumer reads again', async () => {
        server().enqueue({ text: 'tick '.repeat(2000), tokensPerSecond: 200 });
        const controller = new AbortController();
        const iterator = provider.generate(request(primary(), { maxTokens: 2000, signal: controller.signal }))[Symbol.asyncIterator]();
        expect((await iterator.next()).value).toMatchObject({ type: 'text' });
        expect((await iterator.next()).value).toMatchObject({ type: 'text' });
        controller.abort();
        // Nobody pulls from the stream here: the abort alone must reach the upstream.
        const recorded = await (await server().nextRequest()).settled;
        expect(recorded.outcome).toBe('aborted');
        expect(recorded.tokensSent).toBeLessThan(2000);
        expect((await iterator.next()).value).toMatchObject({ type: 'done', finishReason: 'cancelled' });
        expect((await iterator.next()).done).toBe(true);
      });

      onlyScripted('aborts the upstream request when cancelled before the first token', async () => {
        server().enqueue({ text: 'late', firstTokenDelayMs: 10_000 });
        const controller = new AbortController();
        const stream = provider.generate(request(primary(), { signal: controller.signal }));
        const pending = collect(stream);
        const recorded = await server().nextRequest();
        controller.abort();
        expect(await pending).toEqual([{ type: 'done', finishReason: 'cancelled', usage: expect.any(Object) as unknown }]);
        expect((await recorded.settled).outcome).toBe('aborted');
      });

      onlyScripted('aborts the upstream request when the consumer stops reading', async () => {
        server().enqueue({ text: 'tick '.repeat(2000), tokensPerSecond: 200 });
        for await (const event of provider.generate(request(primary(), { maxTokens: 2000 }))) {
          if (event.type === 'text') break;
        }
        expect((await (await server().nextRequest()).settled).outcome).toBe('aborted');
      });

      onlyScripted('reports an upstream nobody listens on as "unavailable", quickly', async () => {
        const unreachable = await subject.scripted!.makeUnreachableProvider();
        extra.push(unreachable);
        const error = await failure(unreachable.generate(request(primary())));
        expect(error.code).toBe('unavailable');
        expect(error.message).toMatch(/connection refused|cannot reach/i);
      });

      onlyScripted('reports 429 as "rate-limited" with the wait the upstream asked for', async () => {
        server().enqueue({ fault: { kind: 'status', status: 429, retryAfterSeconds: 2 } });
        const error = await failure(provider.generate(request(primary())));
        expect(error.code).toBe('rate-limited');
        expect(error.retryAfterMs).toBe(2000);
      });

      onlyScripted('reports a refused key as "misconfigured", without the key', async () => {
        server().enqueue({ fault: { kind: 'status', status: 401, message: `Incorrect API key provided: ${subject.secret ?? 'none'}` } });
        const error = await failure(provider.generate(request(primary())));
        expect(error.code).toBe('misconfigured');
        if (subject.secret) expect(error.message).not.toContain(subject.secret);
      });

      onlyScripted('reports a 5xx as "unavailable"', async () => {
        server().enqueue({ fault: { kind: 'status', status: 503 } });
        expect((await failure(provider.generate(request(primary())))).code).toBe('unavailable');
      });

      onlyScripted('reports a malformed stream as "bad-response"', async () => {
        server().enqueue({ text: 'one two three', fault: { kind: 'malformed', afterTokens: 1 } });
        expect((await failure(provider.generate(request(primary())))).code).toBe('bad-response');
      });

      onlyScripted('reports a connection dropped mid-stream as "unavailable"', async () => {
        server().enqueue({ text: 'one two three', fault: { kind: 'disconnect', afterTokens: 1 } });
        expect((await failure(provider.generate(request(primary())))).code).toBe('unavailable');
      });

      onlyScripted('reports an error inside the stream as a ProviderError', async () => {
        server().enqueue({ text: 'one two three', fault: { kind: 'stream-error', afterTokens: 1, message: 'CUDA out of memory' } });
        const error = await failure(provider.generate(request(primary())));
        expect(error.code).toBe('unavailable');
        expect(error.message).toContain('CUDA out of memory');
      });

      onlyScripted('gives up on a slow first token with "timeout" and aborts the upstream request', async () => {
        const impatient = await make({ firstTokenMs: 150 });
        server().enqueue({ text: 'too late', firstTokenDelayMs: 10_000 });
        const error = await failure(impatient.generate(request(primary())));
        expect(error.code).toBe('timeout');
        expect((await (await server().nextRequest()).settled).outcome).toBe('aborted');
      });

      onlyScripted('gives up on a stream that stalls with "timeout"', async () => {
        const impatient = await make({ firstTokenMs: 5_000, idleMs: 150 });
        server().enqueue({ text: 'one two three four', fault: { kind: 'hang', afterTokens: 2 } });
        const error = await failure(impatient.generate(request(primary())));
        expect(error.code).toBe('timeout');
        expect((await (await server().nextRequest()).settled).outcome).toBe('aborted');
      });

      scriptedWithTools('streams each call whole after the text and ends with "tool-calls"', async () => {
        server().enqueue({ text: 'Reading.', toolCalls: [{ id: 'call_1', name: 'read_file', arguments: { path: 'src/b.ts' } }], usage: { inputTokens: 40, outputTokens: 12 } });
        const events = await collectTools(provider.generateWithTools!(toolRequest()));
        expect(events.filter((event) => event.type === 'tool-call')).toEqual([{ type: 'tool-call', call: { id: 'call_1', name: 'read_file', arguments: '{"path":"src/b.ts"}' } }]);
        expect(events.at(-1)).toEqual({ type: 'done', finishReason: 'tool-calls', usage: { inputTokens: 40, outputTokens: 12 } });
      });

      scriptedWithTools('a slow first token is a "timeout" and the upstream request is aborted', async () => {
        const impatient = await make({ firstTokenMs: 150 });
        server().enqueue({ toolCalls: [{ name: 'read_file', arguments: { path: 'x' } }], firstTokenDelayMs: 10_000 });
        expect((await toolFailure(impatient.generateWithTools!(toolRequest()))).code).toBe('timeout');
        expect((await (await server().nextRequest()).settled).outcome).toBe('aborted');
      });

      scriptedWithTools('an upstream refusal is a ProviderError with its status', async () => {
        server().enqueue({ fault: { kind: 'status', status: 429, retryAfterSeconds: 2 } });
        expect((await toolFailure(provider.generateWithTools!(toolRequest()))).code).toBe('rate-limited');
      });

      onlyScripted('serves several generations at once', async () => {
        server().setFallback({ text: 'same answer for all', tokensPerSecond: 400 });
        const results = await Promise.all(Array.from({ length: 4 }, () => collect(provider.generate(request(primary())))));
        for (const events of results) expect(textOf(events)).toBe('same answer for all');
      });
    });
  });
}
