import { assign, enqueueActions } from 'xstate';
import type { RequestOutcome } from '../metrics/RequestMetric.ts';
import { deepTaskMetric } from './deepTaskMetric.ts';
import { INITIAL_DEEP_LANE } from './initialSessionContext.ts';
import type { DeepLaneContext, DeepToolActivity, SessionContext } from './SessionContext.ts';
import type { SessionEvent } from './SessionEvent.ts';
import { isRunToolCall, runtimeSetup } from './runtimeSetup.ts';
import type { SteerRefusalReason } from './SteerRefusalReason.ts';

type Enqueue = (action: () => void) => void;

/** The event is the server's, about the current task. */
function ofTask(context: SessionContext, event: SessionEvent): boolean {
  return event.type.startsWith('deep.') && 'taskId' in event && event.taskId === context.deep.taskId && context.deep.taskId !== null;
}

/** Records the task's metrics (once), and returns the deep lane without the pending mark. */
function endTask(context: SessionContext, enqueue: Enqueue, outcome: RequestOutcome, detail: string | null): DeepLaneContext {
  const metric = deepTaskMetric(context, outcome, detail);
  if (metric !== null) enqueue(() => context.services.recordMetric?.(metric));
  return { ...context.deep, metricPending: false };
}

/**
 * The task stopped before finishing (failed, or out of budget) but staged file changes: they are
 * kept for review, so its record waits for what the person does with them.
 */
function partial(deep: DeepLaneContext): boolean {
  return (deep.failure !== null || deep.budget !== null) && deep.files.length > 0;
}

/** The outcome and detail of a task ended without review: its failure or budget, else an interrupt, the server's figures never having come. */
function unreviewedEnding(deep: DeepLaneContext): [RequestOutcome, string] {
  if (deep.interruption !== null) return ['interrupted', 'no-figures'];
  if (partial(deep)) return ['failed', deep.budget === null ? (deep.failure?.status ?? 'no-figures') : `budget:${deep.budget.which}`];
  return ['failed', 'no-figures'];
}

const STEER_REFUSALS: Record<SteerRefusalReason, string> = {
  'stale-turn': 'That turn is over; read what the task did since and send it again.',
  'no-turn-yet': 'The task has not started its first turn yet; send it again in a moment.',
  'already-queued': 'Another steer is waiting for the next turn.',
  'not-running': 'No task is running.',
  'task-ended': 'The task ended before the steer reached it.',
  server: 'The server did not take the steer.',
};

/** The queued steer (if any) refused with `reason`, its text given back. */
function giveSteerBack(deep: DeepLaneContext, reason: SteerRefusalReason): DeepLaneContext {
  return deep.steer === null ? deep : { ...deep, steer: null, steerRefusal: { reason, message: STEER_REFUSALS[reason], text: deep.steer.text } };
}

function withActivity(deep: DeepLaneContext, activity: DeepToolActivity): DeepLaneContext {
  const others = deep.toolCalls.filter((a) => a.callId !== activity.callId);
  return { ...deep, toolCalls: [...others, activity] };
}

/**
 * The deep lane's guards and actions. Every server event is taken only for the current task
 * (`ofTask`), so nothing of an older task changes what is shown. There are no delays: budgets
 * (turns, tokens, wall time) are the server's, which says when one runs out.
 */
export const deepLaneSetup = runtimeSetup.extend({
  guards: {
    deepServed: ({ context }) => context.services.deep !== undefined,
    proposalGiven: ({ context, event }) => event.type === 'deep.propose' && event.instruction.trim() !== '' && context.services.deep !== undefined,
    ofTask: ({ context, event }) => ofTask(context, event),
    steerGiven: ({ event }) => event.type === 'deep.steer' && event.text.trim() !== '',
    /** The steer names a turn that is over. */
    steerStale: ({ context, event }) => event.type === 'deep.steer' && event.turnId !== undefined && event.turnId !== context.deep.turnId,
    noTurnYet: ({ context }) => context.deep.turnId === null,
    /** The file is in the result and not applied yet. */
    fileToApply: ({ context, event }) => event.type === 'deep.applyFile' && context.deep.files.some((f) => f.path === event.path) && !context.deep.applied.includes(event.path),
    /** ... and it is the last such file. */
    lastFileToApply: ({ context, event }) =>
      event.type === 'deep.applyFile' && context.deep.files.filter((f) => !context.deep.applied.includes(f.path)).every((f) => f.path === event.path) && !context.deep.applied.includes(event.path),
    /** The task is past planning: a plan, a tool call, a diff or a test result has arrived. */
    pastPlanning: ({ context }) => {
      const { deep } = context;
      return deep.plan.length > 0 || deep.toolCalls.length > 0 || deep.files.length > 0 || deep.tests.before !== null || deep.tests.after !== null;
    },
    /** The task stopped before finishing and staged files, kept for review. */
    stagedToReview: ({ context }) => partial(context.deep) && context.deep.metricPending,
    /** Some file of the result is not applied yet. */
    filesToApply: ({ context }) => context.deep.files.some((f) => !context.deep.applied.includes(f.path)),
    /** The budget's `failed` "budget" ending that follows a `budget` event. */
    budgetEnding: ({ context, event }) => event.type === 'deep.failed' && ofTask(context, event) && event.status === 'budget',
  },
  actions: {
    /** A new proposal; a task ended before it is recorded now if the server's figures never came. */
    propose: enqueueActions(({ context, event, enqueue }) => {
      if (event.type !== 'deep.propose') return;
      if (context.deep.metricPending) endTask(context, enqueue, ...unreviewedEnding(context.deep));
      enqueue.assign({
        deep: {
          ...INITIAL_DEEP_LANE,
          proposal: {
            reasons: event.reasons ?? ['asked'],
            instruction: event.instruction.trim(),
            constraints: event.constraints?.trim() || null,
            selection: event.selection ?? null,
            openFiles: event.openFiles ?? [],
            failingTestOutput: event.failingTestOutput ?? context.runtime.failingTestOutput,
            fromQuickEdit: event.fromQuickEdit ?? false,
          },
        },
      });
    }),
    decline: assign({ deep: () => INITIAL_DEEP_LANE }),
    /** Closes an ended task (recording it if the server's figures never came, or its staged files were not reviewed). */
    closeTask: enqueueActions(({ context, enqueue }) => {
      if (context.deep.metricPending) endTask(context, enqueue, ...unreviewedEnding(context.deep));
      enqueue.assign({ deep: INITIAL_DEEP_LANE });
    }),
    startTask: enqueueActions(({ context, enqueue }) => {
      const { proposal } = context.deep;
      const services = context.services.deep;
      if (proposal === null || services === undefined) return;
      const taskId = `${context.idPrefix}d${context.requestCount + 1}`;
      enqueue.assign({ requestCount: context.requestCount + 1, deep: { ...context.deep, taskId, startedAt: context.clock.now(), metricPending: true } });
      const request = {
        taskId,
        instruction: proposal.instruction,
        ...(proposal.constraints === null ? {} : { constraints: proposal.constraints }),
        ...(proposal.selection === null ? {} : { selection: proposal.selection }),
        ...(proposal.failingTestOutput === null ? {} : { failingTestOutput: proposal.failingTestOutput }),
        ...(proposal.openFiles.length === 0 ? {} : { openFiles: proposal.openFiles }),
      };
      enqueue(() => services.startDeepTask(request));
    }),
    /** Keeps what a progress event of the current task says. */
    takeProgress: enqueueActions(({ context, event, enqueue }) => {
      if (!ofTask(context, event)) return;
      const deep = context.deep;
      switch (event.type) {
        case 'deep.started':
          enqueue.assign({ deep: { ...deep, adapter: event.adapter, model: event.model, budgets: event.budgets } });
          return;
        case 'deep.turn':
          enqueue.assign({ deep: { ...deep, turnId: event.turnId, narration: '' } });
          return;
        case 'deep.text':
          if (event.turnId === deep.turnId) enqueue.assign({ deep: { ...deep, narration: deep.narration + event.text } });
          return;
        case 'deep.plan':
          enqueue.assign({ deep: { ...deep, plan: event.steps } });
          return;
        case 'deep.toolCall': {
          // A run goes through the runtime region (which handled this event first): running if it started, else queued.
          const run = isRunToolCall(event.call);
          const started = !run || context.runtime.current?.origin.by === 'deep' && context.runtime.current.origin.callId === event.callId;
          enqueue.assign({ deep: withActivity(deep, { callId: event.callId, name: event.call.name, status: started ? 'running' : 'queued', failure: null, summary: null }) });
          const services = context.services.deep;
          const call = event.call;
          if (!isRunToolCall(call) && services !== undefined) {
            const { taskId, callId } = event;
            enqueue(() => services.runDeepTool({ taskId, callId, call }));
          }
          return;
        }
        case 'deep.toolFinished':
          enqueue.assign({
            deep: withActivity(deep, { callId: event.callId, name: event.name, status: event.ok ? 'ok' : 'failed', failure: event.failure ?? null, summary: event.summary }),
          });
          return;
        case 'deep.diff':
          enqueue.assign({ deep: { ...deep, files: event.files } });
          return;
        case 'deep.tests':
          // Tests on files the task has not changed yet say how things were; later ones, how they are now.
          enqueue.assign({ deep: { ...deep, tests: deep.files.length === 0 ? { ...deep.tests, before: event.summary } : { ...deep.tests, after: event.summary } } });
          return;
        case 'deep.usage':
          enqueue.assign({ deep: { ...deep, usage: { inputTokens: event.inputTokens, outputTokens: event.outputTokens } } });
          return;
        default:
          return;
      }
    }),
    /** A queued run of the task started in the runtime: its activity is running now. */
    markRunsStarted: assign({
      deep: ({ context }) => {
        const current = context.runtime.current;
        if (current === null || current.origin.by !== 'deep') return context.deep;
        const callId = current.origin.callId;
        return { ...context.deep, toolCalls: context.deep.toolCalls.map((a) => (a.callId === callId && a.status === 'queued' ? { ...a, status: 'running' as const } : a)) };
      },
    }),
    sendSteer: enqueueActions(({ context, event, enqueue }) => {
      const { taskId, turnId } = context.deep;
      const services = context.services.deep;
      if (event.type !== 'deep.steer' || taskId === null || turnId === null || services === undefined) return;
      const text = event.text.trim();
      enqueue.assign({ deep: { ...context.deep, steer: { text, turnId }, steerRefusal: null } });
      enqueue(() => services.steerDeepTask({ taskId, turnId, text }));
    }),
    /** Refuses the person's steer here, giving its text back. */
    refuseSteer: assign({
      deep: ({ context, event }, params: { reason: SteerRefusalReason }) =>
        event.type === 'deep.steer' ? { ...context.deep, steerRefusal: { reason: params.reason, message: STEER_REFUSALS[params.reason], text: event.text } } : context.deep,
    }),
    steerTaken: assign({ deep: ({ context }) => ({ ...context.deep, steer: null }) }),
    steerRefusedByServer: assign({
      deep: ({ context, event }) =>
        event.type === 'deep.steerRefused' ? { ...context.deep, steer: null, steerRefusal: { reason: 'server' as const, message: event.reason, text: event.text } } : context.deep,
    }),
    interruptTask: enqueueActions(({ context, enqueue }) => {
      const { taskId } = context.deep;
      const services = context.services.deep;
      if (taskId === null) return;
      enqueue.assign({ deep: { ...giveSteerBack(context.deep, 'task-ended'), interruption: { by: 'person' } } });
      if (services !== undefined) enqueue(() => services.interruptDeepTask(taskId));
    }),
    /** The server ended the task by interrupting it (its own decision, or the answer to ours): recorded with its figures. */
    taskInterrupted: enqueueActions(({ context, event, enqueue }) => {
      if (event.type !== 'deep.interrupted') return;
      const deep = { ...context, deep: { ...context.deep, figures: event.figures ?? context.deep.figures } };
      const by = context.deep.interruption?.by ?? 'server';
      enqueue.assign({ deep: { ...giveSteerBack(endTask(deep, enqueue, 'interrupted', by), 'task-ended'), interruption: { by } } });
    }),
    takeResult: assign({
      deep: ({ context, event }) =>
        event.type === 'deep.result' ? { ...giveSteerBack(context.deep, 'task-ended'), summary: event.summary, figures: event.figures } : context.deep,
    }),
    /** The task failed (or its budget ending brings the figures): recorded now, unless it staged files, which wait for review. */
    failTask: enqueueActions(({ context, event, enqueue }) => {
      if (event.type !== 'deep.failed') return;
      const failure = context.deep.budget === null ? { status: event.status, message: event.message } : null;
      const withFigures = { ...context, deep: { ...context.deep, figures: event.figures ?? context.deep.figures, failure } };
      const detail = event.status === 'budget' && context.deep.budget !== null ? `budget:${context.deep.budget.which}` : event.status;
      const ended = partial(withFigures.deep) ? withFigures.deep : endTask(withFigures, enqueue, 'failed', detail);
      enqueue.assign({ deep: giveSteerBack(ended, 'task-ended') });
    }),
    /** The budget's ending arrived after the person opened the staged files: only its figures are kept, for the record. */
    takeFigures: assign({
      deep: ({ context, event }) => (event.type === 'deep.failed' ? { ...context.deep, figures: event.figures ?? context.deep.figures } : context.deep),
    }),
    /** Opens what a task that stopped before finishing staged, as a partial result. */
    reviewStaged: assign({
      deep: ({ context }) => {
        const why = context.deep.budget === null ? (context.deep.failure?.status ?? 'failed') : 'budget';
        return { ...context.deep, summary: `Stopped before finishing (${why}): review what it staged.` };
      },
    }),
    limitTask: assign({
      deep: ({ context, event }) =>
        event.type === 'deep.budget' ? { ...giveSteerBack(context.deep, 'task-ended'), budget: { which: event.which, limit: event.limit, used: event.used } } : context.deep,
    }),
    /** Applies `deep.applyFile`'s file, or every file not applied yet; the task is accepted once all are applied. */
    applyResult: enqueueActions(({ context, event, enqueue }) => {
      const { taskId, files, applied } = context.deep;
      const services = context.services.deep;
      if (taskId === null || services === undefined) return;
      const chosen = files.filter((f) => !applied.includes(f.path) && (event.type !== 'deep.applyFile' || f.path === event.path));
      if (chosen.length === 0) return;
      const nowApplied = [...applied, ...chosen.map((f) => f.path)];
      const all = files.every((f) => nowApplied.includes(f.path));
      const detail = partial(context.deep) ? 'partial' : applied.length === 0 ? null : 'per-file';
      const deep = all ? endTask(context, enqueue, 'accepted', detail) : context.deep;
      enqueue.assign({ deep: { ...deep, applied: nowApplied } });
      enqueue(() => services.applyDeepResult({ taskId, files: chosen }));
    }),
    /** Drops the result; files applied one by one before stay, and make it a partial acceptance. */
    discardResult: enqueueActions(({ context, enqueue }) => {
      const partial = context.deep.applied.length > 0;
      enqueue.assign({ deep: endTask(context, enqueue, partial ? 'accepted' : 'rejected', partial ? 'partial' : 'discarded') });
    }),
  },
});
