import type { GenerateEvent, GenerateRequest, InfillPrompt, ChatPrompt } from '../ModelProvider.ts';

/** A request with test defaults. */
export function testRequest(prompt: ChatPrompt | InfillPrompt, overrides: Partial<GenerateRequest> = {}): GenerateRequest {
  return { prompt, maxTokens: 32, signal: new AbortController().signal, ...overrides };
}

/** Reads a whole generation: its text, its `done` event and every event (for tests and scripts). */
export async function collectGeneration(events: AsyncIterable<GenerateEvent>): Promise<{ text: string; done: Extract<GenerateEvent, { type: 'done' }> | undefined; events: GenerateEvent[] }> {
  const all: GenerateEvent[] = [];
  for await (const event of events) all.push(event);
  const done = all.find((event): event is Extract<GenerateEvent, { type: 'done' }> => event.type === 'done');
  return { text: all.map((event) => (event.type === 'text' ? event.text : '')).join(''), done, events: all };
}
