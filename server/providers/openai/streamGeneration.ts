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

/** What an adapter's `open` yields: one piece, or the pieces one read of the upstream carried. */
export type UpstreamPieces = AsyncIterable<UpstreamPiece | readonly UpstreamPiece[]>;

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
  /**
   * Starts the upstream call; aborting `signal` must end it at once, and must settle a pending
   * `next()` (resolve it done, or reject it): the cancel and the deadlines rely on it, and no
   * per-token race guards against an iterator that ignores it. An adapter yields the pieces of
   * one read together, as an array, so a read that carries many events is one step here.
   */
  open(signal: AbortSignal): UpstreamPieces;
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
export function streamGeneration(options: StreamGenerationOptions): AsyncGenerator<GenerateEvent> {
  // Without tools there are no tool calls to drop and no "tool-calls" finish: the events are
  // GenerateEvents already, without a generator in between that would cost a step per token.
  return drive(options, false) as AsyncGenerator<GenerateEvent>;
}

/** streamGeneration with tool calls: the same cancel, deadlines and usage, plus `tool-call` events and finish "tool-calls". */
export function streamEvents(options: StreamGenerationOptions): AsyncGenerator<ToolGenerateEvent> {
  return drive(options, true);
}

async function* drive(options: StreamGenerationOptions, withTools: boolean): AsyncGenerator<ToolGenerateEvent> {
  const { request, timeouts } = options;
  if (request.signal.aborted) {
    yield { type: 'done', finishReason: 'cancelled', usage: { inputTokens: 0, outputTokens: 0 } };
    return;
  }

  const upstream = new GenerationDeadline(request.signal);
  upstream.arm(timeouts.firstTokenMs, `${options.upstreamName} sent no first token within ${timeouts.firstTokenMs} ms.`);
  const idleMessage = `${options.upstreamName} stopped streaming for ${timeouts.idleMs} ms.`;

  const cutter = new StopSequenceCutter(options.stops);
  let text = '';
  let sawText = false;
  let finish: 'stop' | 'length' | undefined;
  let reportedInput: number | undefined;
  let reportedOutput: number | undefined;
  let iterator: AsyncIterator<UpstreamPiece | readonly UpstreamPiece[]> | undefined;
  let failure: ProviderError | undefined;
  let stoppedHere = false;
  let toolCalls = 0;
  const callIds = new Set<string>();
  /** What the tool calls spelled out, for the output estimate when the upstream gives none. */
  let toolText = '';
  const one: UpstreamPiece[] = [];

  try {
    iterator = options.open(upstream.signal)[Symbol.asyncIterator]();
    reading: for (;;) {
      const next = await iterator.next();
      if (upstream.signal.aborted || next.done) break;
      let pieces: readonly UpstreamPiece[];
      if (Array.isArray(next.value)) pieces = next.value as readonly UpstreamPiece[];
      else {
        one[0] = next.value as UpstreamPiece;
        pieces = one;
      }
      // The idle deadline moves once per read, not once per token.
      let alive = false;
      for (const piece of pieces) {
        if (piece.type === 'text') {
          if (piece.text === '') continue;
          sawText = alive = true;
          const { text: visible, stopped } = cutter.push(piece.text);
          if (request.signal.aborted) break reading;
          if (visible !== '') {
            text += visible;
            yield { type: 'text', text: visible };
          }
          if (stopped) {
            finish = 'stop';
            stoppedHere = true;
            break reading;
          }
        } else if (piece.type === 'tool-call-delta') {
          sawText = alive = true;
        } else if (piece.type === 'tool-call') {
          // Some APIs name a call twice (as it finishes, and again in the final response): once is enough.
          if (callIds.has(piece.call.id)) continue;
          callIds.add(piece.call.id);
          sawText = alive = true;
          toolCalls++;
          if (request.signal.aborted) break reading;
          toolText += piece.call.name + piece.call.arguments;
          // Only a request with tools gets tool calls back; without tools there are none to drop.
          if (withTools) yield { type: 'tool-call', call: piece.call };
        } else if (piece.type === 'progress') {
          if (sawText) alive = true;
        } else if (piece.type === 'usage') {
          reportedInput = piece.inputTokens ?? reportedInput;
          reportedOutput = piece.outputTokens ?? reportedOutput;
        } else {
          finish = piece.reason;
        }
      }
      if (alive) upstream.arm(timeouts.idleMs, idleMessage);
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
  const finished = finish === 'stop' && toolCalls > 0 ? (withTools ? 'tool-calls' : 'stop') : (finish ?? 'stop');
  yield { type: 'done', finishReason: request.signal.aborted ? 'cancelled' : finished, usage: usage() };
}
