import type { DeepEventMessage } from '../deepLane/protocol.ts';
import type { StagedChange } from '../deepLane/WorkspaceOverlay.ts';
import type { DeepFileChange, DeepLaneEvent } from './SessionEvent.ts';

type ServerDeepEvent = Exclude<DeepLaneEvent, { type: `deep.${'propose' | 'confirm' | 'decline' | 'steer' | 'interrupt' | 'applyAll' | 'applyFile' | 'discard' | 'review' | 'close'}` }>;

/**
 * What the session machine should hear for a server `deep-event`; the glue sends the result to the
 * actor as it is. Every event keeps its task id, so the machine drops those of another task.
 * `staged` is the glue's overlay of the task (`WorkspaceOverlay.changes()`): with it, a `diff`
 * carries each file's text before and after, which the review shows and `applyDeepResult` gets
 * back. Socket.IO delivers one connection's events in order, so `seq` is not needed here.
 */
export function deepEventToSessionEvent(message: DeepEventMessage, staged: readonly StagedChange[] = []): ServerDeepEvent {
  const { taskId, event } = message;
  switch (event.kind) {
    case 'started':
      return { type: 'deep.started', taskId, adapter: event.adapter, model: event.model, budgets: event.budgets };
    case 'turn':
      return { type: 'deep.turn', taskId, turnId: event.turnId };
    case 'text':
      return { type: 'deep.text', taskId, turnId: event.turnId, text: event.text };
    case 'plan':
      return { type: 'deep.plan', taskId, steps: event.steps };
    case 'tool-call':
      return { type: 'deep.toolCall', taskId, turnId: event.turnId, callId: event.callId, call: event.call };
    case 'tool-finished':
      return {
        type: 'deep.toolFinished',
        taskId,
        callId: event.callId,
        name: event.name,
        ok: event.ok,
        summary: event.summary,
        ...(event.failure === undefined ? {} : { failure: event.failure }),
      };
    case 'diff': {
      const texts = new Map(staged.map((change) => [change.path, change]));
      const files: DeepFileChange[] = event.files.map((file) => {
        const change = texts.get(file.path);
        return { ...file, before: change?.before ?? null, after: change?.after ?? null };
      });
      return { type: 'deep.diff', taskId, files };
    }
    case 'tests':
      return { type: 'deep.tests', taskId, summary: event.summary };
    case 'usage':
      return { type: 'deep.usage', taskId, inputTokens: event.inputTokens, outputTokens: event.outputTokens };
    case 'steer-accepted':
      return { type: 'deep.steerAccepted', taskId, turnId: event.turnId };
    case 'steer-refused':
      return { type: 'deep.steerRefused', taskId, reason: event.reason, text: event.text };
    case 'budget':
      return { type: 'deep.budget', taskId, which: event.which, limit: event.limit, used: event.used };
    case 'result':
      return { type: 'deep.result', taskId, summary: event.summary, figures: event.figures };
    case 'failed':
      return { type: 'deep.failed', taskId, status: event.status, message: event.message, figures: event.figures };
    case 'interrupted':
      return { type: 'deep.interrupted', taskId, figures: event.figures };
  }
}
