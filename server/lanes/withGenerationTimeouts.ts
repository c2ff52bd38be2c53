import { ProviderError, type GenerateEvent, type GenerateRequest, type ModelProvider, type ToolGenerateEvent, type ToolGenerateRequest } from '../providers/ModelProvider.ts';
import { GenerationDeadline } from '../providers/GenerationDeadline.ts';
import type { LaneTimeouts } from './LaneConfig.ts';

/**
 * Gives a provider that has no timeouts of its own (the embedded one) the lane's: no first token
 * within `firstTokenMs`, or silence for `idleMs` after it, aborts the generation and throws
 * ProviderError "timeout". A cancel by the caller still ends the stream with "cancelled".
 */
export function withGenerationTimeouts(provider: ModelProvider, timeouts: LaneTimeouts): ModelProvider {
  const wrapped: ModelProvider = {
    describe: () => provider.describe(),
    close: () => provider.close(),
    generate(request: GenerateRequest): AsyncIterable<GenerateEvent> {
      return timed(provider.describe().model, request.signal, (signal) => provider.generate({ ...request, signal }), timeouts);
    },
  };
  const withTools = provider.generateWithTools?.bind(provider);
  // The deep lane's tool calls get the same deadlines; a provider without tools stays without.
  if (withTools) {
    wrapped.generateWithTools = (request: ToolGenerateRequest): AsyncIterable<ToolGenerateEvent> =>
      timed(provider.describe().model, request.signal, (signal) => withTools({ ...request, signal }), timeouts);
  }
  return wrapped;
}

async function* timed<E extends GenerateEvent | ToolGenerateEvent>(
  name: string,
  callerSignal: AbortSignal,
  open: (signal: AbortSignal) => AsyncIterable<E>,
  timeouts: LaneTimeouts,
): AsyncGenerator<E> {
  const request = { signal: callerSignal };
  const deadline = new GenerationDeadline(request.signal);
  deadline.arm(timeouts.firstTokenMs, `${name} produced no first token within ${timeouts.firstTokenMs} ms.`);
  try {
    for await (const event of open(deadline.signal)) {
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
