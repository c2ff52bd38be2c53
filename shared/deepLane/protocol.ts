import { z } from 'zod';
import { RunStatus, TestCounts } from '../testReport.ts';

/**
 * The deep lane's socket protocol. A client starts a task (`deep-start`); the server runs the
 * agent loop (model turn → tool calls → results → next turn) and streams `deep-event`s tagged
 * with the task id and a sequence number. Tools that touch files or the runtime are executed by
 * the client that started the task: the server sends a `tool-call` event, the client runs it
 * against its staged overlay of the workspace (shared/deepLane/executeFileTool.ts) or its runtime
 * and answers with `deep-tool-result`. Nothing reaches the workspace before the person reviews
 * the overlay's diff.
 *
 * Every task ends with exactly one of `result`, `failed` or `interrupted`. Nothing follows it but
 * `steer-refused`, answering a steer the client sent before it saw the ending (its text given back).
 * A start refused before it ran (busy, ai-off, unsupported, invalid-request) is that one `failed`.
 */

/** Bounds on everything the deep lane carries; the dispatcher's byte limit applies on top. */
export const DEEP_LANE_LIMITS = {
  maxTaskIdChars: 128,
  maxInstructionChars: 16 * 1024,
  maxConstraintsChars: 8 * 1024,
  maxSelectionChars: 64 * 1024,
  maxFailingTestOutputChars: 32 * 1024,
  maxOpenFiles: 32,
  maxPathChars: 1024,
  maxSteerChars: 4 * 1024,
  /** A tool's output as the model sees it; the client truncates and says so (`truncated`). */
  maxToolOutputChars: 64 * 1024,
  /** The text of one patch (apply_patch's argument). */
  maxPatchChars: 128 * 1024,
  maxSearchQueryChars: 1024,
  maxPlanSteps: 32,
  maxPlanStepTitleChars: 200,
  maxDiffFiles: 256,
  maxSummaryChars: 16 * 1024,
  maxMessageChars: 4 * 1024,
  maxCallIdChars: 128,
} as const;

export const TaskId = z.string().min(1).max(DEEP_LANE_LIMITS.maxTaskIdChars);
/** A model turn's number in its task, from 1. Steering names the turn it was typed during. */
export const TurnId = z.number().int().positive();
export const CallId = z.string().min(1).max(DEEP_LANE_LIMITS.maxCallIdChars);
/** Workspace-relative, "/"-separated, no leading slash (as client/runtime/Runtime.ts's WorkspaceFiles). */
export const DeepPath = z.string().min(1).max(DEEP_LANE_LIMITS.maxPathChars);

// ─── Tools ────────────────────────────────────────────────────────────────────────────────────────

/** list_files: every path in the workspace overlay, or those under `path` (a folder prefix). */
export const ListFilesArguments = z.strictObject({ path: DeepPath.describe('A folder, e.g. "src"').optional() });
/** read_file: a file's text with line numbers, or lines `startLine`..`endLine` (1-based, inclusive). */
export const ReadFileArguments = z.strictObject({
  path: DeepPath,
  startLine: z.number().int().positive().optional(),
  endLine: z.number().int().positive().optional(),
});
/** search: lines containing `query` (or matching it as a regular expression), optionally under `path`. */
export const SearchArguments = z.strictObject({
  query: z.string().min(1).max(DEEP_LANE_LIMITS.maxSearchQueryChars),
  regex: z.boolean().optional(),
  path: DeepPath.describe('Only under this folder').optional(),
  maxResults: z.number().int().positive().max(500).optional(),
});
/**
 * apply_patch: a unified diff (`--- a/x` / `+++ b/x` / `@@` hunks; /dev/null creates or deletes)
 * or search/replace blocks (a line with the path, `<<<<<<< SEARCH`, old lines, `=======`, new
 * lines, `>>>>>>> REPLACE`). Validated against the overlay's current text; all or nothing.
 */
export const ApplyPatchArguments = z.strictObject({ patch: z.string().min(1).max(DEEP_LANE_LIMITS.maxPatchChars) });
/** run_tests: the workspace's tests (or these test files) in the client's runtime, over the overlay. */
export const RunTestsArguments = z.strictObject({ files: z.array(DeepPath).max(64).optional() });
/** run_program: run one entry file in the client's runtime, over the overlay. */
export const RunProgramArguments = z.strictObject({ entry: DeepPath });

/** The tools the client executes, each with its validated arguments. */
export const DeepToolCall = z.discriminatedUnion('name', [
  z.object({ name: z.literal('list_files'), arguments: ListFilesArguments }),
  z.object({ name: z.literal('read_file'), arguments: ReadFileArguments }),
  z.object({ name: z.literal('search'), arguments: SearchArguments }),
  z.object({ name: z.literal('apply_patch'), arguments: ApplyPatchArguments }),
  z.object({ name: z.literal('run_tests'), arguments: RunTestsArguments }),
  z.object({ name: z.literal('run_program'), arguments: RunProgramArguments }),
]);
export type DeepToolCall = z.infer<typeof DeepToolCall>;
export type ClientToolName = DeepToolCall['name'];

export const PlanStepStatus = z.enum(['pending', 'in-progress', 'done']);
export const PlanStep = z.object({
  id: z.string().min(1).max(64).describe('Short and stable across updates, e.g. "1"'),
  title: z.string().min(1).max(DEEP_LANE_LIMITS.maxPlanStepTitleChars),
  status: PlanStepStatus,
});
export type PlanStep = z.infer<typeof PlanStep>;
/** update_plan: the server's own tool; the whole plan each time (the model restates it). */
export const UpdatePlanArguments = z.strictObject({ steps: z.array(PlanStep).min(1).max(DEEP_LANE_LIMITS.maxPlanSteps) });

/** What a file looks like in the overlay against the workspace it was staged over. */
export const FileDiffStat = z.object({
  path: DeepPath,
  status: z.enum(['added', 'modified', 'deleted']),
  added: z.number().int().nonnegative(),
  removed: z.number().int().nonnegative(),
});
export type FileDiffStat = z.infer<typeof FileDiffStat>;

/** A test run as the deep lane reports it: the runtime's status and counts. */
export const DeepTestSummary = z.object({ status: RunStatus, counts: TestCounts, durationMs: z.number().nonnegative() });
export type DeepTestSummary = z.infer<typeof DeepTestSummary>;

/**
 * Why a tool call did not succeed. `failed`: it ran and said no (tests failed, the program
 * threw); `patch-rejected`: the patch does not apply to the current text; `not-found`: no such
 * file; `invalid-arguments`/`unknown-tool`: the model's call was malformed (decided by the server,
 * which then never sends it to the client); `timeout`: no answer within the tool's time limit;
 * `error`: the tool itself broke.
 */
export const ToolFailure = z.enum(['failed', 'patch-rejected', 'not-found', 'invalid-arguments', 'unknown-tool', 'timeout', 'error']);
export type ToolFailure = z.infer<typeof ToolFailure>;

// ─── Client → server ──────────────────────────────────────────────────────────────────────────────

/** Start a task. Answered by deep-events; one task per connection at a time (a second start while one runs ends in `failed` "busy"). */
export const DeepStartMessage = z.object({
  type: z.literal('deep-start'),
  taskId: TaskId,
  instruction: z.string().min(1).max(DEEP_LANE_LIMITS.maxInstructionChars),
  /** e.g. "do not touch the public API". */
  constraints: z.string().max(DEEP_LANE_LIMITS.maxConstraintsChars).optional(),
  context: z.object({
    selection: z
      .object({
        path: DeepPath,
        start: z.number().int().nonnegative(),
        end: z.number().int().nonnegative(),
        text: z.string().max(DEEP_LANE_LIMITS.maxSelectionChars),
      })
      .refine((selection) => selection.start <= selection.end, { message: 'start must not be after end', path: ['start'] })
      .optional(),
    failingTestOutput: z.string().max(DEEP_LANE_LIMITS.maxFailingTestOutputChars).optional(),
    /** Paths open in the editor, the focused one first. */
    openFiles: z.array(DeepPath).max(DEEP_LANE_LIMITS.maxOpenFiles).optional(),
  }),
});
export type DeepStartMessage = z.infer<typeof DeepStartMessage>;

/** Input typed during a run: queued for the next model turn, accepted only while `turnId` is the current turn. */
export const DeepSteerMessage = z.object({
  type: z.literal('deep-steer'),
  taskId: TaskId,
  turnId: TurnId,
  text: z.string().min(1).max(DEEP_LANE_LIMITS.maxSteerChars),
});
export type DeepSteerMessage = z.infer<typeof DeepSteerMessage>;

/** Stop the task at once: the model call is aborted, a pending tool call is dropped; answered by `interrupted`. */
export const DeepInterruptMessage = z.object({ type: z.literal('deep-interrupt'), taskId: TaskId });
export type DeepInterruptMessage = z.infer<typeof DeepInterruptMessage>;

/** The answer to a `tool-call` event, success or failure; both go back to the model. */
export const DeepToolResultMessage = z.object({
  type: z.literal('deep-tool-result'),
  taskId: TaskId,
  callId: CallId,
  ok: z.boolean(),
  /** What the model reads: file text, matches, the failing tests with their messages, the program's output. */
  output: z.string().max(DEEP_LANE_LIMITS.maxToolOutputChars),
  /** The client cut `output` to fit. */
  truncated: z.boolean().optional(),
  /** Set when `ok` is false. */
  failure: ToolFailure.optional(),
  /** run_tests: the run's status and counts. */
  tests: DeepTestSummary.optional(),
  /** apply_patch: the overlay's whole per-file diff after the patch. */
  diff: z.array(FileDiffStat).max(DEEP_LANE_LIMITS.maxDiffFiles).optional(),
});
export type DeepToolResultMessage = z.infer<typeof DeepToolResultMessage>;

// ─── Server → client ──────────────────────────────────────────────────────────────────────────────

/** The figures of one task, sent with its ending so the client can fill the session metrics record. */
export const DeepTaskFigures = z.object({
  lane: z.literal('deep'),
  /** Adapter and model, as the ai-status shows them. */
  adapter: z.string(),
  model: z.string(),
  inputTokens: z.number().int().nonnegative(),
  outputTokens: z.number().int().nonnegative(),
  /** From deep-start to the model's first text or tool call (null when there was none). */
  timeToFirstTokenMs: z.number().nonnegative().nullable(),
  durationMs: z.number().nonnegative(),
  turns: z.number().int().nonnegative(),
  toolCalls: z.number().int().nonnegative(),
});
export type DeepTaskFigures = z.infer<typeof DeepTaskFigures>;

/** What a task may spend; past any of them it ends with `budget` then `failed` "budget". */
export const DeepBudgets = z.object({
  maxTurns: z.number().int().positive(),
  /** Input + output tokens over the whole task. */
  maxTokens: z.number().int().positive(),
  maxWallTimeMs: z.number().int().positive(),
  /** How long the client has to answer one tool call. */
  toolTimeoutMs: z.number().int().positive(),
});
export type DeepBudgets = z.infer<typeof DeepBudgets>;

/**
 * Why a task failed. The provider's own statuses (unavailable, timeout, rate-limited,
 * bad-response, refused, misconfigured) with its message; `ai-off`: the deep lane has no model
 * (the message says how to turn it on); `unsupported`: its model cannot call tools; `busy`: this
 * connection already runs a task; `invalid-request`: e.g. a task id already used; `budget`: a
 * budget ran out (a `budget` event says which); `looping`: the model repeated the same call;
 * `internal`: our bug. `rate-limited` is also ours when a person starts more tasks a minute than
 * the lane allows; `budget` also when the person's or the room's hourly deep-lane tokens are spent.
 */
export const DeepFailureStatus = z.enum([
  'unavailable',
  'timeout',
  'rate-limited',
  'bad-response',
  'refused',
  'misconfigured',
  'ai-off',
  'unsupported',
  'busy',
  'invalid-request',
  'budget',
  'looping',
  'internal',
]);
export type DeepFailureStatus = z.infer<typeof DeepFailureStatus>;

const Text = (max: number) => z.string().max(max);

export const DeepEvent = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('started'), adapter: z.string(), model: z.string(), budgets: DeepBudgets }),
  /** A model turn begins; steering typed now names this turn. */
  z.object({ kind: z.literal('turn'), turnId: TurnId }),
  /** The model's prose, streamed. */
  z.object({ kind: z.literal('text'), turnId: TurnId, text: z.string() }),
  z.object({ kind: z.literal('plan'), steps: z.array(PlanStep).max(DEEP_LANE_LIMITS.maxPlanSteps) }),
  /** Run this and answer with deep-tool-result within `timeoutMs`. */
  z.object({ kind: z.literal('tool-call'), turnId: TurnId, callId: CallId, timeoutMs: z.number().int().positive(), call: DeepToolCall }),
  /**
   * A tool call's outcome as the model will see it. Also sent for calls the server refused
   * without asking the client (invalid-arguments, unknown-tool) and for update_plan.
   */
  z.object({
    kind: z.literal('tool-finished'),
    callId: CallId,
    name: z.string().max(128),
    ok: z.boolean(),
    failure: ToolFailure.optional(),
    /** One line for the activity list, e.g. "patch does not apply: src/a.ts hunk 2". */
    summary: Text(DEEP_LANE_LIMITS.maxMessageChars),
    durationMs: z.number().nonnegative(),
  }),
  /** The overlay's aggregated per-file diff, after each patch that applied. */
  z.object({ kind: z.literal('diff'), files: z.array(FileDiffStat).max(DEEP_LANE_LIMITS.maxDiffFiles) }),
  z.object({ kind: z.literal('tests'), summary: DeepTestSummary }),
  /** Tokens spent so far in the task (running totals). */
  z.object({ kind: z.literal('usage'), inputTokens: z.number().int().nonnegative(), outputTokens: z.number().int().nonnegative() }),
  /** The steer will reach the model at the start of `turnId` (the next turn). */
  z.object({ kind: z.literal('steer-accepted'), turnId: TurnId }),
  /** The steer was not taken; `text` is given back so the person loses nothing. */
  z.object({ kind: z.literal('steer-refused'), reason: Text(DEEP_LANE_LIMITS.maxMessageChars), text: z.string() }),
  z.object({
    kind: z.literal('budget'),
    which: z.enum(['turns', 'tokens', 'wall-time']),
    limit: z.number().nonnegative(),
    used: z.number().nonnegative(),
  }),
  /** The ending on success: the model's closing summary; the overlay holds the changes to review. */
  z.object({ kind: z.literal('result'), summary: Text(DEEP_LANE_LIMITS.maxSummaryChars), figures: DeepTaskFigures }),
  z.object({ kind: z.literal('failed'), status: DeepFailureStatus, message: Text(DEEP_LANE_LIMITS.maxMessageChars), figures: DeepTaskFigures }),
  z.object({ kind: z.literal('interrupted'), figures: DeepTaskFigures }),
]);
export type DeepEvent = z.infer<typeof DeepEvent>;
export type DeepEventKind = DeepEvent['kind'];

/** One event of a task. `seq` counts from 0 per task with no gaps. */
export const DeepEventMessage = z.object({ type: z.literal('deep-event'), taskId: z.string(), seq: z.number().int().nonnegative(), event: DeepEvent });
export type DeepEventMessage = z.infer<typeof DeepEventMessage>;

/** The events that end a task. */
export const DEEP_ENDING_KINDS: readonly DeepEventKind[] = ['result', 'failed', 'interrupted'];
