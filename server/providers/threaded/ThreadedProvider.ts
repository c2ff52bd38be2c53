import { Worker } from 'node:worker_threads';
import type { RemoteLaneConfig } from '../../lanes/LaneConfig.ts';
import { ProviderError, type GenerateEvent, type GenerateRequest, type ModelProvider, type ProviderDescription } from '../ModelProvider.ts';
import type { FromThreadMessage, GenerationMessage, ToThreadMessage } from './ThreadMessage.ts';

export interface ThreadedProviderOptions {
  /** The lane whose provider each thread builds (createLaneProvider): a network adapter. */
  config: RemoteLaneConfig;
  /** How many threads share the generations (each new one goes to the thread with the fewest). */
  threads: number;
  /** What the provider says about itself (the same adapter's describe(), built on this thread). */
  description: ProviderDescription;
  /**
   * The same adapter on this thread, and how many generations may be in flight (over the whole
   * provider) for a new one to run here rather than on a thread. Default: none.
   */
  local?: { provider: ModelProvider; belowInFlight: number } | undefined;
}

/** The events of one generation, as its thread's messages arrive, until someone reads them. */
class Inbox {
  private readonly queued: GenerationMessage[] = [];
  private waiting: ((message: GenerationMessage) => void) | undefined;

  put(message: GenerationMessage): void {
    const waiting = this.waiting;
    if (waiting) {
      this.waiting = undefined;
      waiting(message);
    } else this.queued.push(message);
  }

  take(): GenerationMessage | Promise<GenerationMessage> {
    const next = this.queued.shift();
    if (next) return next;
    return new Promise((resolve) => (this.waiting = resolve));
  }
}

/** One provider thread and the generations it runs. */
interface ProviderThread {
  worker: Worker;
  inboxes: Map<number, Inbox>;
  /** Settles once the thread has built its provider (or failed to). */
  started: Promise<void>;
}

// The threads run this checkout's TypeScript as the server does: tsx's loader, registered in the thread.
const tsxLoader = import.meta.resolve('tsx/esm/api');
const threadEntry = new URL('./providerThread.ts', import.meta.url).href;
const bootstrap = `import { register } from ${JSON.stringify(tsxLoader)}; register(); await import(${JSON.stringify(threadEntry)});`;

/**
 * A network adapter run on worker threads. The adapter's per-token work (the HTTP body, SSE
 * parsing, JSON per event, stop sequences, deadlines) costs the relay's event loop ~15 µs a
 * token; with a hundred streams that is a busy core, and a new stream's first token queues behind
 * the others'. Here that work runs on `threads` threads; the main thread gets one message per
 * turn of a thread's event loop for all of that thread's text (a generation's first text at once),
 * and a cancel is one message that aborts the thread's upstream call. With `local`, a generation
 * that starts while few are in flight runs on this thread instead, where it has no hop to pay.
 * Events and errors are the adapter's own: the same contract (text, then one `done`, or a
 * ProviderError), no text after the caller's abort.
 */
export class ThreadedProvider implements ModelProvider {
  private readonly threads: ProviderThread[] = [];
  private nextId = 1;
  private closed = false;
  private inFlightHere = 0;
  private inFlightOnThreads = 0;

  constructor(private readonly options: ThreadedProviderOptions) {
    for (let i = 0; i < Math.max(1, options.threads); i++) this.threads.push(this.startThread());
  }

  /** Resolves once every thread has loaded and built its provider; rejects if one could not. */
  async ready(): Promise<void> {
    await Promise.all(this.threads.map((thread) => thread.started));
  }

  describe(): ProviderDescription {
    return this.options.description;
  }

  /** Generations in flight on this thread and on the provider threads. */
  inFlight(): { here: number; onThreads: number } {
    return { here: this.inFlightHere, onThreads: this.inFlightOnThreads };
  }

  async *generate(request: GenerateRequest): AsyncGenerator<GenerateEvent> {
    if (request.signal.aborted || this.closed) {
      yield { type: 'done', finishReason: 'cancelled', usage: { inputTokens: 0, outputTokens: 0 } };
      return;
    }
    const local = this.options.local;
    if (local && this.inFlightHere + this.inFlightOnThreads < local.belowInFlight) {
      // Few generations at once: the event loop has room, and a thread's hop would only add to
      // the first token and to a cancel.
      this.inFlightHere++;
      try {
        yield* local.provider.generate(request);
      } finally {
        this.inFlightHere--;
      }
      return;
    }
    this.inFlightOnThreads++;
    try {
      yield* this.generateOnThread(request);
    } finally {
      this.inFlightOnThreads--;
    }
  }

  private async *generateOnThread(request: GenerateRequest): AsyncGenerator<GenerateEvent> {
    const thread = this.threads.reduce((least, candidate) => (candidate.inboxes.size < least.inboxes.size ? candidate : least));
    const id = this.nextId++;
    const inbox = new Inbox();
    thread.inboxes.set(id, inbox);
    // A thread keeps the process alive while it runs something, as the adapter's own socket would.
    if (thread.inboxes.size === 1) thread.worker.ref();
    const send = (message: ToThreadMessage) => thread.worker.postMessage(message);
    const { signal, ...rest } = request;
    send({ type: 'generate', id, request: rest });
    let ended = false;
    const cancel = () => {
      if (!ended) send({ type: 'cancel', id });
    };
    signal.addEventListener('abort', cancel, { once: true });
    try {
      for (;;) {
        const message = await inbox.take();
        if (message.type === 'text') {
          // The thread may have read more before it saw the cancel: none of it goes out.
          if (!signal.aborted) yield { type: 'text', text: message.text };
          continue;
        }
        ended = true;
        if (message.type === 'error') throw new ProviderError(message.code, message.message, message.retryAfterMs);
        yield { type: 'done', finishReason: signal.aborted ? 'cancelled' : message.finishReason, usage: message.usage };
        return;
      }
    } finally {
      signal.removeEventListener('abort', cancel);
      thread.inboxes.delete(id);
      if (thread.inboxes.size === 0) thread.worker.unref();
      // A caller that stopped reading early (break, throw) ends the upstream call too.
      if (!ended) send({ type: 'cancel', id });
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.threads.map((thread) => thread.worker.terminate()), this.options.local?.provider.close()]);
  }

  private startThread(): ProviderThread {
    const worker = new Worker(bootstrap, { eval: true, workerData: { config: this.options.config } } as ConstructorParameters<typeof Worker>[1]);
    let started!: () => void;
    let failedToStart!: (error: Error) => void;
    const thread: ProviderThread = {
      worker,
      inboxes: new Map(),
      started: new Promise<void>((resolve, reject) => {
        started = resolve;
        failedToStart = reject;
      }),
    };
    // Nobody may wait for a replacement thread's start: its failure is reported through its generations.
    thread.started.catch(() => {});
    worker.on('message', (message: FromThreadMessage) => {
      if (message.type === 'texts') {
        const { texts } = message;
        for (let i = 0; i < texts.length; i += 2) {
          const id = texts[i] as number;
          thread.inboxes.get(id)?.put({ type: 'text', id, text: texts[i + 1] as string });
        }
      } else if (message.type === 'ready') {
        // A started thread that runs nothing does not keep the process alive; one still starting does (its caller awaits ready()).
        if (thread.inboxes.size === 0) worker.unref();
        started();
      } else thread.inboxes.get(message.id)?.put(message);
    });
    // A thread that dies fails its generations and is replaced; the others run on.
    const fail = (reason: string) => {
      failedToStart(new ProviderError('misconfigured', reason));
      for (const [id, inbox] of thread.inboxes) inbox.put({ type: 'error', id, code: 'unavailable', message: reason, retryAfterMs: undefined });
      thread.inboxes.clear();
      const index = this.threads.indexOf(thread);
      if (index !== -1 && !this.closed) this.threads[index] = this.startThread();
    };
    worker.on('error', (error) => fail(`The model thread failed: ${error.message}`));
    worker.on('exit', (code) => {
      if (!this.closed) fail(`The model thread stopped (exit code ${code}).`);
    });
    return thread;
  }
}
