import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentMessage, ModelProvider, ToolDefinition, ToolGenerateEvent } from '../ModelProvider.ts';
import { writeTinyGguf } from '../../testing/tinyGguf/writeTinyGguf.ts';
import { createEmbeddedProvider } from './createEmbeddedProvider.ts';
import { toFunctionCallingHistory } from './toFunctionCallingHistory.ts';

let dir: string;
let provider: ModelProvider;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pairlane-embedded-tools-'));
  provider = await createEmbeddedProvider({ modelPath: await writeTinyGguf(join(dir, 'tiny-chat.gguf'), { fim: false, seed: 11 }) });
});
afterAll(async () => {
  await provider.close();
  await rm(dir, { recursive: true, force: true });
});

const tools: ToolDefinition[] = [
  { name: 'read_file', description: 'Read a file', parameters: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] } },
];
const messages: AgentMessage[] = [
  { role: 'system', content: 'You change code.' },
  { role: 'user', content: 'Rename add to plus.' },
  { role: 'assistant', content: 'Reading.', toolCalls: [{ id: 'c1', name: 'read_file', arguments: '{"path":"a.ts"}' }] },
  { role: 'tool', toolCallId: 'c1', name: 'read_file', content: 'export const add = 1;' },
];

describe('embedded generateWithTools (tiny random-weight GGUF: its words are noise)', () => {
  it('puts each tool result on the call it answers', () => {
    expect(toFunctionCallingHistory(messages)).toEqual([
      { type: 'system', text: 'You change code.' },
      { type: 'user', text: 'Rename add to plus.' },
      { type: 'model', response: ['Reading.', { type: 'functionCall', name: 'read_file', params: { path: 'a.ts' }, result: 'export const add = 1;' }] },
    ]);
  });

  it('starts, streams and ends with one done carrying usage', async () => {
    const events: ToolGenerateEvent[] = [];
    for await (const event of provider.generateWithTools!({ messages, tools, maxTokens: 16, temperature: 0, signal: new AbortController().signal })) events.push(event);
    const done = events.at(-1);
    expect(done?.type).toBe('done');
    expect(events.filter((event) => event.type === 'done')).toHaveLength(1);
    if (done?.type !== 'done') return;
    expect(['stop', 'length', 'tool-calls']).toContain(done.finishReason);
    expect(done.usage.inputTokens).toBeGreaterThan(0);
  });

  it('an abort mid-stream ends it at once with "cancelled"', async () => {
    const controller = new AbortController();
    const events: ToolGenerateEvent[] = [];
    for await (const event of provider.generateWithTools!({ messages, tools, maxTokens: 400, temperature: 0, signal: controller.signal })) {
      events.push(event);
      if (event.type === 'text') controller.abort();
    }
    expect(events.at(-1)).toMatchObject({ type: 'done', finishReason: 'cancelled' });
  });
});
