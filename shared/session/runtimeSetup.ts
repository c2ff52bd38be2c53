import { assign, enqueueActions } from 'xstate';
import type { SessionContext } from './SessionContext.ts';
import type { SessionEvent } from './SessionEvent.ts';
import type { RunRequest, RunToolCall } from './SessionServices.ts';
import { failingTestOutput } from './failingTestOutput.ts';
import { sessionSetup } from './sessionSetup.ts';
import type { DeepToolCall } from '../deepLane/protocol.ts';

/** The deep lane's tools that run in the runtime. */
export function isRunToolCall(call: DeepToolCall): call is RunToolCall {
  return call.name === 'run_tests' || call.name === 'run_program';
}

/** The deep task `taskId` is the current one and still running (no result, failure, limit or interruption). */
export function deepTaskRunning(context: SessionContext, taskId: string): boolean {
  const { deep } = context;
  return deep.taskId === taskId && deep.summary === null && deep.failure === null && deep.budget === null && deep.interruption === null;
}

/** A run tool call of the running deep task. */
function deepRunCallOf(context: SessionContext, event: SessionEvent): RunRequest | null {
  if (event.type !== 'deep.toolCall' || !isRunToolCall(event.call) || !deepTaskRunning(context, event.taskId)) return null;
  return {
    runId: `${context.idPrefix}r${context.requestCount + 1}`,
    kind: event.call.name === 'run_tests' ? 'tests' : 'program',
    origin: { by: 'deep', taskId: event.taskId, callId: event.callId, call: event.call },
  };
}

/** The deep task whose runs `event` ends: an interrupt of the running task, or its ending from the server. */
function endedDeepTask(context: SessionContext, event: SessionEvent): string | null {
  const taskId = context.deep.taskId;
  if (taskId === null) return null;
  if (event.type === 'deep.interrupt') return deepTaskRunning(context, taskId) ? taskId : null;
  if (event.type === 'deep.result' || event.type === 'deep.failed' || event.type === 'deep.budget' || event.type === 'deep.interrupted') return event.taskId === taskId ? taskId : null;
  return null;
}

const isDeepRunOf = (run: RunRequest, taskId: string) => run.origin.by === 'deep' && run.origin.taskId === taskId;

/**
 * The runtime region's guards and actions, on top of the fast lane's and the quick edit's. One
 * run at a time: the person's or a deep task's (over the task's overlay). A run asked for while
 * another is going waits in a queue (at most one of the person's; a deep task's in order) and
 * starts when the runtime is free; a deep run asked for of a runtime that failed is answered at
 * once with the reason.
 */
export const runtimeSetup = sessionSetup.extend({
  guards: {
    runtimeServed: ({ context }) => context.services.runtime !== undefined,
    runQueued: ({ context }) => context.runtime.queue.length > 0,
    /** The event ends the run going on. */
    currentRunFinished: ({ context, event }) => event.type === 'run.finished' && context.runtime.current?.runId === event.runId,
    /** A run tool call of the running deep task. */
    deepRunCall: ({ context, event }) => deepRunCallOf(context, event) !== null,
    /** The event ends a deep task (or interrupts it). */
    deepTaskEnds: ({ context, event }) => endedDeepTask(context, event) !== null,
    /** ... and the run going on is that task's. */
    deepTaskRunCurrent: ({ context, event }) => {
      const taskId = endedDeepTask(context, event);
      return taskId !== null && context.runtime.current !== null && isDeepRunOf(context.runtime.current, taskId);
    },
  },
  actions: {
    bootRuntime: assign({
      runtime: ({ context, event }) => (event.type === 'runtime.ready' ? { ...context.runtime, name: event.runtime, failure: null } : context.runtime),
    }),
    /** The runtime broke: runs going on or waiting are lost; deep tool calls among them are answered with the reason. */
    failRuntime: enqueueActions(({ context, event, enqueue }) => {
      if (event.type !== 'runtime.failed') return;
      const lost = [...(context.runtime.current === null ? [] : [context.runtime.current]), ...context.runtime.queue];
      enqueue.assign({ runtime: { ...context.runtime, failure: event.reason, current: null, queue: [] } });
      const deep = context.services.deep;
      for (const run of lost) {
        if (run.origin.by === 'deep' && deep !== undefined) {
          const { taskId, callId } = run.origin;
          enqueue(() => deep.answerDeepRun({ taskId, callId, refused: `The runtime failed: ${event.reason}` }));
        }
      }
    }),
    startPersonRun: enqueueActions(({ context, event, enqueue }) => {
      const runtime = context.services.runtime;
      if (event.type !== 'run.start' || runtime === undefined) return;
      const run: RunRequest = { runId: `${context.idPrefix}r${context.requestCount + 1}`, kind: event.kind, origin: { by: 'person' } };
      enqueue.assign({ requestCount: context.requestCount + 1, runtime: { ...context.runtime, current: run } });
      enqueue(() => runtime.startRun(run));
    }),
    /** The person's run waits for the one going on (a newer press replaces an older one still waiting). */
    queuePersonRun: assign(({ context, event }) => {
      if (event.type !== 'run.start') return {};
      const run: RunRequest = { runId: `${context.idPrefix}r${context.requestCount + 1}`, kind: event.kind, origin: { by: 'person' } };
      return { requestCount: context.requestCount + 1, runtime: { ...context.runtime, queue: [...context.runtime.queue.filter((r) => r.origin.by !== 'person'), run] } };
    }),
    startDeepRun: enqueueActions(({ context, event, enqueue }) => {
      const run = deepRunCallOf(context, event);
      const runtime = context.services.runtime;
      if (run === null || runtime === undefined) return;
      enqueue.assign({ requestCount: context.requestCount + 1, runtime: { ...context.runtime, current: run } });
      enqueue(() => runtime.startRun(run));
    }),
    queueDeepRun: assign(({ context, event }) => {
      const run = deepRunCallOf(context, event);
      if (run === null) return {};
      return { requestCount: context.requestCount + 1, runtime: { ...context.runtime, queue: [...context.runtime.queue, run] } };
    }),
    /** A deep run that cannot run (no runtime in this session, or it failed) is answered at once. */
    refuseDeepRun: enqueueActions(({ context, event, enqueue }) => {
      const deep = context.services.deep;
      if (event.type !== 'deep.toolCall' || deep === undefined) return;
      const reason = context.services.runtime === undefined ? 'This session has no runtime.' : `The runtime failed: ${context.runtime.failure ?? 'unknown reason'}`;
      const { taskId, callId } = event;
      enqueue(() => deep.answerDeepRun({ taskId, callId, refused: reason }));
    }),
    startNextRun: enqueueActions(({ context, enqueue }) => {
      const [next, ...queue] = context.runtime.queue;
      const runtime = context.services.runtime;
      if (next === undefined || runtime === undefined) return;
      enqueue.assign({ runtime: { ...context.runtime, current: next, queue } });
      enqueue(() => runtime.startRun(next));
    }),
    /**
     * The run going on ended: it is kept as the last run, a test run of the person's updates the
     * failing-test output a deep task would carry, and a deep task's run answers its tool call.
     */
    finishRun: enqueueActions(({ context, event, enqueue }) => {
      const current = context.runtime.current;
      if (event.type !== 'run.finished' || current === null) return;
      const finished = { ...current, status: event.status, report: event.report, program: event.program, output: event.output };
      const personTests = current.origin.by === 'person' && current.kind === 'tests' && event.status !== 'stopped';
      const failing = personTests ? (event.report === undefined ? null : failingTestOutput(event.report)) : context.runtime.failingTestOutput;
      enqueue.assign({ runtime: { ...context.runtime, current: null, last: finished, failingTestOutput: failing } });
      const deep = context.services.deep;
      if (current.origin.by === 'deep' && deep !== undefined && deepTaskRunning(context, current.origin.taskId)) {
        const { taskId, callId } = current.origin;
        enqueue(() => deep.answerDeepRun({ taskId, callId, run: finished }));
      }
    }),
    stopCurrentRun: ({ context }) => {
      const current = context.runtime.current;
      if (current !== null) context.services.runtime?.stopRun(current.runId);
    },
    /** A deep task ended or was interrupted: its run going on is stopped, its runs waiting are dropped. */
    dropDeepRuns: enqueueActions(({ context, event, enqueue }, params: { stopCurrent: boolean }) => {
      const taskId = endedDeepTask(context, event);
      if (taskId === null) return;
      const current = context.runtime.current;
      enqueue.assign({ runtime: { ...context.runtime, queue: context.runtime.queue.filter((r) => !isDeepRunOf(r, taskId)) } });
      const runtime = context.services.runtime;
      if (params.stopCurrent && current !== null && isDeepRunOf(current, taskId) && runtime !== undefined) enqueue(() => runtime.stopRun(current.runId));
    }),
  },
});
