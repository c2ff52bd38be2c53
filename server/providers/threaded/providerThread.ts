/**
 * A provider thread (started by ThreadedProvider): builds the lane's provider from its
 * configuration and runs the generations the main thread asks for. The per-token work — the
 * upstream's HTTP body, SSE parsing, JSON, stop sequences, deadlines — happens here; the main
 * thread gets one message per turn of this thread's event loop for all its generations' text
 * (a generation's first text at once, on its own), not one per token.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createLaneProvider } from '../../lanes/createLaneProvider.ts';
import type { RemoteLaneConfig } from '../../lanes/LaneConfig.ts';
import { ProviderError } from '../ModelProvider.ts';
import type { FromThreadMessage, ThreadRequest, ToThreadMessage } from './ThreadMessage.ts';

const port = parentPort!;
const config = (workerData as { config: RemoteLaneConfig }).config;
const provider = (await createLaneProvider(config))!;
// Node loads fetch (undici) on its first use, which takes a fresh thread tens of milliseconds: done
// here, before the thread says it is ready, so a first generation's deadline does not pay for it.
await fetch('data:text/plain,ready').then((response) => response.text()).catch(() => {});
const running = new Map<number, AbortController>();

function post(message: FromThreadMessage): void {
  port.postMessage(message);
}

/** Text read this turn of the event loop, per generation, not yet posted. */
const pending = new Map<number, string>();
let flushQueued = false;

/**
 * Posts every generation's pending text as one message: with many streams a turn of this loop
 * handles the reads of many of them, and one message for all costs the main thread one wake-up.
 */
function flushTexts(): void {
  flushQueued = false;
  if (pending.size === 0) return;
  const texts: (number | string)[] = [];
  for (const [id, text] of pending) texts.push(id, text);
  pending.clear();
  post({ type: 'texts', texts });
}

async function generate(id: number, request: ThreadRequest): Promise<void> {
  const controller = new AbortController();
  running.set(id, controller);
  let sentFirst = false;
  // Ends the generation: its pending text (and every other's, to keep one message) goes first.
  const end = (message: FromThreadMessage) => {
    flushTexts();
    post(message);
  };
  try {
    for await (const event of provider.generate({ ...request, signal: controller.signal })) {
      if (event.type === 'text') {
        if (!sentFirst) {
          // The first text goes at once: time to first token is what a person feels.
          sentFirst = true;
          post({ type: 'text', id, text: event.text });
          continue;
        }
        // Text that came in this turn goes out once the turn's I/O is handled: a read of the
        // upstream that carried many tokens, or the reads of many streams, is one message.
        pending.set(id, (pending.get(id) ?? '') + event.text);
        if (!flushQueued) {
          flushQueued = true;
          setImmediate(flushTexts);
        }
        continue;
      }
      end({ type: 'done', id, finishReason: event.finishReason, usage: event.usage });
      return;
    }
    end({ type: 'error', id, code: 'bad-response', message: 'The model stream ended without an answer.', retryAfterMs: undefined });
  } catch (error) {
    const failure = error instanceof ProviderError ? error : new ProviderError('unavailable', `The model call failed: ${String(error)}`);
    end({ type: 'error', id, code: failure.code, message: failure.message, retryAfterMs: failure.retryAfterMs });
  } finally {
    running.delete(id);
  }
}

port.on('message', (message: ToThreadMessage) => {
  if (message.type === 'cancel') running.get(message.id)?.abort();
  else void generate(message.id, message.request);
});
post({ type: 'ready' });
