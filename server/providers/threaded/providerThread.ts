/**
 * A provider thread (started by ThreadedProvider): builds the lane's provider from its
 * configuration and runs the generations the main thread asks for. The per-token work — the
 * upstream's HTTP body, SSE parsing, JSON, stop sequences, deadlines — happens here; the main
 * thread gets one message per turn of this thread's event loop per generation, not one per token.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createLaneProvider } from '../../lanes/createLaneProvider.ts';
import type { RemoteLaneConfig } from '../../lanes/LaneConfig.ts';
import { ProviderError } from '../ModelProvider.ts';
import type { FromThreadMessage, ThreadRequest, ToThreadMessage } from './ThreadMessage.ts';

const port = parentPort!;
const config = (workerData as { config: RemoteLaneConfig }).config;
const provider = (await createLaneProvider(config))!;
const running = new Map<number, AbortController>();

function post(message: FromThreadMessage): void {
  port.postMessage(message);
}

async function generate(id: number, request: ThreadRequest): Promise<void> {
  const controller = new AbortController();
  running.set(id, controller);
  let pending = '';
  let sentFirst = false;
  let flushQueued = false;
  // Text that came in this turn of the loop goes out together once the turn's I/O is handled:
  // a read of the upstream that carried many tokens is one message.
  const flush = () => {
    flushQueued = false;
    if (pending === '') return;
    post({ type: 'text', id, text: pending });
    pending = '';
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
        pending += event.text;
        if (!flushQueued) {
          flushQueued = true;
          setImmediate(flush);
        }
        continue;
      }
      flush();
      post({ type: 'done', id, finishReason: event.finishReason, usage: event.usage });
      return;
    }
    flush();
    post({ type: 'error', id, code: 'bad-response', message: 'The model stream ended without an answer.', retryAfterMs: undefined });
  } catch (error) {
    flush();
    const failure = error instanceof ProviderError ? error : new ProviderError('unavailable', `The model call failed: ${String(error)}`);
    post({ type: 'error', id, code: failure.code, message: failure.message, retryAfterMs: failure.retryAfterMs });
  } finally {
    running.delete(id);
  }
}

port.on('message', (message: ToThreadMessage) => {
  if (message.type === 'cancel') running.get(message.id)?.abort();
  else void generate(message.id, message.request);
});
port.postMessage({ type: 'ready' });
