import type { AnswerSink } from './AnswerSink.ts';
import type { ScriptedFault, ScriptedResponse } from './ScriptedResponse.ts';
import { splitIntoTokens } from './splitIntoTokens.ts';
import type { PacedStream, TokenPacer } from './TokenPacer.ts';
import type { AnswerContext, WireEvent, WireFormat, WireToolCall } from './WireFormat.ts';
import type { RequestOutcome } from './RecordedRequest.ts';

/** What the player reports about the request it answers. */
export interface AnswerObserver {
  tokensSent(count: number, now: number): void;
  settle(outcome: RequestOutcome, now: number): void;
}

let nextId = 1;

/**
 * Plays one scripted answer into a sink: the opening events, the tokens at the scripted pace in
 * the scripted chunks, then the closing events, or the scripted fault at its place.
 */
export class AnswerPlayer implements PacedStream {
  private readonly ctx: AnswerContext;
  private readonly chunks: string[] = [];
  private readonly chunkTokenCounts: number[] = [];
  private readonly text: string;
  private readonly finishReason: 'stop' | 'length';
  /** Index of the chunk before which the fault happens (chunks.length = after the last one). */
  private readonly faultAt: number | undefined;
  private readonly fault: ScriptedFault | undefined;
  private readonly streaming: boolean;
  /** The scripted function calls, sent after the text (only by formats that have function calling). */
  private readonly toolCalls: WireToolCall[];
  private startAt = 0;
  private sent = 0;
  private tokens = 0;
  private state: 'idle' | 'playing' | 'hanging' | 'done' = 'idle';

  constructor(
    private readonly format: WireFormat,
    private readonly answer: ScriptedResponse,
    body: Record<string, unknown>,
    private readonly sink: AnswerSink,
    private readonly pacer: TokenPacer,
    private readonly observer: AnswerObserver,
  ) {
    let tokens = answer.tokens ?? splitIntoTokens(answer.text);
    let finishReason = answer.finishReason;
    const maxTokens = format.maxTokens(body);
    if (maxTokens !== undefined && tokens.length > maxTokens) {
      tokens = tokens.slice(0, maxTokens);
      finishReason = 'length';
    }
    this.text = tokens.join('');
    this.finishReason = finishReason;
    for (let i = 0; i < tokens.length; i += answer.chunkTokens) {
      const group = tokens.slice(i, i + answer.chunkTokens);
      this.chunks.push(group.join(''));
      this.chunkTokenCounts.push(group.length);
    }
    this.toolCalls = format.toolCalls
      ? answer.toolCalls.map((call, index) => ({
          id: call.id ?? `call_${index + 1}`,
          name: call.name,
          arguments: typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments),
        }))
      : [];
    const callTokens = this.toolCalls.reduce((sum, call) => sum + Math.ceil((call.name.length + call.arguments.length) / 4), 0);
    const id = (nextId++).toString(36).padStart(8, '0');
    this.ctx = {
      id: format.route === 'responses' ? `resp_${id}` : format.route === 'chat' ? `chatcmpl-${id}` : `cmpl-${id}`,
      model: format.model(body),
      created: Math.floor(Date.now() / 1000),
      inputTokens: answer.usage?.inputTokens ?? Math.ceil(format.promptText(body).length / 4),
      outputTokens: answer.usage?.outputTokens ?? tokens.length + callTokens,
      includeUsage: format.wantsUsage(body),
      sequence: 0,
    };
    this.streaming = format.wantsStream(body);
    this.fault = answer.fault;
    if (answer.fault && answer.fault.kind !== 'status') {
      const after = answer.fault.afterTokens;
      let at = 0;
      let counted = 0;
      while (at < this.chunks.length && counted + (this.chunkTokenCounts[at] ?? 0) <= after) counted += this.chunkTokenCounts[at++] ?? 0;
      this.faultAt = at;
    }
  }

  start(now: number): void {
    this.startAt = now + this.answer.firstTokenDelayMs;
    this.state = 'playing';
    if (this.streaming && this.fault?.kind !== 'status') {
      this.sink.open();
      this.sink.send(this.format.opening(this.ctx));
    }
    this.pacer.add(this);
  }

  /** The client went away. */
  clientGone(now: number): void {
    if (this.state === 'done') return;
    this.state = 'done';
    this.pacer.remove(this);
    this.observer.settle('aborted', now);
  }

  /** The server is shutting down. */
  stop(): void {
    this.state = 'done';
    this.pacer.remove(this);
  }

  nextDueAt(): number {
    if (this.state !== 'playing') return Infinity;
    return this.dueAt(this.sent);
  }

  deliver(now: number): void {
    if (this.state !== 'playing') return;
    if (this.fault?.kind === 'status') return this.sendStatusFault(this.fault, now);
    if (!this.streaming) return this.deliverWhole(now);
    const limit = this.faultAt ?? this.chunks.length;
    let upTo = this.sent;
    while (upTo < limit && this.dueAt(upTo) <= now) upTo++;
    if (upTo > this.sent) {
      const events: WireEvent[] = [];
      let count = 0;
      for (let i = this.sent; i < upTo; i++) {
        events.push(this.format.delta(this.ctx, this.chunks[i] ?? ''));
        count += this.chunkTokenCounts[i] ?? 0;
      }
      this.sink.send(events);
      this.sent = upTo;
      this.tokens += count;
      this.observer.tokensSent(this.tokens, now);
    }
    if (this.sent < limit) return;
    if (this.faultAt === undefined) {
      if (this.toolCalls.length > 0 && this.format.toolCalls) {
        this.sink.send(this.format.toolCalls(this.ctx, this.toolCalls));
        this.sink.send(this.format.closing(this.ctx, this.text, this.finishReason === 'length' ? 'length' : 'tool_calls', this.toolCalls));
      } else {
        this.sink.send(this.format.closing(this.ctx, this.text, this.finishReason));
      }
      this.sink.end(this.format.terminator);
      return this.finish('completed', now);
    }
    if (this.dueAt(limit) > now) return;
    this.applyFault(now);
  }

  /** Chunk i falls due i chunks' worth of tokens after the first one. */
  private dueAt(chunk: number): number {
    const rate = this.answer.tokensPerSecond;
    if (rate === undefined) return this.startAt;
    return this.startAt + (chunk * this.answer.chunkTokens * 1000) / rate;
  }

  private deliverWhole(now: number): void {
    const fault = this.fault;
    if (fault === undefined) {
      this.sink.sendJson(200, {}, this.format.whole(this.ctx, this.text, this.finishReason));
      this.tokens = this.chunkTokenCounts.reduce((a, b) => a + b, 0);
      this.observer.tokensSent(this.tokens, now);
      return this.finish('completed', now);
    }
    this.applyFault(now);
  }

  private applyFault(now: number): void {
    const fault = this.fault;
    if (fault === undefined || fault.kind === 'status') return;
    switch (fault.kind) {
      case 'hang':
        // Nothing more is sent; the request stays pending until the client gives up.
        this.state = 'hanging';
        this.pacer.remove(this);
        return;
      case 'disconnect':
        this.sink.drop();
        return this.finish('dropped', now);
      case 'malformed':
        this.sink.sendRaw(this.streaming ? `{"choices":[{"delta":{"content":"unterminated` : '{"id": "cmpl-broken", "choices": [');
        this.sink.end(undefined);
        return this.finish('completed', now);
      case 'stream-error':
        if (this.streaming) {
          this.sink.send(this.format.streamError(this.ctx, fault.message));
          this.sink.end(this.format.terminator);
        } else {
          this.sink.sendJson(500, {}, this.format.errorBody(500, fault.message, 'server_error'));
        }
        return this.finish('completed', now);
    }
  }

  private sendStatusFault(fault: Extract<ScriptedFault, { kind: 'status' }>, now: number): void {
    const headers: Record<string, string> = {};
    if (fault.retryAfterSeconds !== undefined) headers['retry-after'] = String(fault.retryAfterSeconds);
    if (fault.retryAfterMs !== undefined) headers['retry-after-ms'] = String(fault.retryAfterMs);
    const message = fault.message ?? defaultMessage(fault.status, fault.retryAfterSeconds, fault.retryAfterMs);
    this.sink.sendJson(fault.status, headers, this.format.errorBody(fault.status, message, fault.code ?? defaultCode(fault.status)));
    this.finish('completed', now);
  }

  private finish(outcome: RequestOutcome, now: number): void {
    this.state = 'done';
    this.pacer.remove(this);
    this.observer.settle(outcome, now);
  }
}

function defaultCode(status: number): string {
  if (status === 401) return 'invalid_api_key';
  if (status === 403) return 'permission_denied';
  if (status === 404) return 'model_not_found';
  if (status === 429) return 'rate_limit_exceeded';
  if (status >= 500) return 'server_error';
  return 'invalid_request';
}

function defaultMessage(status: number, retryAfterSeconds: number | undefined, retryAfterMs: number | undefined): string {
  if (status === 401) return 'Incorrect API key provided.';
  if (status === 429) {
    const wait = retryAfterMs !== undefined ? `${retryAfterMs}ms` : retryAfterSeconds !== undefined ? `${retryAfterSeconds}s` : undefined;
    return `Rate limit reached for requests.${wait ? ` Please try again in ${wait}.` : ''}`;
  }
  if (status === 503) return 'The server is overloaded or not ready yet.';
  return `Scripted error ${status}`;
}
