import { APIError } from 'openai';
import { describe, expect, it } from 'vitest';
import { sseJsonBatches, type SseJson } from './sseJsonBatches.ts';

/** A streamed Response whose body the test writes read by read. */
function streamedResponse(headers: Record<string, string> = {}) {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let cancelled = false;
  const body = new ReadableStream<Uint8Array>({
    start: (c) => {
      controller = c;
    },
    cancel: () => {
      cancelled = true;
    },
  });
  return {
    response: new Response(body, { headers: { 'content-type': 'text/event-stream', ...headers } }),
    send: (text: string) => controller.enqueue(new TextEncoder().encode(text)),
    end: () => controller.close(),
    fail: (error: Error) => controller.error(error),
    get cancelled() {
      return cancelled;
    },
  };
}

const keep = (event: SseJson, out: SseJson[]) => {
  out.push(event);
};

async function all(batches: AsyncIterable<SseJson[]>): Promise<SseJson[][]> {
  const out: SseJson[][] = [];
  for await (const batch of batches) out.push(batch);
  return out;
}

describe('sseJsonBatches', () => {
  it('yields the events of each read together, parsed, and nothing after [DONE]', async () => {
    const body = streamedResponse();
    body.send('data: {"n":1}\n\ndata: {"n":2}\n\n');
    const reading = all(sseJsonBatches(async () => body.response, new AbortController().signal, keep));
    await Promise.resolve();
    body.send('event: tick\ndata: {"n":3}\n\ndata: [DONE]\n\ndata: {"n":4}\n\n');
    body.end();
    const batches = await reading;
    expect(batches.flat()).toEqual([
      { event: undefined, data: { n: 1 } },
      { event: undefined, data: { n: 2 } },
      { event: 'tick', data: { n: 3 } },
    ]);
    expect(batches.length).toBeLessThanOrEqual(2);
  });

  it('hands out the good events of a read before failing on a bad one', async () => {
    const body = streamedResponse();
    body.send('data: {"n":1}\n\ndata: {"error":{"message":"GPU fell over"}}\n\ndata: {"n":3}\n\n');
    body.end();
    const iterator = sseJsonBatches(async () => body.response, new AbortController().signal, keep);
    expect((await iterator.next()).value).toEqual([{ event: undefined, data: { n: 1 } }]);
    await expect(iterator.next()).rejects.toBeInstanceOf(APIError);
  });

  it('throws a SyntaxError for data that is not JSON', async () => {
    const body = streamedResponse();
    body.send('data: {"n":1}\n\ndata: {not json\n\n');
    body.end();
    await expect(all(sseJsonBatches(async () => body.response, new AbortController().signal, keep))).rejects.toBeInstanceOf(SyntaxError);
  });

  it('throws the SDK APIError, with the response headers, for an event carrying an error', async () => {
    const body = streamedResponse({ 'x-request-id': 'req_1' });
    body.send('data: {"error":{"message":"CUDA out of memory","code":"server_error"}}\n\n');
    body.end();
    const error = await all(sseJsonBatches(async () => body.response, new AbortController().signal, keep)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(APIError);
    expect((error as APIError).status).toBeUndefined();
    expect((error as APIError).message).toContain('CUDA out of memory');
    expect((error as APIError).headers?.get('x-request-id')).toBe('req_1');
  });

  it('ends a pending read at once when the signal aborts, and cancels the body', async () => {
    const body = streamedResponse();
    const controller = new AbortController();
    const iterator = sseJsonBatches(async () => body.response, controller.signal, keep);
    body.send('data: {"n":1}\n\n');
    expect((await iterator.next()).value).toEqual([{ event: undefined, data: { n: 1 } }]);
    const pending = iterator.next();
    controller.abort();
    expect((await pending).done).toBe(true);
    expect(body.cancelled).toBe(true);
  });

  it('cancels the body when the caller stops early', async () => {
    const body = streamedResponse();
    body.send('data: {"n":1}\n\n');
    for await (const batch of sseJsonBatches(async () => body.response, new AbortController().signal, keep)) {
      expect(batch).toHaveLength(1);
      break;
    }
    expect(body.cancelled).toBe(true);
  });

  it('passes on a body that fails mid-stream', async () => {
    const body = streamedResponse();
    body.send('data: {"n":1}\n\n');
    const reading = all(sseJsonBatches(async () => body.response, new AbortController().signal, keep));
    await new Promise((resolve) => setImmediate(resolve));
    body.fail(new TypeError('terminated'));
    await expect(reading).rejects.toThrow('terminated');
  });

  it('yields what the mapping made of each read, skips reads it made nothing of, and fails after the good part when it throws', async () => {
    const body = streamedResponse();
    body.send('data: {"n":1}\n\ndata: {"n":2}\n\n');
    const iterator = sseJsonBatches<number>(async () => body.response, new AbortController().signal, ({ data }, out) => {
      const n = (data as { n: number }).n;
      if (n === 5) throw new Error('five');
      if (n % 2 === 0) out.push(n * 10);
    });
    expect((await iterator.next()).value).toEqual([20]);
    body.send('data: {"n":3}\n\n');
    body.send('data: {"n":4}\n\ndata: {"n":5}\n\n');
    body.end();
    expect((await iterator.next()).value).toEqual([40]);
    await expect(iterator.next()).rejects.toThrow('five');
  });

  it('reads a final event the body ended without a blank line after', async () => {
    const body = streamedResponse();
    body.send('data: {"n":1}');
    body.end();
    expect((await all(sseJsonBatches(async () => body.response, new AbortController().signal, keep))).flat()).toEqual([{ event: undefined, data: { n: 1 } }]);
  });

  it('maps what the shortcut takes without parsing it, parses the rest, and shows the shortcut every parsed event', async () => {
    const body = streamedResponse();
    body.send('data: {"n":1}\n\ndata: quick 2\n\nevent: named\ndata: {"n":3}\n\ndata: {"error":{"message":"late"}}\n\n');
    body.end();
    const learnt: string[] = [];
    const shortcut = {
      map: (data: string, out: SseJson[]) => {
        if (!data.startsWith('quick')) return false;
        out.push({ event: 'quick', data });
        return true;
      },
      learn: (data: string) => void learnt.push(data),
    };
    const iterator = sseJsonBatches(async () => body.response, new AbortController().signal, keep, shortcut);
    expect((await iterator.next()).value).toEqual([
      { event: undefined, data: { n: 1 } },
      { event: 'quick', data: 'quick 2' },
      // A named event is not the shortcut's: parsed as before.
      { event: 'named', data: { n: 3 } },
    ]);
    // An in-stream error still throws the SDK's APIError when a shortcut is given.
    await expect(iterator.next()).rejects.toBeInstanceOf(APIError);
    expect(learnt).toEqual(['{"n":1}']);
  });
});
