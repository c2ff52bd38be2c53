import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AgentMessage, ModelProvider, ToolDefinition, ToolGenerateEvent } from '../ModelProvider.ts';
import { startScriptedModelServer, type ScriptedModelServer } from '../../testing/scriptedModelServer/startScriptedModelServer.ts';
import { OpenAIChatProvider } from './OpenAIChatProvider.ts';
import { OpenAIResponsesProvider } from './OpenAIResponsesProvider.ts';
import { OpenAIResponsesWebSocketProvider } from './OpenAIResponsesWebSocketProvider.ts';

let server: ScriptedModelServer;
beforeAll(async () => {
  server = await startScriptedModelServer();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

const tools: ToolDefinition[] = [
  {
    name: 'read_file',
    description: 'Read a file',
    parameters: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] },
  },
];

const conversation: AgentMessage[] = [
  { role: 'system', content: 'You are a careful engineer.' },
  { role: 'user', content: 'Rename add.' },
  { role: 'assistant', content: 'Looking.', toolCalls: [{ id: 'call_a', name: 'read_file', arguments: '{"path":"src/a.ts"}' }] },
  { role: 'tool', toolCallId: 'call_a', name: 'read_file', content: 'export const add = 1;' },
];

async function collect(events: AsyncIterable<ToolGenerateEvent>): Promise<ToolGenerateEvent[]> {
  const out: ToolGenerateEvent[] = [];
  for await (const event of events) out.push(event);
  return out;
}

const adapters: { name: string; make: () => ModelProvider; route: 'chat' | 'responses' }[] = [
  { name: 'OpenAIChatProvider', route: 'chat', make: () => new OpenAIChatProvider({ baseURL: server.baseURL, apiKey: 'sk-test-0123456789', model: 'scripted' }) },
  { name: 'OpenAIResponsesProvider', route: 'responses', make: () => new OpenAIResponsesProvider({ baseURL: server.baseURL, apiKey: 'sk-test-0123456789', model: 'scripted' }) },
  {
    name: 'OpenAIResponsesWebSocketProvider',
    route: 'responses',
    make: () => new OpenAIResponsesWebSocketProvider({ baseURL: server.baseURL, apiKey: 'sk-test-0123456789', model: 'scripted' }),
  },
];

describe.each(adapters)('$name.generateWithTools', ({ make, route }) => {
  it('streams the text, then each call whole with its arguments joined, then done "tool-calls" with usage', async () => {
    const provider = make();
    server.enqueue({
      text: 'I will read both.',
      toolCalls: [
        { id: 'call_1', name: 'read_file', arguments: { path: 'src/a.ts' } },
        { id: 'call_2', name: 'read_file', arguments: '{"path":"src/b.ts"}' },
      ],
      usage: { inputTokens: 120, outputTokens: 30 },
    });
    const events = await collect(provider.generateWithTools!({ messages: conversation, tools, maxTokens: 200, signal: new AbortController().signal }));
    expect(events.filter((event) => event.type === 'text').map((event) => event.text).join('')).toBe('I will read both.');
    expect(events.filter((event) => event.type === 'tool-call')).toEqual([
      { type: 'tool-call', call: { id: 'call_1', name: 'read_file', arguments: '{"path":"src/a.ts"}' } },
      { type: 'tool-call', call: { id: 'call_2', name: 'read_file', arguments: '{"path":"src/b.ts"}' } },
    ]);
    expect(events.at(-1)).toEqual({ type: 'done', finishReason: 'tool-calls', usage: { inputTokens: 120, outputTokens: 30 } });
    await provider.close();
  });

  it('sends the tools, the earlier calls and their results in the API’s own shapes', async () => {
    const provider = make();
    server.enqueue({ text: 'Done.' });
    const events = await collect(provider.generateWithTools!({ messages: conversation, tools, maxTokens: 200, signal: new AbortController().signal }));
    expect(events.at(-1)).toMatchObject({ type: 'done', finishReason: 'stop' });
    const body = (await server.nextRequest()).body as Record<string, unknown>;
    if (route === 'chat') {
      expect(body.tools).toEqual([{ type: 'function', function: { name: 'read_file', description: 'Read a file', parameters: tools[0]!.parameters } }]);
      expect(body.messages).toEqual([
        { role: 'system', content: 'You are a careful engineer.' },
        { role: 'user', content: 'Rename add.' },
        { role: 'assistant', content: 'Looking.', tool_calls: [{ id: 'call_a', type: 'function', function: { name: 'read_file', arguments: '{"path":"src/a.ts"}' } }] },
        { role: 'tool', tool_call_id: 'call_a', content: 'export const add = 1;' },
      ]);
    } else {
      expect(body.instructions).toBe('You are a careful engineer.');
      expect(body.tools).toEqual([{ type: 'function', name: 'read_file', description: 'Read a file', parameters: tools[0]!.parameters, strict: false }]);
      expect(body.input).toEqual([
        { type: 'message', role: 'user', content: 'Rename add.' },
        { type: 'message', role: 'assistant', content: 'Looking.' },
        { type: 'function_call', call_id: 'call_a', name: 'read_file', arguments: '{"path":"src/a.ts"}' },
        { type: 'function_call_output', call_id: 'call_a', output: 'export const add = 1;' },
      ]);
    }
    await provider.close();
  });

  it('an abort stops the upstream call at once and ends with "cancelled"', async () => {
    const provider = make();
    server.enqueue({ text: 'a b c d e f g h i j k l m n o p', tokensPerSecond: 20, toolCalls: [{ name: 'read_file', arguments: { path: 'x' } }] });
    const controller = new AbortController();
    const events: ToolGenerateEvent[] = [];
    for await (const event of provider.generateWithTools!({ messages: conversation, tools, maxTokens: 200, signal: controller.signal })) {
      events.push(event);
      if (event.type === 'text') controller.abort();
    }
    expect(events.at(-1)).toMatchObject({ type: 'done', finishReason: 'cancelled' });
    expect(events.some((event) => event.type === 'tool-call')).toBe(false);
    const recorded = await server.nextRequest();
    expect((await recorded.settled).outcome).toBe('aborted');
    await provider.close();
  });
});

describe('OpenAIChatProvider.generateWithTools against servers that leave `index` out', () => {
  it('takes each delta with a new id as a new call', async () => {
    const chunk = (delta: unknown, finish: string | null = null) =>
      `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 0, model: 'm', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
    const http = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(chunk({ role: 'assistant', tool_calls: [{ id: 'a', type: 'function', function: { name: 'read_file', arguments: '{"path":"x"}' } }] }));
      res.write(chunk({ tool_calls: [{ id: 'b', type: 'function', function: { name: 'read_file', arguments: '{"path":"y"}' } }] }));
      res.end(chunk({}, 'tool_calls') + 'data: [DONE]\n\n');
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const port = (http.address() as AddressInfo).port;
    const provider = new OpenAIChatProvider({ baseURL: `http://127.0.0.1:${port}/v1`, apiKey: 'sk-test-0123456789', model: 'm' });
    const events = await collect(provider.generateWithTools({ messages: conversation, tools, maxTokens: 50, signal: new AbortController().signal }));
    expect(events.filter((event) => event.type === 'tool-call').map((event) => event.type === 'tool-call' && event.call)).toEqual([
      { id: 'a', name: 'read_file', arguments: '{"path":"x"}' },
      { id: 'b', name: 'read_file', arguments: '{"path":"y"}' },
    ]);
    expect(events.at(-1)).toMatchObject({ type: 'done', finishReason: 'tool-calls' });
    await provider.close();
    await new Promise((resolve) => http.close(resolve));
  });
});

describe('OpenAIResponsesProvider.generateWithTools against servers that name calls only in the final response', () => {
  it('takes the calls from response.completed, once', async () => {
    const event = (type: string, fields: Record<string, unknown>) => `event: ${type}\ndata: ${JSON.stringify({ type, ...fields })}\n\n`;
    const call = { type: 'function_call', id: 'fc_1', call_id: 'call_9', name: 'read_file', arguments: '{"path":"z"}', status: 'completed' };
    const http = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(event('response.created', { response: { id: 'r', status: 'in_progress', output: [] } }));
      res.write(event('response.output_item.done', { output_index: 0, item: call }));
      res.end(event('response.completed', { response: { id: 'r', status: 'completed', output: [call, { ...call, call_id: 'call_10', arguments: '{"path":"w"}' }], usage: { input_tokens: 9, output_tokens: 4 } } }));
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const port = (http.address() as AddressInfo).port;
    const provider = new OpenAIResponsesProvider({ baseURL: `http://127.0.0.1:${port}/v1`, apiKey: 'sk-test-0123456789', model: 'm' });
    const events = await collect(provider.generateWithTools({ messages: conversation, tools, maxTokens: 50, signal: new AbortController().signal }));
    expect(events.filter((each) => each.type === 'tool-call').map((each) => each.type === 'tool-call' && each.call.id)).toEqual(['call_9', 'call_10']);
    expect(events.at(-1)).toEqual({ type: 'done', finishReason: 'tool-calls', usage: { inputTokens: 9, outputTokens: 4 } });
    await provider.close();
    await new Promise((resolve) => http.close(resolve));
  });
});
