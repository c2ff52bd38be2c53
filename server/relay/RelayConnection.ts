import type { CancelMessage, QuickEditMessage, SuggestMessage } from '../../shared/clientMessage.ts';
import type { SuggestionErrorMessage } from '../../shared/serverMessage.ts';
import type { GenerateRequest } from '../providers/ModelProvider.ts';
import { buildInfillPrompt } from '../prompt/buildInfillPrompt.ts';
import { buildQuickEditPrompt } from '../prompt/buildQuickEditPrompt.ts';
import { CodeFenceStripper } from '../prompt/CodeFenceStripper.ts';
import { BatchCoalescer } from './BatchCoalescer.ts';
import { resolveQuickEditAnswer, type ResolvedQuickEditAnswer } from './resolveQuickEditAnswer.ts';
import type { RelaySettings } from './FastLaneRelay.ts';
import type { RelayMessage } from './RelayMessage.ts';
import type { RelayIdentity, RequestLimits } from './RelayBudgets.ts';
import type { LimitCharge } from './SlidingWindowLimit.ts';
import { toSuggestionError } from './toSuggestionError.ts';

/** A quick edit rewrites a whole selection: it may ask for more than a ghost-text suggestion, up to this. */
const QUICK_EDIT_MAX_TOKENS = 4096;

/** One request in flight. Once `closed` (cancelled, interrupted, disconnected) nothing more is sent for it. */
interface ActiveRequest {
  readonly requestId: string;
  readonly controller: AbortController;
  readonly coalescer: BatchCoalescer;
  /** Quick edits: the answer is code, so a Markdown fence around it is taken off. */
  readonly fences: CodeFenceStripper | undefined;
  /** Quick edits: resolves the whole answer (search/replace blocks become edits) once it is complete. */
  readonly resolve: ((answer: string) => ResolvedQuickEditAnswer) | undefined;
  /** What was streamed to the client so far, for `resolve`. */
  answer: string;
  closed: boolean;
}

/**
 * One client's side of the fast lane: at most `maxInFlight` requests at a time (a newer one
 * interrupts the oldest: latest wins), its own request rate and token budget, the room's token
 * budget, and cancel at once. Every outcome of a request is exactly one of: batches then
 * `suggestion-done`; a `suggestion-error`; or silence after the client's own `cancel`.
 */
export class RelayConnection {
  private readonly active = new Map<string, ActiveRequest>();
  /** This connection's own limits, used while it is in no room. */
  private readonly ownLimits: RequestLimits;
  private closed = false;

  constructor(
    private readonly settings: RelaySettings,
    private readonly send: (message: RelayMessage) => void,
    private readonly onClose: () => void,
    private readonly identity: () => RelayIdentity | undefined = () => undefined,
  ) {
    this.ownLimits = settings.budgets.forConnection();
  }

  suggest(message: SuggestMessage): void {
    const receivedAt = this.settings.clock.now();
    this.start(message.requestId, receivedAt, this.settings.lanes.fast.budgets.maxTokensPerRequest, false, () => {
      const { prompt } = buildInfillPrompt(message, this.settings.promptBudget, () => this.settings.clock.now());
      return prompt;
    });
  }

  quickEdit(message: QuickEditMessage): void {
    const receivedAt = this.settings.clock.now();
    const laneMax = this.settings.lanes.fast.budgets.maxTokensPerRequest;
    // About three characters a token for code, plus room for a rewrite that grows it.
    const wanted = Math.min(QUICK_EDIT_MAX_TOKENS, Math.ceil((message.selection.end - message.selection.start) / 3) + 128);
    this.start(message.requestId, receivedAt, Math.max(laneMax, wanted), true, () => buildQuickEditPrompt(message, this.settings.promptBudget), (answer) =>
      resolveQuickEditAnswer(message.text, message.selection, answer),
    );
  }

  /** Aborts the request's upstream call at once; nothing more is sent for it. Unknown ids are ignored (it may have just finished). */
  cancel(message: CancelMessage): void {
    const request = this.active.get(message.requestId);
    if (request) this.stop(request);
  }

  /** The client went away: abort everything it asked for. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const request of [...this.active.values()]) this.stop(request);
    this.onClose();
  }

  private refuse(requestId: string, error: Omit<SuggestionErrorMessage, 'type' | 'requestId'>): void {
    this.send({ type: 'suggestion-error', requestId, ...error });
  }

  private start(
    requestId: string,
    receivedAt: number,
    wantedTokens: number,
    stripFences: boolean,
    buildPrompt: () => GenerateRequest['prompt'],
    resolve?: (answer: string) => ResolvedQuickEditAnswer,
  ): void {
    if (this.closed) return;
    const { lanes, provider } = this.settings;
    if (provider === undefined || lanes.fast.provider === 'off') {
      const off = lanes.fast.provider === 'off' ? lanes.fast : undefined;
      this.refuse(requestId, { code: 'ai-off', message: off ? `AI suggestions are off. ${off.reason} ${off.howToEnable}` : 'AI suggestions are off on this server.' });
      return;
    }
    if (this.active.has(requestId)) {
      this.refuse(requestId, { code: 'invalid-request', message: `Request ${requestId} is already in flight; every request needs a new id.` });
      return;
    }
    const budgets = lanes.fast.budgets;
    const identity = this.identity();
    const limits = identity ? this.settings.budgets.forIdentity(identity) : this.ownLimits;
    if (limits.personRequests.remaining() < 1) {
      this.refuse(requestId, {
        code: 'rate-limited',
        scope: 'person',
        message: `You asked for more than ${budgets.requestsPerPersonPerMinute} AI suggestions in a minute; they resume shortly.`,
        retryAfterMs: limits.personRequests.retryAfterMs(),
      });
      return;
    }
    const personLeft = limits.personTokens.remaining();
    if (personLeft < 1) {
      this.refuse(requestId, {
        code: 'budget',
        scope: 'person',
        message: `Your AI budget of ${budgets.tokensPerPersonPerHour.toLocaleString('en-US')} tokens an hour is spent.`,
        retryAfterMs: limits.personTokens.retryAfterMs(),
      });
      return;
    }
    const roomLeft = limits.roomTokens.remaining();
    if (roomLeft < 1) {
      this.refuse(requestId, {
        code: 'budget',
        scope: 'room',
        message: `This room's AI budget of ${budgets.tokensPerRoomPerHour.toLocaleString('en-US')} tokens an hour is spent.`,
        retryAfterMs: limits.roomTokens.retryAfterMs(),
      });
      return;
    }

    // Latest wins: the oldest request gives up its slot, and says so.
    while (this.active.size >= this.settings.maxInFlight) {
      const oldest = this.active.values().next().value as ActiveRequest;
      this.stop(oldest);
      this.refuse(oldest.requestId, {
        code: 'interrupted',
        message: `Replaced by a newer request (at most ${this.settings.maxInFlight} run at a time).`,
      });
    }

    let prompt: GenerateRequest['prompt'];
    try {
      prompt = buildPrompt();
    } catch (error) {
      console.error(`prompt building failed for ${requestId}:`, error);
      this.refuse(requestId, { code: 'invalid-request', message: 'The server could not build a prompt from this request.' });
      return;
    }

    const maxTokens = Math.max(1, Math.floor(Math.min(wantedTokens, personLeft, roomLeft)));
    const charges = [limits.personRequests.charge(1), limits.personTokens.charge(maxTokens), limits.roomTokens.charge(maxTokens)];
    const request: ActiveRequest = {
      requestId,
      controller: new AbortController(),
      coalescer: new BatchCoalescer(
        (seq, text) => this.send({ type: 'suggestion-batch', requestId, seq, text }),
        { flushMs: () => this.flushMs(), maxChars: this.settings.maxBatchChars },
        this.settings.clock,
      ),
      fences: stripFences ? new CodeFenceStripper() : undefined,
      resolve,
      answer: '',
      closed: false,
    };
    this.active.set(requestId, request);
    this.settings.streaming.count++;
    this.run(request, { prompt, maxTokens, temperature: 0, signal: request.controller.signal }, receivedAt, charges).catch((error: unknown) => {
      // run() handles its own failures; this is a bug in it, and must not take the server down.
      console.error(`relay request ${requestId} failed:`, error);
    });
  }

  private async run(request: ActiveRequest, generate: GenerateRequest, receivedAt: number, charges: LimitCharge[]): Promise<void> {
    const { clock, provider } = this.settings;
    let firstTextAt: number | undefined;
    let textEvents = 0;
    let spent: number | undefined;
    try {
      for await (const event of provider!.generate(generate)) {
        if (event.type === 'text') {
          textEvents++;
          if (request.closed) continue;
          firstTextAt ??= clock.now();
          const text = request.fences ? request.fences.push(event.text) : event.text;
          if (request.resolve) request.answer += text;
          request.coalescer.push(text);
          continue;
        }
        spent = event.usage.outputTokens;
        if (request.closed) break;
        if (event.finishReason === 'cancelled') {
          // Only our own abort cancels, and that closes the request first; anything else is the provider's oddity.
          this.finish(request);
          this.refuse(request.requestId, { code: 'bad-response', message: 'The model ended the answer without finishing it.' });
          break;
        }
        if (request.fences) {
          const rest = request.fences.end();
          request.answer += rest;
          request.coalescer.push(rest);
        }
        request.coalescer.flush();
        const resolved = request.resolve?.(request.answer);
        if (resolved?.kind === 'unresolved') {
          this.finish(request);
          this.refuse(request.requestId, { code: 'bad-response', message: resolved.message });
          break;
        }
        const endedAt = clock.now();
        const generating = firstTextAt === undefined ? 0 : (endedAt - firstTextAt) / 1000;
        this.send({
          type: 'suggestion-done',
          requestId: request.requestId,
          seq: request.coalescer.nextSeq,
          finishReason: event.finishReason,
          usage: { inputTokens: event.usage.inputTokens, outputTokens: event.usage.outputTokens },
          timeToFirstTokenMs: firstTextAt === undefined ? null : Math.round((firstTextAt - receivedAt) * 10) / 10,
          tokensPerSecond: generating > 0 ? Math.round((event.usage.outputTokens / generating) * 10) / 10 : null,
          ...(resolved?.kind === 'edits' ? { edits: [...resolved.edits] } : {}),
        });
        this.finish(request);
        break;
      }
    } catch (error) {
      if (!request.closed) {
        // What the model said before failing still goes out, in order, before the error.
        request.coalescer.flush();
        this.finish(request);
        this.send(toSuggestionError(request.requestId, error));
      }
    } finally {
      // The budget pays for what the model produced, a cancelled answer's tokens included.
      const actual = spent ?? textEvents;
      charges[1]!.settle(actual);
      charges[2]!.settle(actual);
      if (!request.closed) {
        // A stream that ended without `done` breaks the provider contract: say so rather than leave the client waiting.
        this.finish(request);
        this.refuse(request.requestId, { code: 'bad-response', message: 'The model stream ended without an answer.' });
      }
    }
  }

  /** The request is over: it frees its slot and sends nothing more. */
  private finish(request: ActiveRequest): void {
    if (!request.closed) this.settings.streaming.count--;
    request.closed = true;
    request.coalescer.discard();
    if (this.active.get(request.requestId) === request) this.active.delete(request.requestId);
  }

  /**
   * How long text waits to be joined into one batch. With many streams at once each batch costs
   * the server and every client a socket message: past `busyStreams` the wait grows with their
   * number (100 streams: 4× the base), so the server sends fewer, larger batches. The first batch
   * of a request never waits.
   */
  private flushMs(): number {
    const { flushMs, busyStreams, streaming } = this.settings;
    return flushMs * Math.min(4, Math.max(1, streaming.count / busyStreams));
  }

  /** Ends the request from our side: abort upstream at once, drop pending text. */
  private stop(request: ActiveRequest): void {
    this.finish(request);
    request.controller.abort();
  }
}
