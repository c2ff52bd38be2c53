import { z } from 'zod';

/**
 * How an AI request ended, as acceptance rate and cost per accepted change count it:
 * - `accepted`: the person took it (Tab or typed it out; a quick edit or a deep result applied,
 *   in part or in full);
 * - `rejected`: the person saw it and turned it down (Esc, typed over, moved away, rejected,
 *   redirected after review, discarded);
 * - `interrupted`: it stopped before the person could judge it (cancelled or replaced before any
 *   text arrived, redirected while streaming, the document changed, interrupted);
 * - `failed`: the provider, a budget, a time limit or validation ended it.
 */
export const RequestOutcome = z.enum(['accepted', 'rejected', 'interrupted', 'failed']);
export type RequestOutcome = z.infer<typeof RequestOutcome>;

/**
 * One AI request's figures, for both lanes: a ghost-text suggestion and a quick edit (fast lane),
 * a task (deep lane). The session machine emits exactly one per request when it ends
 * (`SessionServices.recordMetric`); a suggestion brought back from the cache and shown again gets
 * a record of its own (`fromCache`, no tokens), so acceptance counts what the person was shown.
 */
export const RequestMetric = z.object({
  requestId: z.string(),
  lane: z.enum(['fast', 'deep']),
  kind: z.enum(['suggestion', 'quick-edit', 'task']),
  /** The lane's model as the server named it; null when it was not known. */
  model: z.string().nullable(),
  /** Tokens in and out as the server counted them; null when the answer did not say (e.g. it was cut short). */
  tokensIn: z.number().int().nonnegative().nullable(),
  tokensOut: z.number().int().nonnegative().nullable(),
  /** From the request to its first text (null when none arrived). */
  timeToFirstTokenMs: z.number().nonnegative().nullable(),
  /** From the request to its outcome. */
  durationMs: z.number().nonnegative(),
  outcome: RequestOutcome,
  /** Why, in the lane's own words: an interruption reason, a failure status, a refusal reason, "partial". */
  detail: z.string().nullable(),
  fromCache: z.boolean(),
  /** Clock time of the outcome (the session clock). */
  endedAt: z.number(),
});
export type RequestMetric = z.infer<typeof RequestMetric>;
