import { and, not } from 'xstate';
import { runtimeSetup } from './runtimeSetup.ts';

const dropDeepRuns = (stopCurrent: boolean) => ({ type: 'dropDeepRuns', params: { stopCurrent } }) as const;

/** A run tool call of the running deep task, and what becomes of it where nothing can run it now. */
const deepRunWaits = [
  { guard: and(['deepRunCall', not('runtimeServed')]), actions: 'refuseDeepRun' },
  { guard: 'deepRunCall', actions: 'queueDeepRun' },
] as const;
/** A deep task ended or was interrupted while a run is going on. */
const deepTaskEndsWhileRunning = [
  { guard: 'deepTaskRunCurrent', target: 'stopping', actions: dropDeepRuns(true) },
  { guard: 'deepTaskEnds', actions: dropDeepRuns(false) },
] as const;
/** Elsewhere nothing of a deep task is running: its runs waiting are dropped. */
const deepTaskEnds = { guard: 'deepTaskEnds', actions: dropDeepRuns(false) } as const;
/** The events that end a deep task (the person's interrupt or the server's ending), all handled by `transition`. */
function taskEnds<T>(transition: T) {
  return { 'deep.interrupt': transition, 'deep.result': transition, 'deep.failed': transition, 'deep.budget': transition, 'deep.interrupted': transition } as const;
}
/** The run going on ended: the next one waiting starts, or the runtime is free. */
const runFinished = [
  { guard: and(['currentRunFinished', 'runQueued']), target: 'running', reenter: true, actions: ['finishRun', 'startNextRun'] },
  { guard: 'currentRunFinished', target: 'ready', actions: 'finishRun' },
] as const;
const personRunWaits = { guard: 'runtimeServed', actions: 'queuePersonRun' } as const;

/**
 * The runtime: booting → ready (or failed, with the reason), running (the person's run or a deep
 * task's run tool call, with its run id), stopping. One run at a time; others wait in a queue
 * (see runtimeSetup.ts). No delays: the runtime's own time limits end a run with `run.finished`.
 */
export const runtimeRegion = runtimeSetup.createStateConfig({
  initial: 'booting',
  states: {
    booting: {
      on: {
        'runtime.ready': [
          { guard: 'runQueued', target: 'running', actions: ['bootRuntime', 'startNextRun'] },
          { target: 'ready', actions: 'bootRuntime' },
        ],
        'runtime.failed': { target: 'failed', actions: 'failRuntime' },
        'run.start': personRunWaits,
        'deep.toolCall': deepRunWaits,
        ...taskEnds(deepTaskEnds),
      },
    },
    ready: {
      on: {
        'run.start': { guard: 'runtimeServed', target: 'running', actions: 'startPersonRun' },
        'deep.toolCall': [
          { guard: and(['deepRunCall', not('runtimeServed')]), actions: 'refuseDeepRun' },
          { guard: 'deepRunCall', target: 'running', actions: 'startDeepRun' },
        ],
        'runtime.failed': { target: 'failed', actions: 'failRuntime' },
      },
    },
    running: {
      on: {
        'run.finished': runFinished,
        'run.stop': { target: 'stopping', actions: 'stopCurrentRun' },
        'run.start': personRunWaits,
        'deep.toolCall': deepRunWaits,
        ...taskEnds(deepTaskEndsWhileRunning),
        'runtime.failed': { target: 'failed', actions: 'failRuntime' },
      },
    },
    /** Asked to stop; the run still ends with `run.finished`. */
    stopping: {
      on: {
        'run.finished': runFinished,
        'run.start': personRunWaits,
        'deep.toolCall': deepRunWaits,
        ...taskEnds(deepTaskEnds),
        'runtime.failed': { target: 'failed', actions: 'failRuntime' },
      },
    },
    /** It could not boot, or broke; a fallback runtime that boots makes it ready again. */
    failed: {
      on: {
        'runtime.ready': { target: 'ready', actions: 'bootRuntime' },
        'deep.toolCall': { guard: 'deepRunCall', actions: 'refuseDeepRun' },
      },
    },
  },
});
