import { z } from 'zod';

/**
 * What replay and the report read from each kind's payload. Deliberately lenient (extra fields
 * pass, most fields optional): a log outlives the code that wrote it, and a replay should show
 * an old or partial session rather than refuse it. The strict schemas the server checks on the
 * way in are in shared/rooms/reportedRoomEvent.ts.
 */

const Lane = z.enum(['fast', 'quick-edit', 'deep']);
export type ReplayLane = z.infer<typeof Lane>;
const Count = z.number().nonnegative();

export const replayPayloads = {
  edit: z.object({
    from: z.number().optional(),
    to: z.number().optional(),
    updates: Count.optional(),
    /** The merged Yjs update (v1), base64. */
    update: z.string(),
    ai: z.object({ lane: Lane, model: z.string(), requestId: z.string() }).optional(),
  }),
  join: z.object({ name: z.string().optional(), role: z.string().optional(), connectionId: z.string().optional() }),
  leave: z.object({ connectionId: z.string().optional() }),
  'ai-request': z.object({
    lane: Lane,
    model: z.string().nullable().optional(),
    requestId: z.string(),
    outcome: z.string().optional(),
    durationMs: Count.optional(),
    timeToFirstTokenMs: Count.nullable().optional(),
    tokensIn: Count.nullable().optional(),
    tokensOut: Count.nullable().optional(),
    fromCache: z.boolean().optional(),
  }),
  'suggestion-shown': z.object({ lane: Lane, model: z.string().nullable().optional(), requestId: z.string(), chars: Count.optional(), lines: Count.optional(), path: z.string().optional() }),
  'suggestion-accepted': z.object({ lane: Lane, model: z.string().nullable().optional(), requestId: z.string(), chars: Count.optional(), partial: z.boolean().optional(), path: z.string().optional() }),
  'suggestion-rejected': z.object({ lane: Lane, model: z.string().nullable().optional(), requestId: z.string(), reason: z.string().nullable().optional() }),
  run: z.object({ runId: z.string().optional(), mode: z.string().optional(), path: z.string().optional() }),
  'run-result': z.object({
    runId: z.string().optional(),
    mode: z.string().optional(),
    status: z.string(),
    durationMs: Count.optional(),
    counts: z.object({ passed: Count, failed: Count }).partial().optional(),
    summary: z.string().optional(),
  }),
  paste: z.object({ path: z.string().optional(), chars: Count.optional(), lines: Count.optional() }),
  'focus-loss': z.object({ durationMs: Count.optional(), how: z.string().optional() }),
  policy: z.object({ kind: z.string().optional() }),
  refused: z.object({ event: z.string().optional(), code: z.string().optional(), reason: z.string().optional() }),
} as const;

export type ReplayPayloadKind = keyof typeof replayPayloads;
export type ReplayPayload<K extends ReplayPayloadKind> = z.infer<(typeof replayPayloads)[K]>;

/** The payload of an event of `kind` as replay reads it, or undefined when it does not have that shape. */
export function readPayload<K extends ReplayPayloadKind>(kind: K, payload: unknown): ReplayPayload<K> | undefined {
  const parsed = replayPayloads[kind].safeParse(payload);
  return parsed.success ? (parsed.data as ReplayPayload<K>) : undefined;
}
