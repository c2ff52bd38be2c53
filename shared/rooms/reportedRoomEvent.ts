import { z } from 'zod';
import { RequestOutcome } from '../metrics/RequestMetric.ts';
import { ProgramResult, RunStatus, TestCounts, TestReport } from '../testReport.ts';
import { AiAttribution } from './aiAttribution.ts';

/**
 * What a client reports to its room's event log (`room-event`): the facts only the browser sees
 * (runs, the AI lanes as the person met them, pastes, focus loss). Each kind's payload is a strict
 * schema of its own: an unknown field is refused rather than stored. Time and person are never
 * part of it: the server stamps both (the verified token's person, the server's clock).
 */

/** The bounds of a reported event; a run-result's report is capped to fit (capRunReport). */
export const REPORTED_EVENT_LIMITS = {
  /** A run-result's `report`, as JSON text. Below the room message limit (64 KiB) with room for the rest. */
  maxReportChars: 48 * 1024,
  /** A run-result's one-line summary. */
  maxSummaryChars: 300,
  /** Reported events per second per connection, and the burst (a burst of suggestions shown while typing). */
  eventsPerSecond: 10,
  burst: 60,
} as const;

const Lane = AiAttribution.shape.lane;
const Model = AiAttribution.shape.model;
const RequestId = AiAttribution.shape.requestId;
const Count = z.number().int().nonnegative();
const Millis = z.number().nonnegative().max(7 * 24 * 3600 * 1000);
const RunId = z.string().min(1).max(128);
const WorkspacePath = z.string().min(1).max(512);
/** A program run, or a test run (of every test file, or of one). */
const RunMode = z.enum(['program', 'tests']);

export const RunPayload = z.strictObject({
  runId: RunId,
  mode: RunMode,
  /** The file run (a program's entry, or the one test file); absent for every test file. */
  path: WorkspacePath.optional(),
  /** Which runtime runs it ("worker", "webcontainer", "python"). */
  runtime: z.string().min(1).max(64).optional(),
});
export type RunPayload = z.infer<typeof RunPayload>;

/** A report to share, capped: `truncated` says what was cut (see capRunReport). */
export const SharedRunReport = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('tests'), report: TestReport }),
  z.strictObject({ kind: z.literal('program'), result: ProgramResult }),
]);
export type SharedRunReport = z.infer<typeof SharedRunReport>;

export const RunResultPayload = z.strictObject({
  runId: RunId,
  mode: RunMode,
  path: WorkspacePath.optional(),
  status: RunStatus,
  durationMs: Millis,
  /** For a test run. */
  counts: TestCounts.optional(),
  /** One line for people: "4 passed, 1 failed", "exited with an error". */
  summary: z.string().max(REPORTED_EVENT_LIMITS.maxSummaryChars),
  /** The report, for the others to open; capped to maxReportChars. */
  shared: SharedRunReport.optional(),
  /** What capRunReport cut from `shared` to fit ("stacks", "diffs", "passed-tests", ...); absent when nothing was. */
  truncated: z.array(z.string().max(40)).max(10).optional(),
}).refine((payload) => payload.shared === undefined || JSON.stringify(payload.shared).length <= REPORTED_EVENT_LIMITS.maxReportChars, {
  message: `the shared report is larger than ${REPORTED_EVENT_LIMITS.maxReportChars} characters of JSON`,
  path: ['shared'],
});
export type RunResultPayload = z.infer<typeof RunResultPayload>;

/** An AI request that ended, with the figures the session machine kept for it (shared/metrics/RequestMetric.ts). */
export const AiRequestPayload = z.strictObject({
  lane: Lane,
  /** Null when the server never named the lane's model. */
  model: Model.nullable(),
  requestId: RequestId,
  outcome: RequestOutcome,
  durationMs: Millis,
  timeToFirstTokenMs: Millis.nullable(),
  tokensIn: Count.nullable(),
  tokensOut: Count.nullable(),
  fromCache: z.boolean(),
  detail: z.string().max(200).nullable(),
});
export type AiRequestPayload = z.infer<typeof AiRequestPayload>;

export const SuggestionShownPayload = z.strictObject({
  lane: Lane,
  model: Model.nullable(),
  requestId: RequestId,
  /** Length of the text shown (ghost text, or the quick edit's proposal). */
  chars: Count,
  lines: Count,
  path: WorkspacePath.optional(),
});
export type SuggestionShownPayload = z.infer<typeof SuggestionShownPayload>;

export const SuggestionAcceptedPayload = z.strictObject({
  lane: Lane,
  model: Model.nullable(),
  requestId: RequestId,
  /** Characters that entered the document. */
  chars: Count,
  /** Accepted in part (a word of a ghost text, some of a deep task's files). */
  partial: z.boolean(),
  path: WorkspacePath.optional(),
});
export type SuggestionAcceptedPayload = z.infer<typeof SuggestionAcceptedPayload>;

export const SuggestionRejectedPayload = z.strictObject({
  lane: Lane,
  model: Model.nullable(),
  requestId: RequestId,
  /** How: "dismissed", "typed-over", ... (the machine's words). */
  reason: z.string().max(200).nullable(),
});
export type SuggestionRejectedPayload = z.infer<typeof SuggestionRejectedPayload>;

export const PastePayload = z.strictObject({
  path: WorkspacePath.optional(),
  chars: Count,
  lines: Count,
});
export type PastePayload = z.infer<typeof PastePayload>;

export const FocusLossPayload = z.strictObject({
  /** How long the page was away (reported when it comes back, or when the page closes while away). */
  durationMs: Millis,
  /** "blur": another window had the focus; "hidden": the tab was hidden (another tab, minimised). */
  how: z.enum(['blur', 'hidden']),
  /** The page closed or left the room while away: the duration is up to then. */
  unfinished: z.boolean().optional(),
});
export type FocusLossPayload = z.infer<typeof FocusLossPayload>;

/** One reported event: its kind and that kind's payload. */
export const ReportedRoomEvent = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('run'), payload: RunPayload }),
  z.strictObject({ kind: z.literal('run-result'), payload: RunResultPayload }),
  z.strictObject({ kind: z.literal('ai-request'), payload: AiRequestPayload }),
  z.strictObject({ kind: z.literal('suggestion-shown'), payload: SuggestionShownPayload }),
  z.strictObject({ kind: z.literal('suggestion-accepted'), payload: SuggestionAcceptedPayload }),
  z.strictObject({ kind: z.literal('suggestion-rejected'), payload: SuggestionRejectedPayload }),
  z.strictObject({ kind: z.literal('paste'), payload: PastePayload }),
  z.strictObject({ kind: z.literal('focus-loss'), payload: FocusLossPayload }),
]);
export type ReportedRoomEvent = z.infer<typeof ReportedRoomEvent>;
export type ReportedRoomEventKind = ReportedRoomEvent['kind'];

/** The kinds the server sends on to everyone else in the room (runs are the room's, not one person's). */
export const BROADCAST_EVENT_KINDS = ['run', 'run-result'] as const satisfies readonly ReportedRoomEventKind[];
export type BroadcastRoomEvent = Extract<ReportedRoomEvent, { kind: (typeof BROADCAST_EVENT_KINDS)[number] }>;

/** Whether the server sends this kind on to the room. */
export function isBroadcastEvent(event: ReportedRoomEvent): event is BroadcastRoomEvent {
  return (BROADCAST_EVENT_KINDS as readonly string[]).includes(event.kind);
}
