import { ProviderError, type GenerateEvent, type GenerateRequest, type ModelProvider } from '../providers/ModelProvider.ts';
import type { LaneTimeouts } from './LaneConfig.ts';

/**
 * Gives a provider that has no timeouts of its own (the embedded one) the lane's: no first token
 * within `firstTokenMs`, or silence for `idleMs` after it, aborts the generation and throws
 * ProviderError "timeout". A cancel by the caller still ends the stream with "cancelled".
 */
export function withGenerationTimeouts(provider: ModelProvider, timeouts: LaneTimeouts): ModelProvider {
  return {
    describe: () => provider.describe(),
    close: () => provider.close(),
    generate(request: GenerateRequest): AsyncIterable<GenerateEvent> {
      return timed(provider, request, timeouts);
    },
  };
}

async function* timed(provider: ModelProvider, request: GenerateRequest, timeouts: LaneTimeouts): AsyncGenerator<GenerateEvent> {
  const inner = new AbortController();
  let timedOut: string | undefined;
  let timer: NodeJS.Timeout | undefined;
  const arm = (ms: number, message: string) => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timedOut = message;
      inner.abort();
    }, ms);
  };
  const onCancel = () => inner.abort();
  if (request.signal.aborted) inner.abort();
  else request.signal.addEventListener('abort', onCancel, { once: true });
  const name = provider.describe().model;
  arm(timeouts.firstTokenMs, `${name} produced no first token within ${timeouts.firstTokenMs} ms.`);
  try {
    for await (const event of provider.generate({ ...request, signal: inner.signal })) {
      if (event.type === 'done') {
        if (event.finishReason === 'cancelled' && timedOut !== undefined && !request.signal.aborted) throw new ProviderError('timeout', timedOut);
        yield event;
        return;
      }
      arm(timeouts.idleMs, `${name} stopped producing tokens for ${timeouts.idleMs} ms.`);
      yield event;
    }
  } finally {
    clearTimeout(timer);
    request.signal.removeEventListener('abort', onCancel);
    inner.abort();
  }
}
