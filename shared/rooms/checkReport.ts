import type { AiAttribution } from './aiAttribution.ts';
import type { ReportedRoomEvent } from './reportedRoomEvent.ts';
import { checkRoomAction, type RoomAction, type RoomCheck, type RoomPerson, type RoomPolicyState } from './roomPolicy.ts';

/** The policy action an AI lane needs: the fast lane's and quick edits' `ai-fast`, the deep lane's `ai-deep`. */
export function aiActionOf(lane: AiAttribution['lane']): RoomAction {
  return lane === 'deep' ? 'ai-deep' : 'ai-fast';
}

/**
 * Whether `person` may report `event` to the room's log: a run needs `run` (so "disable running"
 * refuses it), an AI fact its lane's AI policy; a paste or focus loss only a role that takes part
 * (an observer reports nothing; a guest whose editing is locked still loses focus). The server
 * refuses what this refuses; the page uses it to not send what would be refused.
 */
export function checkReport(policy: RoomPolicyState, person: RoomPerson, event: ReportedRoomEvent): RoomCheck {
  switch (event.kind) {
    case 'run':
    case 'run-result':
      return checkRoomAction(policy, person, 'run');
    case 'ai-request':
    case 'suggestion-shown':
    case 'suggestion-accepted':
    case 'suggestion-rejected':
      return checkRoomAction(policy, person, aiActionOf(event.payload.lane));
    case 'paste':
    case 'focus-loss':
      return person.role === 'observer' ? { ok: false, reason: 'observer-read-only' } : { ok: true };
  }
}
