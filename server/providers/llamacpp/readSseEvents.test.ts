import { describe, expect, it } from 'vitest';
import { readSseEvents, type SseEvent } from './readSseEvents.ts';

function body(...parts: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const part of parts) controller.enqueue(encoder.encode(part));
      controller.close();
    },
  });
}

async function all(stream: ReadableStream<Uint8Array>): Promise<SseEvent[]> {
  const out: SseEvent[] = [];
  for await (const event of readSseEvents(stream)) out.push(event);
  return out;
}

describe('readSseEvents', () => {
  it('reads events split anywhere across chunks, with \\n or \\r\\n', async () => {
    expect(await all(body('data: {"a"', ':1}\n\nda', 'ta: x\r\n\r\nevent: e\ndata: y\n\n'))).toEqual([
      { event: undefined, data: '{"a":1}' },
      { event: undefined, data: 'x' },
      { event: 'e', data: 'y' },
    ]);
  });

  it('joins multi-line data, skips comments, reads llama.cpp error lines and a last event without a blank line', async () => {
    expect(await all(body(': keep-alive\n\ndata: a\ndata: b\n\nerror: {"message":"x"}\n\ndata: last'))).toEqual([
      { event: undefined, data: 'a\nb' },
      { event: 'error', data: '{"message":"x"}' },
      { event: undefined, data: 'last' },
    ]);
  });

  it('keeps multi-byte characters split across chunks intact', async () => {
    const bytes = new TextEncoder().encode('data: ｜fim▁hole｜\n\n');
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.slice(0, 8));
        controller.enqueue(bytes.slice(8));
        controller.close();
      },
    });
    expect(await all(stream)).toEqual([{ event: undefined, data: '｜fim▁hole｜' }]);
  });
});
