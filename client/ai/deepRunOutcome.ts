import { describeProgramRun } from '../../shared/deepLane/describeProgramRun.ts';
import { describeTestRun } from '../../shared/deepLane/describeTestRun.ts';
import type { DeepToolOutcome } from '../../shared/deepLane/DeepToolOutcome.ts';
import type { DeepRunAnswer } from '../../shared/session/SessionServices.ts';

/**
 * What the model reads of a deep task's run tool call, from the machine's `answerDeepRun`: the
 * same text `executeDeepToolCall` gives for a run it made itself (describeTestRun /
 * describeProgramRun), a refusal or a runtime that failed as an `error` outcome. The program's
 * console comes from the run's `output`, which the runtime glue writes in describeProgramRun's own
 * form (stdout as is, other streams tagged), so it is passed through as one stdout chunk.
 */
export function deepRunOutcome(answer: DeepRunAnswer): DeepToolOutcome {
  if ('refused' in answer) return { ok: false, failure: 'error', output: answer.refused };
  const { run } = answer;
  if (run.kind === 'tests' && run.report !== undefined) return describeTestRun(run.report);
  if (run.kind === 'program' && run.program !== undefined && run.origin.by === 'deep' && run.origin.call.name === 'run_program') {
    return describeProgramRun(run.origin.call.arguments.entry, run.program, run.output === undefined || run.output === '' ? [] : [{ stream: 'stdout', text: run.output }]);
  }
  return { ok: false, failure: 'error', output: `The runtime failed: ${run.output ?? 'it gave no result'}` };
}
