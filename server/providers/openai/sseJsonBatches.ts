import { APIError } from 'openai';
import { SseParser } from './SseParser.ts';

/** One streamed event as the OpenAI SDK would have handed it out: the parsed JSON of its data. */
export interface SseJson {
  event: string | undefined;
  data: unknown;
}

/** A way to read events without JSON.parse, for events of a shape already seen (see JsonStringTemplate). */
export interface SseShortcut<T> {
  /** Maps an event from its raw data into `out` and returns true, or returns false (nothing added) to have it parsed. */
  map(data: string, out: T[]): boolean;
  /** Sees every event that was parsed, raw and parsed, to learn the shape from. */
  learn(data: string, parsed: unknown): void;
}

/**
 * Sends a request with `send` (the SDK builds, sends and checks it; its refusals throw from here)
 * and reads the streamed OpenAI-compatible answer: it
 * yields, per read of the body, what `map` made of the events that read completed (their data
 * parsed): one step per read rather than one per event, and no generator in between to map them,
 * since at thousands of tokens a second a read carries many events. A read that gives nothing is
 * not yielded. What a read gave before an event failed (bad JSON, an error event, `map` throwing)
 * goes out first, then the failure is thrown, as it would have been event by event.
 *
 * What the SDK's own stream does, kept: `data: [DONE]` ends the answer (the rest of the body is
 * still drained, so the connection can be reused); data that is not JSON throws a SyntaxError; an
 * event whose data has an `error` field throws the SDK's APIError with the response's headers.
 * Aborting `signal` cancels the body, so a pending read settles at once and the iteration ends;
 * a connection dropped mid-body throws what fetch threw.
 */
export async function* sseJsonBatches<T>(
  send: () => Promise<Response>,
  signal: AbortSignal,
  map: (event: SseJson, out: T[]) => void,
  shortcut?: SseShortcut<T>,
): AsyncGenerator<T[]> {
  const response = await send();
  const body = response.body;
  if (body === null) return;
  const reader = body.getReader();
  const parser = new SseParser();
  const cancel = () => {
    reader.cancel().catch(() => {});
  };
  signal.addEventListener('abort', cancel, { once: true });
  let finished = false;
  let sawDone = false;
  try {
    if (signal.aborted) return;
    for (;;) {
      let read: ReadableStreamReadResult<Uint8Array>;
      try {
        read = await reader.read();
      } catch (error) {
        // The abort errored the body under the read: that is the end the caller asked for.
        if (signal.aborted) return;
        throw error;
      }
      if (signal.aborted) return;
      const events = read.done ? parser.end() : parser.push(read.value);
      if (!sawDone && events.length > 0) {
        const batch: T[] = [];
        let failure: Error | undefined;
        for (const sse of events) {
          if (sse.data.startsWith('[DONE]')) {
            sawDone = true;
            break;
          }
          try {
            if (shortcut && sse.event === undefined) {
              if (shortcut.map(sse.data, batch)) continue;
              const data = parsed(sse.data, response.headers);
              shortcut.learn(sse.data, data);
              map({ event: undefined, data }, batch);
              continue;
            }
            map({ event: sse.event, data: parsed(sse.data, response.headers) }, batch);
          } catch (error) {
            failure = error as Error;
            break;
          }
        }
        if (batch.length > 0) yield batch;
        if (failure) throw failure;
      }
      if (read.done) {
        finished = true;
        return;
      }
    }
  } finally {
    signal.removeEventListener('abort', cancel);
    // A caller that stops early (a stop sequence, an error) ends the body and the request with it.
    if (!finished) cancel();
    reader.releaseLock();
  }
}

/** An event's data, parsed; an `error` field inside it is the SDK's APIError, as the SDK's own stream throws it. */
function parsed(text: string, headers: Headers): unknown {
  const data: unknown = JSON.parse(text);
  if (typeof data === 'object' && data !== null && (data as { error?: unknown }).error) {
    throw new APIError(undefined, (data as { error: object }).error, undefined, headers);
  }
  return data;
}
