import { APIError } from 'openai';
import { modelParameterRules, type DroppableParameter } from './modelParameterRules.ts';

const droppable: readonly DroppableParameter[] = ['temperature', 'top_p', 'stop', 'stream_options', 'max_tokens'];

function isDroppable(name: string): name is DroppableParameter {
  return (droppable as readonly string[]).includes(name);
}

/**
 * Which parameters one adapter sends to its model: the table's rule for the model name, the
 * parameters the lane's configuration says to leave out, and those the endpoint has refused
 * since start-up (learned from a 400 that names them, so a refusal costs one retry, once).
 */
export class ParameterPolicy {
  private readonly dropped: Set<DroppableParameter>;
  private maxCompletionTokens: boolean;

  constructor(model: string, configuredDrops: readonly DroppableParameter[] = []) {
    const rule = modelParameterRules.find((candidate) => candidate.pattern.test(model));
    this.dropped = new Set([...(rule?.drop ?? []), ...configuredDrops.filter((name) => name !== 'max_tokens')]);
    this.maxCompletionTokens = (rule?.maxCompletionTokens ?? false) || configuredDrops.includes('max_tokens');
  }

  /** Whether `name` may be sent. */
  allows(name: DroppableParameter): boolean {
    return !this.dropped.has(name);
  }

  /** Chat Completions: whether the output limit goes as `max_completion_tokens`. */
  get usesMaxCompletionTokens(): boolean {
    return this.maxCompletionTokens;
  }

  /** Every parameter left out, for describe() and tests. */
  droppedParameters(): DroppableParameter[] {
    return [...this.dropped].sort();
  }

  /**
   * Sends a request built by `build` (from this policy's current state); when the endpoint
   * refuses a parameter it named, learns it and sends once more without it.
   */
  async send<B extends object, R>(build: () => B, create: (body: B) => Promise<R>): Promise<R> {
    const body = build();
    try {
      return await create(body);
    } catch (error) {
      if (!this.learnFrom(error, Object.keys(body))) throw error;
      return create(build());
    }
  }

  /**
   * Learns from an upstream refusal. True when the error is a 400/422 naming a parameter that
   * was sent and can be left out: the caller then retries once without it.
   */
  learnFrom(error: unknown, sent: readonly string[]): boolean {
    if (!(error instanceof APIError) || (error.status !== 400 && error.status !== 422)) return false;
    const message = typeof error.error === 'object' && error.error !== null ? String((error.error as { message?: unknown }).message ?? '') : error.message;
    const named = new Set<string>();
    if (typeof error.param === 'string') named.add(error.param);
    for (const name of droppable) {
      // "Unsupported parameter: 'temperature'", "stream_options is not supported", "Unrecognized request argument supplied: top_p"
      if (new RegExp(`(['"\`]${name}['"\`]|\\b${name}\\b[^.]*\\b(not supported|unsupported|not allowed|unrecognized|unknown|extra)|(unsupported|unrecognized|unknown|extra)[^.]*\\b${name}\\b)`, 'i').test(message)) named.add(name);
    }
    let learned = false;
    for (const name of named) {
      if (!isDroppable(name) || !sent.includes(name) || (name !== 'max_tokens' && this.dropped.has(name))) continue;
      if (name === 'max_tokens') {
        // The limit is never dropped (it bounds what a request costs); it is only renamed.
        if (this.maxCompletionTokens) continue;
        this.maxCompletionTokens = true;
      } else {
        this.dropped.add(name);
      }
      learned = true;
    }
    return learned;
  }
}
