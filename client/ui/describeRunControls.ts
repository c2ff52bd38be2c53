import type { RunRequest } from '../../shared/session/SessionServices.ts';
import type { RuntimeView } from '../../shared/session/selectRuntime.ts';
import { shortReason } from '../runtime/selectRuntime.ts';
import { shortcutText } from './Kbd.tsx';

/** What the toolbar's Run / Test / Stop show and allow. */
export interface RunControls {
  readonly run: { readonly enabled: boolean; readonly title: string };
  readonly test: { readonly enabled: boolean; readonly title: string };
  /** Stop is shown while a run goes on, whoever asked for it. */
  readonly stop: { readonly visible: boolean; readonly title: string };
  /** Esc stops only the person's own run: Esc also dismisses ghost text, and must not end the deep lane's run by the way. */
  readonly escStops: boolean;
  /** What the runtime is doing, beside the buttons: running, a press waiting, or why nothing can run. */
  readonly activity: { readonly kind: 'running' | 'waiting' | 'stopping' | 'failed'; readonly text: string; readonly detail?: string } | undefined;
}

/** What Run will run: the active file, or the workspace's main file; `enabled` false with a reason when there is none. */
export interface RunTargetLabel {
  readonly label: string;
  readonly enabled: boolean;
  readonly reason?: string;
}

const whatRuns = (run: RunRequest): string => {
  if (run.origin.by === 'deep') return run.kind === 'tests' ? "the deep lane's tests" : `the deep lane's run of ${run.origin.call.name === 'run_program' ? run.origin.call.arguments.entry : 'its program'}`;
  return run.kind === 'tests' ? 'the tests' : 'the program';
};

/**
 * The run controls as the session machine's runtime view says (undefined: the session is not
 * running yet). Run and Test are enabled whenever the machine would take the press, even while a
 * run goes on or the runtime boots: the press then waits, and the toolbar says for what.
 * Pure, so the wording is tested on its own.
 */
export function describeRunControls(view: RuntimeView | undefined, target: RunTargetLabel, testFileCount: number): RunControls {
  const blocked = view === undefined ? 'Starting…' : view.state === 'failed' ? `The runtime failed: ${view.failure ?? 'no reason given'}` : !view.canRun ? 'This page has no runtime.' : undefined;
  const run = {
    enabled: blocked === undefined && target.enabled,
    title: blocked ?? (target.enabled ? `Run ${target.label} (${shortcutText(['Mod', 'Enter'])})` : target.reason ?? 'Nothing to run'),
  };
  const test = {
    enabled: blocked === undefined && testFileCount > 0,
    title:
      blocked ??
      (testFileCount > 0
        ? `Run ${testFileCount === 1 ? 'the test file' : `all ${testFileCount} test files`} (${shortcutText(['Mod', 'Shift', 'Enter'])})`
        : 'No test files: name a file *.test.ts'),
  };
  const current = view?.current ?? null;
  const deepRun = current?.origin.by === 'deep';
  const stop = {
    visible: view?.canStop === true,
    title: deepRun ? `Stop ${current === null ? 'the run' : whatRuns(current)}` : 'Stop (Esc)',
  };
  return { run, test, stop, escStops: view?.canStop === true && !deepRun, activity: activityOf(view) };
}

function activityOf(view: RuntimeView | undefined): RunControls['activity'] {
  if (view === undefined) return undefined;
  // The toolbar has room for a few words; the whole reason is the tooltip (and the Run button's).
  if (view.state === 'failed') return { kind: 'failed', text: `Runtime failed: ${shortReason(view.failure ?? 'no reason given')}`, detail: view.failure ?? 'no reason given' };
  const waiting = view.queue.find((run) => run.origin.by === 'person');
  if (waiting !== undefined) {
    const what = waiting.kind === 'tests' ? 'Tests wait' : 'Run waits';
    if (view.state === 'booting') return { kind: 'waiting', text: `${what} for the runtime to start…` };
    if (view.current !== null) return { kind: 'waiting', text: `${what} for ${whatRuns(view.current)}…` };
    return { kind: 'waiting', text: `${what}…` };
  }
  if (view.state === 'stopping') return { kind: 'stopping', text: 'Stopping…' };
  if (view.current === null) return undefined;
  if (view.current.origin.by === 'deep') return { kind: 'running', text: view.current.kind === 'tests' ? 'Deep lane: testing…' : 'Deep lane: running…' };
  return { kind: 'running', text: view.current.kind === 'tests' ? 'Testing…' : 'Running…' };
}
