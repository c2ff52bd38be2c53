import type { DeepStartMessage } from '../deepLane/protocol.ts';
import type { DeepTaskRequest } from './SessionServices.ts';

/** The `deep-start` message for a task the session machine starts (`startDeepTask`); the glue sends it as it is. */
export function toDeepStartMessage(request: DeepTaskRequest): DeepStartMessage {
  const { taskId, instruction, constraints, selection, failingTestOutput, openFiles } = request;
  return {
    type: 'deep-start',
    taskId,
    instruction,
    ...(constraints === undefined ? {} : { constraints }),
    context: {
      ...(selection === undefined ? {} : { selection: { path: selection.path, start: selection.start, end: selection.end, text: selection.text } }),
      ...(failingTestOutput === undefined ? {} : { failingTestOutput }),
      ...(openFiles === undefined ? {} : { openFiles: [...openFiles] }),
    },
  };
}
