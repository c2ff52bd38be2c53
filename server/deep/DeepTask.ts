import {
  DEEP_LANE_LIMITS,
  type DeepEvent,
  type DeepFailureStatus,
  type DeepStartMessage,
  type DeepSteerMessage,
  type DeepTaskFigures,
  type DeepToolCall,
  type DeepToolResultMessage,
} from '../../shared/deepLane/protocol.ts';
import type { DeepToolOutcome } from '../../shared/deepLane/DeepToolOutcome.ts';
import { ProviderError, type AgentMessage, type ToolCall } from '../providers/ModelProvider.ts';
import { BatchCoalescer } from '../relay/BatchCoalescer.ts';
import { checkToolCall, DEEP_TOOLS } from './deepTools.ts';
import { deepTaskPrompt } from './deepTaskPrompt.ts';
import type { DeepTaskSettings } from './DeepTaskSettings.ts';

/** Streamed prose waits this long for more before it goes out, unless this much is pending. */
const TEXT_BATCHING = { flushMs: 20, maxChars: 2048 };

/** Why a task was stopped from outside its loop. */
type StopReason = 'interrupt' | 'disconnect' | 'wall-time';

/** Ends the loop with an event (or, for a vanished client, silently). */
class TaskEnd extends Error {
  constructor(readonly events: DeepEvent[]) {
    super('task ended');
  }
}

function bounded(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function firstLine(text: string): string {
  return bounded(text.split('\n', 1)[0] ?? '', 200);
}

/**
 * One deep-lane task: model turn → tool calls → results → next turn, until the model answers
 * without calling a tool (the result), a budget runs out, the model loops, the provider fails, or
 * the person interrupts. Emits every step as a DeepEvent and exactly one ending (result, failed or
 * interrupted), except after `abandon()` (the client is gone: nothing to tell).
 *
 * Tools that touch files or the runtime are run by the client: `tool-call` goes out, the task
 * waits for `toolResult` up to the tool's time limit, and whatever comes back (or the timeout)
 * goes to the model. Steering is queued for the next turn when it names the current one.
 */
export class DeepTask {
  private readonly controller = new AbortController();
  private stopReason: StopReason | undefined;
  private turn = 0;
  private toolCalls = 0;
  private inputTokens = 0;
  private outputTokens = 0;
  private firstTokenAt: number | undefined;
  private startedAt = 0;
  private steers: string[] = [];
  private pending: { callId: string; resolve: (outcome: DeepToolOutcome) => void } | undefined;
  private ended = false;

  constructor(
    private readonly settings: DeepTaskSettings,
    private readonly start: DeepStartMessage,
    private readonly emit: (event: DeepEvent) => void,
  ) {}

  get taskId(): string {
    return this.start.taskId;
  }

  /** True once the task has ended (its ending sent, or abandoned). */
  get done(): boolean {
    return this.ended;
  }

  /** Runs the task to its end; never rejects. */
  async run(): Promise<void> {
    const { clock, budgets } = this.settings;
    this.startedAt = clock.now();
    const wallTimer = clock.setTimeout(() => this.stop('wall-time'), budgets.maxWallTimeMs);
    this.emit({ kind: 'started', adapter: this.settings.adapter, model: this.settings.model, budgets });
    let endings: DeepEvent[];
    try {
      await this.loop();
      endings = [];
    } catch (error) {
      endings = error instanceof TaskEnd ? error.events : this.failureOf(error);
    } finally {
      clock.clearTimeout(wallTimer);
      this.settle({ ok: false, failure: 'error', output: 'The task stopped.' });
    }
    if (this.stopReason !== undefined) endings = this.stoppedEndings(this.stopReason);
    this.ended = true;
    if (this.stopReason === 'disconnect') return;
    for (const text of this.steers) this.emit({ kind: 'steer-refused', reason: 'The task ended before your text reached the model.', text });
    this.steers = [];
    for (const event of endings) this.emit(event);
  }

  /** Input typed during turn `turnId`: queued for the next turn if that is still the current one. */
  steer(message: DeepSteerMessage): void {
    const refuse = (reason: string) => this.emit({ kind: 'steer-refused', reason, text: message.text });
    if (this.ended || this.stopReason !== undefined) return refuse('The task has ended.');
    if (this.turn === 0) return refuse('The task has not started its first turn yet; send it once a turn is shown.');
    if (message.turnId !== this.turn) {
      return refuse(`Turn ${message.turnId} is over; the task is on turn ${this.turn}. Your text was not sent: send it again if it still applies.`);
    }
    this.steers.push(message.text);
    this.emit({ kind: 'steer-accepted', turnId: this.turn + 1 });
  }

  /** Stops at once: the model call is aborted, a pending tool call dropped; ends with `interrupted`. */
  interrupt(): void {
    this.stop('interrupt');
  }

  /** The client is gone: stop everything and send nothing more. */
  abandon(): void {
    this.stop('disconnect');
  }

  /** A client's answer to a tool call; ignored unless it answers the call being waited for. */
  toolResult(message: DeepToolResultMessage): void {
    if (this.pending?.callId !== message.callId) return;
    const { type: _type, taskId: _taskId, callId: _callId, ...outcome } = message;
    this.settle(outcome);
  }

  private stop(reason: StopReason): void {
    if (this.ended || this.stopReason !== undefined) return;
    this.stopReason = reason;
    this.controller.abort();
    this.settle({ ok: false, failure: 'error', output: 'The task stopped.' });
  }

  private settle(outcome: DeepToolOutcome): void {
    const pending = this.pending;
    this.pending = undefined;
    pending?.resolve(outcome);
  }

  private get stopped(): boolean {
    return this.stopReason !== undefined;
  }

  private async loop(): Promise<void> {
    const { budgets } = this.settings;
    const messages: AgentMessage[] = deepTaskPrompt(this.start);
    /** How often each call was made since the last patch that applied. */
    const repeats = new Map<string, number>();
    for (;;) {
      if (this.stopped) return;
      if (this.turn >= budgets.maxTurns) throw this.budgetEnd('turns', budgets.maxTurns, this.turn);
      const spent = this.inputTokens + this.outputTokens;
      if (spent >= budgets.maxTokens) throw this.budgetEnd('tokens', budgets.maxTokens, spent);
      this.checkTokenWindows();

      this.turn++;
      this.emit({ kind: 'turn', turnId: this.turn });
      if (this.steers.length > 0) {
        messages.push({ role: 'user', content: `While you were working, the person added:\n${this.steers.join('\n')}` });
        this.steers = [];
      }
      const { text, calls, finishReason } = await this.modelTurn(messages);
      if (this.stopped) return;
      messages.push({ role: 'assistant', content: text, ...(calls.length > 0 ? { toolCalls: calls } : {}) });

      if (calls.length === 0) {
        // A steer that arrived during this turn must reach the model before the task may end.
        if (this.steers.length > 0) continue;
        if (finishReason === 'length') {
          messages.push({ role: 'user', content: 'Your answer was cut at the output limit. Continue where you stopped.' });
          continue;
        }
        throw new TaskEnd([
          { kind: 'result', summary: bounded(text.trim() || 'The model finished without a summary.', DEEP_LANE_LIMITS.maxSummaryChars), figures: this.figures() },
        ]);
      }

      for (const [index, call] of calls.entries()) {
        if (this.stopped) return;
        const signature = `${call.name}\u0000${call.arguments.trim()}`;
        const count = (repeats.get(signature) ?? 0) + 1;
        repeats.set(signature, count);
        if (count >= this.settings.maxRepeats) {
          throw new TaskEnd([
            this.failed(
              'looping',
              `The model called ${call.name} with the same arguments ${count} times with nothing changed in between, so the task was stopped. The changes staged so far are kept for review.`,
            ),
          ]);
        }
        const { outcome, name } = await this.runTool(`t${this.turn}-${index + 1}`, call);
        if (this.stopped) return;
        if (name === 'apply_patch' && outcome.ok) repeats.clear();
        messages.push({ role: 'tool', toolCallId: call.id, name: call.name, content: outcome.ok ? outcome.output : `FAILED (${outcome.failure ?? 'failed'}): ${outcome.output}` });
      }
    }
  }

  /** One model call, streamed: text goes out as it comes, calls are collected. */
  private async modelTurn(messages: readonly AgentMessage[]): Promise<{ text: string; calls: ToolCall[]; finishReason: string }> {
    let text = '';
    const calls: ToolCall[] = [];
    let finishReason = 'stop';
    const turnId = this.turn;
    // A model streaming thousands of tokens a second is a few text events, not thousands.
    const prose = new BatchCoalescer((_seq, batch) => this.emit({ kind: 'text', turnId, text: batch }), TEXT_BATCHING, this.settings.clock);
    try {
      for await (const event of this.settings.generate({ messages, tools: DEEP_TOOLS, maxTokens: this.settings.maxTokensPerTurn, signal: this.controller.signal })) {
        if (event.type === 'done') {
          this.inputTokens += event.usage.inputTokens;
          this.outputTokens += event.usage.outputTokens;
          for (const window of this.settings.tokenWindows) window.limit.charge(event.usage.inputTokens + event.usage.outputTokens);
          finishReason = event.finishReason;
          break;
        }
        this.firstTokenAt ??= this.settings.clock.now();
        if (event.type === 'text') {
          text += event.text;
          prose.push(event.text);
        } else {
          calls.push(event.call);
        }
      }
    } finally {
      prose.flush();
    }
    this.emit({ kind: 'usage', inputTokens: this.inputTokens, outputTokens: this.outputTokens });
    return { text, calls, finishReason };
  }

  /** Checks a call, runs it (here for the plan, on the client otherwise) and reports how it went. */
  private async runTool(callId: string, call: ToolCall): Promise<{ outcome: DeepToolOutcome; name: string }> {
    const { clock } = this.settings;
    const began = clock.now();
    this.toolCalls++;
    const checked = checkToolCall(call.name, call.arguments);
    let outcome: DeepToolOutcome;
    if (checked.kind === 'refused') {
      outcome = { ok: false, failure: checked.failure, output: checked.message };
    } else if (checked.kind === 'plan') {
      this.emit({ kind: 'plan', steps: checked.steps });
      outcome = { ok: true, output: 'Plan updated.' };
    } else {
      outcome = await this.onClient(callId, checked.call);
      if (this.stopped) return { outcome, name: call.name };
      if (outcome.diff) this.emit({ kind: 'diff', files: outcome.diff });
      if (outcome.tests) this.emit({ kind: 'tests', summary: outcome.tests });
    }
    this.emit({
      kind: 'tool-finished',
      callId,
      name: bounded(call.name, 128),
      ok: outcome.ok,
      ...(outcome.ok ? {} : { failure: outcome.failure ?? 'failed' }),
      summary: firstLine(outcome.output),
      durationMs: Math.max(0, clock.now() - began),
    });
    return { outcome, name: call.name };
  }

  /** Sends a call to the client and waits for its result, the tool's time limit, or a stop. */
  private onClient(callId: string, call: DeepToolCall): Promise<DeepToolOutcome> {
    const { clock, budgets } = this.settings;
    return new Promise((resolve) => {
      const timer = clock.setTimeout(
        () => this.settle({ ok: false, failure: 'timeout', output: `${call.name} gave no result within ${budgets.toolTimeoutMs} ms.` }),
        budgets.toolTimeoutMs,
      );
      this.pending = {
        callId,
        resolve: (outcome) => {
          clock.clearTimeout(timer);
          resolve(outcome);
        },
      };
      this.emit({ kind: 'tool-call', turnId: this.turn, callId, timeoutMs: budgets.toolTimeoutMs, call });
    });
  }

  private figures(): DeepTaskFigures {
    const now = this.settings.clock.now();
    return {
      lane: 'deep',
      adapter: this.settings.adapter,
      model: this.settings.model,
      inputTokens: this.inputTokens,
      outputTokens: this.outputTokens,
      timeToFirstTokenMs: this.firstTokenAt === undefined ? null : Math.max(0, this.firstTokenAt - this.startedAt),
      durationMs: Math.max(0, now - this.startedAt),
      turns: this.turn,
      toolCalls: this.toolCalls,
    };
  }

  private failed(status: DeepFailureStatus, message: string): DeepEvent {
    return { kind: 'failed', status, message: bounded(message, DEEP_LANE_LIMITS.maxMessageChars), figures: this.figures() };
  }

  private budgetEnd(which: 'turns' | 'tokens' | 'wall-time', limit: number, used: number): TaskEnd {
    const what = { turns: `${limit} model turns`, tokens: `${limit} tokens`, 'wall-time': `${Math.round(limit / 1000)} s` }[which];
    return new TaskEnd([
      { kind: 'budget', which, limit, used },
      this.failed('budget', `The task used its budget of ${what} before finishing. The changes staged so far are kept for review.`),
    ]);
  }

  /** Ends the task when the person's or the room's hourly deep-lane tokens are spent. */
  private checkTokenWindows(): void {
    for (const { whose, limit } of this.settings.tokenWindows) {
      if (limit.remaining() > 0) continue;
      const minutes = Math.max(1, Math.ceil(limit.retryAfterMs() / 60_000));
      throw new TaskEnd([
        { kind: 'budget', which: 'tokens', limit: limit.limit, used: limit.limit },
        this.failed(
          'budget',
          `The deep lane's hourly budget of ${limit.limit} tokens ${whose === 'person' ? 'for this person' : 'for this room'} is spent; more frees up in about ${minutes} min. The changes staged so far are kept for review.`,
        ),
      ]);
    }
  }

  private stoppedEndings(reason: StopReason): DeepEvent[] {
    if (reason === 'wall-time') return this.budgetEnd('wall-time', this.settings.budgets.maxWallTimeMs, Math.round(this.settings.clock.now() - this.startedAt)).events;
    if (reason === 'interrupt') return [{ kind: 'interrupted', figures: this.figures() }];
    return [];
  }

  private failureOf(error: unknown): DeepEvent[] {
    if (error instanceof ProviderError) return [this.failed(error.code, error.message)];
    console.error('deep task failed:', error);
    return [this.failed('internal', `The deep lane failed: ${error instanceof Error ? error.message : String(error)}`)];
  }
}
