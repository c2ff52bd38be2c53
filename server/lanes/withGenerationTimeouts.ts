import { ProviderError, type GenerateEvent, type GenerateRequest, type ModelProvider } from '../providers/ModelProvider.ts';
import { GenerationDeadline } from '../providers/GenerationDeadline.ts';
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
  const deadline = new GenerationDeadline(request.signal);
  const name = provider.describe().model;
  deadline.arm(timeouts.firstTokenMs, `${name} produced no first token within ${timeouts.firstTokenMs} ms.`);
  try {
    for await (const event of provider.generate({ ...request, signal: deadline.signal })) {
      if (event.type === 'done') {
        if (event.finishReason === 'cancelled' && deadline.timedOut !== undefined && !request.signal.aborted) throw new ProviderError('timeout', deadline.timedOut);
        yield event;
        return;
      }
      deadline.arm(timeouts.idleMs, `${name} stopped producing tokens for ${timeouts.idleMs} ms.`);
      yield event;
    }
  } finally {
    deadline.dispose();
  }
}
