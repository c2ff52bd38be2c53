import type { ClientMessageType } from '../shared/clientMessage.ts';
import { MESSAGE_LIMITS } from './messageLimits.ts';
import { RateLimiter } from './rateLimiter.ts';

/** Messages that stop work the client asked for; they have their own allowance. */
const STOP_MESSAGES: ReadonlySet<string> = new Set<ClientMessageType>(['cancel', 'deep-interrupt']);

/**
 * One connection's inbound message rate: every message draws from one token bucket, except the
 * ones that stop work (`cancel`, `deep-interrupt`), which have their own (see
 * MESSAGE_LIMITS.stopsPerSecond), so stopping a model call always gets through however busy the
 * connection is. The clock is passed in so tests control time.
 */
export class InboundMessageLimit {
  private readonly messages: RateLimiter;
  private readonly stops: RateLimiter;

  constructor(now: () => number = Date.now) {
    this.messages = new RateLimiter(MESSAGE_LIMITS.messagesPerSecond, MESSAGE_LIMITS.burst, now);
    this.stops = new RateLimiter(MESSAGE_LIMITS.stopsPerSecond, MESSAGE_LIMITS.stopBurst, now);
  }

  /** Takes one token for a message named `event`; false when it must be dropped. */
  take(event: string): boolean {
    return STOP_MESSAGES.has(event) ? this.stops.take() : this.messages.take();
  }

  /** The refusal's wording: which allowance the message exceeded. */
  static describe(event: string): string {
    return STOP_MESSAGES.has(event)
      ? `More than ${MESSAGE_LIMITS.stopsPerSecond} cancel and interrupt messages per second`
      : `More than ${MESSAGE_LIMITS.messagesPerSecond} messages per second`;
  }
}
