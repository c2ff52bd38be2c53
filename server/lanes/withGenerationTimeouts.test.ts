import { describe, expect, it } from 'vitest';
import { ProviderError, type GenerateEvent, type GenerateRequest, type ModelProvider } from '../providers/ModelProvider.ts';
import { collectGeneration, testRequest } from '../providers/openai/collectGeneration.ts';
import { withGenerationTimeouts } from './withGenerationTimeouts.ts';

/** A provider that emits tokens after the given delays and honours its signal like a real one. */
function delayed(delaysMs: number[], seen: { signal?: AbortSignal } = {}): ModelProvider {
  return {
    describe: () => ({ adapter: 'embedded', model: 'tiny.gguf', endpoint: 'tiny.gguf', supportsInfill: true }),
    close: async () => {},
    async *generate(request: GenerateRequest): AsyncGenerator<GenerateEvent> {
      seen.signal = request.signal;
      for (const delay of delaysMs) {
        const aborted = await new Promise<boolean>((resolve) => {
          const timer = setTimeout(() => resolve(false), delay);
          request.signal.addEventListener('abort', () => (clearTimeout(timer), resolve(true)), { once: true });
        });
        if (aborted || request.signal.aborted) {
          yield { type: 'done', finishReason: 'cancelled', usage: { inputTokens: 1, outputTokens: 0 } };
          return;
        }
        yield { type: 'text', text: 'x' };
      }
      yield { type: 'done', finishReason: 'stop', usage: { inputTokens: 1, outputTokens: delaysMs.length } };
    },
  };
}

const chat = { kind: 'chat' as const, messages: [{ role: 'user' as const, content: 'hi' }] };

describe('withGenerationTimeouts', () => {
  it('passes a generation through when it keeps to the timeouts', async () => {
    const { text, done } = await collectGeneration(withGenerationTimeouts(delayed([0, 5, 5]), { firstTokenMs: 1000, idleMs: 1000 }).generate(testRequest(chat)));
    expect(text).toBe('xxx');
    expect(done?.finishReason).toBe('stop');
  });

  it('turns a slow first token into ProviderError "timeout" and aborts the inner generation', async () => {
    const seen: { signal?: AbortSignal } = {};
    const error = await collectGeneration(withGenerationTimeouts(delayed([5_000], seen), { firstTokenMs: 50, idleMs: 1000 }).generate(testRequest(chat))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).code).toBe('timeout');
    expect((error as ProviderError).message).toBe('tiny.gguf produced no first token within 50 ms.');
    expect(seen.signal?.aborted).toBe(true);
  });

  it('turns a stall after the first token into "timeout"', async () => {
    const error = await collectGeneration(withGenerationTimeouts(delayed([0, 5_000]), { firstTokenMs: 1000, idleMs: 50 }).generate(testRequest(chat))).catch((e: unknown) => e);
    expect((error as ProviderError).code).toBe('timeout');
  });

  it('leaves a cancel a cancel', async () => {
    const controller = new AbortController();
    const run = collectGeneration(withGenerationTimeouts(delayed([5_000]), { firstTokenMs: 1000, idleMs: 1000 }).generate(testRequest(chat, { signal: controller.signal })));
    controller.abort();
    expect((await run).done?.finishReason).toBe('cancelled');
  });
});
