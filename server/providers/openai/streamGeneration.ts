import { GenerationDeadline } from '../GenerationDeadline.ts';
import { ProviderError, type GenerateEvent, type GenerateRequest, type ToolCall, type ToolGenerateEvent } from '../ModelProvider.ts';
import { estimateTokens } from './estimateTokens.ts';
import { StopSequenceCutter } from './StopSequenceCutter.ts';

/** What an adapter reads off its upstream, before cancel, timeouts, stop sequences and usage are applied. */
export type UpstreamPiece =
  | { type: 'text'; text: string }
  /** The upstream is alive but has nothing to show (reasoning, bookkeeping events). */
  | { type: 'progress' }
  | { type: 'usage'; inputTokens?: number | undefined; outputTokens?: number | undefined }
  | { type: 'finish'; reason: 'stop' | 'length' }
  /** A tool call's name or arguments are streaming: a visible token for the deadlines, nothing to show yet. */
  | { type: 'tool-call-delta' }
  /** A tool call whose arguments are complete. */
  | { type: 'tool-call'; call: ToolCall };

/** How long a generation may wait: for its first visible token, and between pieces after that. */
export interface GenerationTimeouts {
  firstTokenMs: number;
  idleMs: number;
}

export interface StreamGenerationOptions {
  /** The caller's abort signal. */
  request: Pick<GenerateRequest, 'signal'>;
  timeouts: GenerationTimeouts;
  /** How error messages name the upstream, e.g. `model "x" at http://host/v1`. */
  upstreamName: string;
  /** Stop sequences to enforce locally (the upstream may enforce some of them too). */
  stops: readonly string[];
  /** The prompt as sent, to estimate input tokens when the upstream does not report them. */
  promptText: string;
  /** Starts the upstream call; aborting `signal` must end it at once. */
  open(signal: AbortSignal): AsyncIterable<UpstreamPiece>;
  toError(error: unknown): ProviderError;
}

/**
 * The part every adapter shares: drives an upstream stream into GenerateEvents.
 * - Cancel: the request's signal aborts the upstream call at once; the stream then ends with one
 *   `done` (finishReason "cancelled") and no text after the abort, even if some was in flight.
 * - Timeouts: no visible token within `firstTokenMs`, or silence for `idleMs` after it, aborts
 *   the upstream call and throws ProviderError "timeout".
 * - Stop sequences are cut locally; the upstream call is aborted once one is reached.
 * - Usage: the upstream's figures, estimated when it gives none (e.g. after a cancel).
 * - Exactly one `done`, or a thrown ProviderError.
 */
export async function* streamGeneration(options: StreamGenerationOptions): AsyncGenerator<GenerateEvent> {
  for await (const event of streamEvents(options)) {
    // Only a request with tools gets tool calls back; without tools there are none to drop.
    if (event.type === 'text') yield event;
    else if (event.type === 'done') yield { ...event, finishReason: event.finishReason === 'tool-calls' ? 'stop' : event.finishReason };
  }
}

/** streamGeneration with tool calls: the same cancel, deadlines and usage, plus `tool-call` events and finish "tool-calls". */
export async function* streamEvents(options: StreamGenerationOptions): AsyncGenerator<ToolGenerateEvent> {
  const { request, timeouts } = options;
  if (request.signal.aborted) {
    yield { type: 'done', finishReason: 'cancelled', usage: { inputTokens: 0, outputTokens: 0 } };
    return;
  }

  const upstream = new GenerationDeadline(request.signal);
  // Lets a pending read lose the race to an abort, whatever the upstream iterator does about it.
  const aborted = new Promise<'aborted'>((resolve) => upstream.signal.addEventListener('abort', () => resolve('aborted'), { once: true }));
  upstream.arm(timeouts.firstTokenMs, `${options.upstreamName} sent no first token within ${timeouts.firstTokenMs} ms.`);

  const cutter = new StopSequenceCutter(options.stops);
  let text = '';
  let sawText = false;
  let finish: 'stop' | 'length' | undefined;
  let reportedInput: number | undefined;
  let reportedOutput: number | undefined;
  let iterator: AsyncIterator<UpstreamPiece> | undefined;
  let failure: ProviderError | undefined;
  let stoppedHere = false;
  let toolCalls = 0;
  const callIds = new Set<string>();
  /** What the tool calls spelled out, for the output estimate when the upstream gives none. */
  let toolText = '';

  try {
    iterator = options.open(upstream.signal)[Symbol.asyncIterator]();
    for (;;) {
      const next = await Promise.race([iterator.next(), aborted]);
      if (next === 'aborted' || upstream.signal.aborted || next.done) break;
      const piece = next.value;
      if (piece.type === 'text') {
        if (piece.text === '') continue;
        sawText = true;
        upstream.arm(timeouts.idleMs, `${options.upstreamName} stopped streaming for ${timeouts.idleMs} ms.`);
        const { text: visible, stopped } = cutter.push(piece.text);
        if (request.signal.aborted) break;
        if (visible !== '') {
          text += visible;
          yield { type: 'text', text: visible };
        }
        if (stopped) {
          finish = 'stop';
          stoppedHere = true;
          break;
        }
      } else if (piece.type === 'tool-call-delta') {
        sawText = true;
        upstream.arm(timeouts.idleMs, `${options.upstreamName} stopped streaming for ${timeouts.idleMs} ms.`);
      } else if (piece.type === 'tool-call') {
        // Some APIs name a call twice (as it finishes, and again in the final response): once is enough.
        if (callIds.has(piece.call.id)) continue;
        callIds.add(piece.call.id);
        sawText = true;
        toolCalls++;
        upstream.arm(timeouts.idleMs, `${options.upstreamName} stopped streaming for ${timeouts.idleMs} ms.`);
        if (request.signal.aborted) break;
        toolText += piece.call.name + piece.call.arguments;
        yield { type: 'tool-call', call: piece.call };
      } else if (piece.type === 'progress') {
        if (sawText) upstream.arm(timeouts.idleMs, `${options.upstreamName} stopped streaming for ${timeouts.idleMs} ms.`);
      } else if (piece.type === 'usage') {
        reportedInput = piece.inputTokens ?? reportedInput;
        reportedOutput = piece.outputTokens ?? reportedOutput;
      } else {
        finish = piece.reason;
      }
    }
  } catch (error) {
    if (!request.signal.aborted && upstream.timedOut === undefined) failure = options.toError(error);
  } finally {
    // Ends the upstream call however we got here: cancel, timeout, a stop sequence, an error, or a
    // consumer that stopped iterating. Aborting a finished call is a no-op.
    upstream.dispose();
    const closing = iterator?.return?.();
    if (closing) closing.catch(() => {});
  }

  const usage = () => ({
    inputTokens: reportedInput ?? estimateTokens(options.promptText),
    outputTokens: stoppedHere || reportedOutput === undefined ? Math.max(reportedOutput ?? 0, estimateTokens(text + toolText)) : reportedOutput,
  });
  if (request.signal.aborted) {
    yield { type: 'done', finishReason: 'cancelled', usage: usage() };
    return;
  }
  if (upstream.timedOut !== undefined) throw new ProviderError('timeout', upstream.timedOut);
  if (failure) throw failure;
  if (!stoppedHere) {
    const rest = cutter.flush();
    if (rest !== '') {
      text += rest;
      yield { type: 'text', text: rest };
    }
    if (finish === undefined) throw new ProviderError('bad-response', `${options.upstreamName} ended the stream without saying it had finished.`);
  }
  // A cancel that lands while the consumer handles the last text still reads as a cancel.
  // A model that called tools stopped to have them run, whatever its API calls that ("stop", "tool_calls").
  const finished = finish === 'stop' && toolCalls > 0 ? 'tool-calls' : (finish ?? 'stop');
  yield { type: 'done', finishReason: request.signal.aborted ? 'cancelled' : finished, usage: usage() };
}
