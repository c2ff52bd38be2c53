import { resolve } from 'node:path';
import {
  LlamaChat,
  LlamaCompletion,
  resolveChatWrapper,
  type ChatWrapper,
  type LlamaContext,
  type LlamaContextSequence,
  type LlamaModel,
  type Token,
} from 'node-llama-cpp';
import {
  ProviderError,
  type GenerateEvent,
  type GenerateRequest,
  type ModelProvider,
  type ProviderDescription,
  type ToolCall,
  type ToolGenerateEvent,
  type ToolGenerateRequest,
  type Usage,
} from '../ModelProvider.ts';
import { AsyncEventQueue } from './AsyncEventQueue.ts';
import { buildInfillTokens, type InfillVocabulary } from './buildInfillTokens.ts';
import { collectLlamaErrors, getSharedLlama } from './getSharedLlama.ts';
import { infillAsChatPrompt } from './infillAsChatPrompt.ts';
import { readModelFacts, type ModelFacts } from './readModelFacts.ts';
import { SequenceSlots } from './SequenceSlots.ts';
import { toChatHistory } from './toChatHistory.ts';
import { toFunctionCallingHistory, toModelFunctions } from './toFunctionCallingHistory.ts';

export interface EmbeddedProviderOptions {
  /** A GGUF file; read at creation (header only), loaded on the first generation. */
  modelPath: string;
  /** CPU threads for evaluation. Default {@link EMBEDDED_DEFAULT_THREADS}. */
  threads?: number;
  /** Tokens each generation can see (prompt + answer). Default 4096, capped at the model's trained context. */
  contextSize?: number;
  /** Generations that run at once; more wait in arrival order. Default 2. */
  maxConcurrent?: number;
  /**
   * Start loading the weights in the background as soon as the provider exists (default true),
   * so the first suggestion does not wait for llama.cpp to start: about 3 s on a busy 2-core
   * machine with the tiny test model (most of it node-llama-cpp checking its binary in a child
   * process), more for real weights. A failed preload is not reported until a generation asks
   * for the model (and retries the load). False loads on the first generation.
   */
  preload?: boolean;
}

/**
 * One thread by default. Measured with bench/embeddedThreads.bench.ts on the 2-core machine this
 * project is built on, tiny test GGUF, 200 greedy tokens, median of 3 (1-minute load average ≈ 13:
 * other processes were busy, as they are when the relay, a browser and a test run share the box):
 * threads 1 ≈ 850 tok/s (runs 559–1686), threads 2 ≈ 66 tok/s, node-llama-cpp's default
 * (max(cores, 4) = 4 threads) ≈ 1 tok/s; a second run (load ≈ 16): 888, 18 and 1 tok/s. ggml's threads spin-wait for each other at every layer;
 * on busy cores a waiting thread loses its core for a scheduler slice at each barrier, so extra
 * threads cost 10–1000×. One thread never waits for another. On an idle machine with cores to
 * spare a real model may gain from more: that is what `threads` is for.
 */
export const EMBEDDED_DEFAULT_THREADS = 1;
const DEFAULT_CONTEXT_SIZE = 4096;
/**
 * Two sequences in one llama.cpp context: a fast-lane suggestion can start while the previous
 * one (cancelled, or still streaming for typing-through) winds down, and concurrent sequences are
 * evaluated in one batch. More would split the same CPU further; every sequence costs its own
 * KV cache (about 48 MB at 4096 tokens for a 0.5B Qwen model).
 */
const DEFAULT_MAX_CONCURRENT = 2;

/**
 * A ModelProvider that runs a GGUF in this process through node-llama-cpp (llama.cpp, CPU only,
 * no network): FIM models get fill-in-the-middle prompts, chat prompts (and infill prompts on a
 * model without FIM tokens) go through the model's own chat template.
 *
 * Rejects with a ProviderError when the file is missing or is not a GGUF. The weights load once,
 * in the background from creation (see `preload`), and stay loaded (memory-mapped) until `close()`.
 */
export async function createEmbeddedProvider(options: EmbeddedProviderOptions): Promise<ModelProvider> {
  const threads = options.threads ?? EMBEDDED_DEFAULT_THREADS;
  const contextSize = options.contextSize ?? DEFAULT_CONTEXT_SIZE;
  const maxConcurrent = options.maxConcurrent ?? DEFAULT_MAX_CONCURRENT;
  for (const [name, value, min] of [
    ['threads', threads, 1],
    ['contextSize', contextSize, 64],
    ['maxConcurrent', maxConcurrent, 1],
  ] as const) {
    if (!Number.isInteger(value) || value < min) {
      throw new ProviderError('misconfigured', `The embedded model's ${name} must be a whole number of at least ${min}, not ${value}.`);
    }
  }
  const modelPath = resolve(options.modelPath);
  const facts = await readModelFacts(modelPath);
  const provider = new EmbeddedProvider(modelPath, facts, { threads, contextSize, maxConcurrent });
  if (options.preload ?? true) provider.preload();
  return provider;
}

/** The loaded model and its context, shared by every generation of one provider. */
interface Runtime {
  model: LlamaModel;
  context: LlamaContext;
  /** The model's own chat template, built once per load (see chatWrapperOf). */
  chatWrapper: ChatWrapper;
  /** Set when the model has FIM prefix and suffix tokens. */
  infillVocabulary: InfillVocabulary<Token> | undefined;
}

type QueueItem =
  | { type: 'text'; text: string }
  | { type: 'tool-call'; call: ToolCall }
  | { type: 'end'; finishReason: 'stop' | 'length' | 'cancelled' | 'tool-calls' }
  | { type: 'error'; error: ProviderError };

class EmbeddedProvider implements ModelProvider {
  private runtime: Promise<Runtime> | undefined;
  private readonly slots: SequenceSlots;
  private readonly running = new Set<Promise<void>>();
  private readonly stopAll = new AbortController();
  private closed = false;

  constructor(
    private readonly modelPath: string,
    private readonly facts: ModelFacts,
    private readonly settings: { threads: number; contextSize: number; maxConcurrent: number },
  ) {
    this.slots = new SequenceSlots(settings.maxConcurrent);
  }

  describe(): ProviderDescription {
    return { adapter: 'embedded', model: this.facts.name, endpoint: this.facts.fileName, supportsInfill: this.facts.supportsInfill };
  }

  async *generate(request: GenerateRequest): AsyncGenerator<GenerateEvent> {
    for await (const event of this.session(request.signal, (runtime, sequence, signal, usage, queue) => this.run(runtime, sequence, request, signal, usage, queue))) {
      // A prompt without tools gets no tool calls back.
      if (event.type === 'text') yield event;
      else if (event.type === 'done') yield { ...event, finishReason: event.finishReason === 'tool-calls' ? 'stop' : event.finishReason };
    }
  }

  /** node-llama-cpp's function calling: the model's calls come back whole; their results go in the next request's history. */
  generateWithTools(request: ToolGenerateRequest): AsyncIterable<ToolGenerateEvent> {
    return this.session(request.signal, (runtime, sequence, signal, usage, queue) => runToolChat(runtime, sequence, request, signal, usage, queue));
  }

  /** One generation on a free sequence: waits for the model and a slot, streams what `start` queues, ends on abort or close(). */
  private async *session(
    signal: AbortSignal,
    start: (runtime: Runtime, sequence: LlamaContextSequence, upstream: AbortSignal, usage: Usage, queue: AsyncEventQueue<QueueItem>) => Promise<void>,
  ): AsyncGenerator<ToolGenerateEvent> {
    const usage: Usage = { inputTokens: 0, outputTokens: 0 };
    const cancelled = (): ToolGenerateEvent => ({ type: 'done', finishReason: 'cancelled', usage: { ...usage } });
    if (this.closed) throw new ProviderError('unavailable', 'The embedded model has been shut down.');
    if (signal.aborted) {
      yield cancelled();
      return;
    }
    // Waiting for the model or for a free sequence ends on the caller's abort or on close().
    const waitSignal = AbortSignal.any([signal, this.stopAll.signal]);
    const runtime = await untilAborted(this.load(), waitSignal);
    if (runtime === undefined || !(await this.slots.acquire(waitSignal))) {
      yield cancelled();
      return;
    }

    // `upstream` stops node-llama-cpp: on the caller's abort, on close(), and when the consumer
    // stops iterating early (the finally below).
    const upstream = new AbortController();
    const queue = new AsyncEventQueue<QueueItem>();
    const onAbort = (): void => {
      upstream.abort();
      queue.wake();
    };
    signal.addEventListener('abort', onAbort, { once: true });
    this.stopAll.signal.addEventListener('abort', onAbort, { once: true });
    let sequence: LlamaContextSequence | undefined;
    let generation: Promise<void> | undefined;
    try {
      sequence = runtime.context.getSequence();
      generation = start(runtime, sequence, upstream.signal, usage, queue);
      this.running.add(generation);
      for (;;) {
        const item = await queue.next();
        // Checked before every item: once the caller has aborted, text already queued is dropped.
        if (signal.aborted || this.stopAll.signal.aborted) {
          // A chat prompt's size is known once node-llama-cpp has evaluated it.
          if (usage.inputTokens === 0) usage.inputTokens = sequence.tokenMeter.usedInputTokens;
          yield cancelled();
          return;
        }
        if (item === undefined) continue;
        if (item.type === 'text' || item.type === 'tool-call') yield item;
        else if (item.type === 'error') throw item.error;
        else {
          yield { type: 'done', finishReason: item.finishReason, usage: { ...usage } };
          return;
        }
      }
    } finally {
      signal.removeEventListener('abort', onAbort);
      this.stopAll.signal.removeEventListener('abort', onAbort);
      upstream.abort();
      if (generation) {
        await generation;
        this.running.delete(generation);
      }
      await sequence?.dispose();
      this.slots.release();
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.stopAll.abort();
    await Promise.all(this.running);
    const runtime = await this.runtime?.catch(() => undefined);
    this.runtime = undefined;
    if (runtime) {
      await runtime.context.dispose();
      await runtime.model.dispose();
    }
  }

  /** Starts the load without waiting for it; its failure waits for the next generation to report it. */
  preload(): void {
    this.load().catch(() => undefined);
  }

  /** Loads the model and creates its context once; a failed load is retried by the next request. */
  private load(): Promise<Runtime> {
    this.runtime ??= this.loadRuntime().catch((error: unknown) => {
      this.runtime = undefined;
      throw error;
    });
    return this.runtime;
  }

  private async loadRuntime(): Promise<Runtime> {
    let llama;
    try {
      llama = await getSharedLlama();
    } catch (error) {
      throw new ProviderError('unavailable', `node-llama-cpp could not load its prebuilt llama.cpp binary: ${messageOf(error)}`);
    }
    let model: LlamaModel;
    const llamaErrors = collectLlamaErrors();
    try {
      model = await llama.loadModel({ modelPath: this.modelPath, gpuLayers: 0 });
    } catch (error) {
      // llama.cpp logs the reason ("tensor … data is not within the file bounds"); the exception only says it failed.
      const lines = await llamaErrors.until((line) => line.includes('failed to load model'), 500);
      const reason = lines.find((line) => line.includes('error loading model')) ?? messageOf(error);
      throw new ProviderError('misconfigured', `llama.cpp could not load ${this.facts.fileName} (${reason}). Is it a complete GGUF model file?`);
    } finally {
      llamaErrors.stop();
    }
    try {
      const context = await model.createContext({
        sequences: this.settings.maxConcurrent,
        contextSize: Math.min(this.settings.contextSize, model.trainContextSize),
        threads: this.settings.threads,
      });
      return { model, context, chatWrapper: chatWrapperOf(model), infillVocabulary: infillVocabularyOf(model) };
    } catch (error) {
      await model.dispose();
      throw new ProviderError('unavailable', `Could not create a llama.cpp context for ${this.facts.fileName}: ${messageOf(error)}`);
    }
  }

  /** Runs one generation on `sequence`, feeding `queue`; never rejects (errors become queue items). */
  private async run(
    runtime: Runtime,
    sequence: LlamaContextSequence,
    request: GenerateRequest,
    signal: AbortSignal,
    usage: Usage,
    queue: AsyncEventQueue<QueueItem>,
  ): Promise<void> {
    const options = {
      signal,
      // Abort ends the generation with stopReason "abort" instead of a rejection.
      stopOnAbortSignal: true,
      maxTokens: request.maxTokens,
      temperature: request.temperature,
      customStopTriggers: request.stop && request.stop.length > 0 ? [...request.stop] : undefined,
      onTextChunk: (text: string) => queue.push({ type: 'text', text }),
      onToken: (tokens: Token[]) => {
        usage.outputTokens += tokens.length;
      },
    };
    try {
      const { prompt } = request;
      let stopReason: string;
      if (prompt.kind === 'infill' && runtime.infillVocabulary) {
        const contextSize = sequence.contextSize;
        const tokens = buildInfillTokens(prompt, runtime.infillVocabulary, contextSize - Math.min(request.maxTokens, Math.floor(contextSize / 2)));
        usage.inputTokens = tokens.length;
        const completion = new LlamaCompletion({ contextSequence: sequence });
        // No context shift: a FIM prompt cut from the front would lose its prefix token; a full context ends with "length".
        const result = await completion.generateCompletionWithMeta(tokens, { ...options, disableContextShift: true });
        stopReason = result.metadata.stopReason;
      } else {
        const chatPrompt = prompt.kind === 'chat' ? prompt : infillAsChatPrompt(prompt);
        const chat = new LlamaChat({ contextSequence: sequence, chatWrapper: runtime.chatWrapper });
        const result = await chat.generateResponse(toChatHistory(chatPrompt), options);
        usage.inputTokens = sequence.tokenMeter.usedInputTokens;
        stopReason = result.metadata.stopReason;
      }
      queue.push({ type: 'end', finishReason: stopReason === 'maxTokens' ? 'length' : stopReason === 'abort' ? 'cancelled' : 'stop' });
    } catch (error) {
      queue.push({
        type: 'error',
        error: error instanceof ProviderError ? error : new ProviderError('bad-response', `The embedded model failed: ${messageOf(error)}`),
      });
    }
  }
}

/**
 * Runs one turn of a conversation with tools on `sequence`, feeding `queue`; never rejects.
 * node-llama-cpp stops at the model's function calls (stop reason "functionCalls") without
 * running them: they go out as tool calls, and their results come back in the next request.
 */
async function runToolChat(
  runtime: Runtime,
  sequence: LlamaContextSequence,
  request: ToolGenerateRequest,
  signal: AbortSignal,
  usage: Usage,
  queue: AsyncEventQueue<QueueItem>,
): Promise<void> {
  try {
    const chat = new LlamaChat({ contextSequence: sequence, chatWrapper: runtime.chatWrapper });
    const result = await chat.generateResponse(toFunctionCallingHistory(request.messages), {
      signal,
      stopOnAbortSignal: true,
      maxTokens: request.maxTokens,
      temperature: request.temperature,
      functions: toModelFunctions(request.tools),
      onTextChunk: (text: string) => queue.push({ type: 'text', text }),
      onToken: (tokens: Token[]) => {
        usage.outputTokens += tokens.length;
      },
    });
    usage.inputTokens = sequence.tokenMeter.usedInputTokens;
    const calls = result.functionCalls ?? [];
    calls.forEach((call, index) => {
      queue.push({ type: 'tool-call', call: { id: `call_${sequence.tokenMeter.usedOutputTokens}_${index + 1}`, name: call.functionName, arguments: JSON.stringify(call.params ?? {}) } });
    });
    const { stopReason } = result.metadata;
    queue.push({ type: 'end', finishReason: stopReason === 'abort' ? 'cancelled' : calls.length > 0 ? 'tool-calls' : stopReason === 'maxTokens' ? 'length' : 'stop' });
  } catch (error) {
    queue.push({ type: 'error', error: error instanceof ProviderError ? error : new ProviderError('bad-response', `The embedded model failed: ${messageOf(error)}`) });
  }
}

/**
 * Renders the GGUF's own Jinja chat template. node-llama-cpp's default ("auto") first renders
 * that template against each of its built-in formats to find an equivalent one: 1.3 s of
 * synchronous work on a busy 2-core machine, the server's event loop blocked throughout, against
 * about 20 ms for the template alone. Models without a template fall back to node-llama-cpp's
 * guess from the file name and architecture.
 */
function chatWrapperOf(model: LlamaModel): ChatWrapper {
  return resolveChatWrapper(model, { type: 'jinjaTemplate', fallbackToOtherWrappersOnJinjaError: true, warningLogs: false });
}

/** The FIM tokens of a loaded model, as llama.cpp resolved them (keys, or known token texts). */
function infillVocabularyOf(model: LlamaModel): InfillVocabulary<Token> | undefined {
  const { prefix, suffix, middle } = model.tokens.infill;
  if (prefix === null || suffix === null) return undefined;
  const ggml = model.fileInfo.metadata.tokenizer?.ggml;
  const special = (id: number | undefined, texts: readonly string[]): Token | undefined => {
    if (id !== undefined) return id as Token;
    for (const text of texts) {
      const tokens = model.tokenize(text, true);
      if (tokens.length === 1) return tokens[0];
    }
    return undefined;
  };
  return {
    tokenize: (text) => model.tokenize(text, false),
    prefix,
    suffix,
    middle: middle ?? undefined,
    repoName: special(ggml?.fim_rep_token_id, ['<|repo_name|>', '<|fim_repo|>']),
    fileSeparator: special(ggml?.fim_sep_token_id, ['<|file_sep|>']),
  };
}

/** Resolves with the promise's value, or undefined as soon as `signal` aborts (the promise keeps running). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T | undefined> {
  return new Promise((resolvePromise, reject) => {
    const onAbort = () => resolvePromise(undefined);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolvePromise(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
