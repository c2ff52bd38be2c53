import type { RoomEvent, RoomEventKind } from '../../shared/rooms/roomEvent.ts';
import { readPayload } from '../../shared/rooms/replay/replayPayloads.ts';

/** The colour family of an event on the timeline and in the list (see replay.css `--kind-*`). */
export type EventTone = 'edit' | 'ai' | 'accept' | 'pass' | 'fail' | 'run' | 'signal' | 'presence' | 'server';

/** Short, human words for a kind, for the list's chip. */
const KIND_LABELS: Record<RoomEventKind, string> = {
  join: 'joined',
  leave: 'left',
  edit: 'edit',
  run: 'run',
  'run-result': 'result',
  'ai-request': 'AI request',
  'suggestion-shown': 'suggested',
  'suggestion-accepted': 'accepted',
  'suggestion-rejected': 'rejected',
  paste: 'paste',
  'focus-loss': 'away',
  policy: 'policy',
  refused: 'refused',
};

export function kindLabel(kind: RoomEventKind): string {
  return KIND_LABELS[kind];
}

/** How an event is coloured: a test run's result by its outcome, an AI edit as AI. */
export function toneOf(event: RoomEvent): EventTone {
  switch (event.kind) {
    case 'edit':
      return readPayload('edit', event.payload)?.ai ? 'accept' : 'edit';
    case 'ai-request':
    case 'suggestion-shown':
    case 'suggestion-rejected':
      return 'ai';
    case 'suggestion-accepted':
      return 'accept';
    case 'run':
      return 'run';
    case 'run-result': {
      const status = readPayload('run-result', event.payload)?.status;
      return status === 'passed' || status === 'ok' ? 'pass' : status === 'failed' || status === 'error' || status === 'build-error' ? 'fail' : 'run';
    }
    case 'paste':
    case 'focus-loss':
      return 'signal';
    case 'join':
    case 'leave':
      return 'presence';
    default:
      return 'server';
  }
}

function seconds(ms: number | undefined): string {
  if (ms === undefined) return '';
  return ms < 1000 ? `${Math.round(ms)} ms` : ms < 60_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

function lane(payload: { lane: string; model?: string | null | undefined }): string {
  return payload.model ? `${payload.lane} · ${payload.model}` : payload.lane;
}

/** One line saying what an event was, for the list beside the editor. */
export function describeEvent(event: RoomEvent): string {
  switch (event.kind) {
    case 'join': {
      const join = readPayload('join', event.payload);
      return join?.role ? `joined as ${join.role}` : 'joined';
    }
    case 'leave':
      return 'left the room';
    case 'edit': {
      const edit = readPayload('edit', event.payload);
      if (!edit) return 'edited (unreadable)';
      if (edit.ai) return `applied ${lane(edit.ai)} text`;
      const updates = edit.updates ?? 1;
      return `typed (${updates} change${updates === 1 ? '' : 's'})`;
    }
    case 'run': {
      const run = readPayload('run', event.payload);
      return run?.mode === 'program' ? `ran ${run.path ?? 'the program'}` : `ran ${run?.path ?? 'the tests'}`;
    }
    case 'run-result': {
      const result = readPayload('run-result', event.payload);
      if (!result) return 'run ended';
      return result.summary ? `${result.status}: ${result.summary}` : result.status;
    }
    case 'ai-request': {
      const request = readPayload('ai-request', event.payload);
      if (!request) return 'AI request';
      const tokens = request.tokensIn != null && request.tokensOut != null ? `, ${request.tokensIn} → ${request.tokensOut} tokens` : '';
      return `${lane(request)} ${request.outcome ?? 'ended'} after ${seconds(request.durationMs)}${tokens}`;
    }
    case 'suggestion-shown': {
      const shown = readPayload('suggestion-shown', event.payload);
      return shown ? `${lane(shown)} showed ${shown.lines ?? '?'} line${shown.lines === 1 ? '' : 's'}` : 'suggestion shown';
    }
    case 'suggestion-accepted': {
      const accepted = readPayload('suggestion-accepted', event.payload);
      return accepted ? `accepted ${lane(accepted)}${accepted.partial ? ' (part)' : ''}` : 'suggestion accepted';
    }
    case 'suggestion-rejected': {
      const rejected = readPayload('suggestion-rejected', event.payload);
      return rejected ? `rejected ${lane(rejected)}${rejected.reason ? ` (${rejected.reason})` : ''}` : 'suggestion rejected';
    }
    case 'paste': {
      const paste = readPayload('paste', event.payload);
      return paste ? `pasted ${paste.chars ?? '?'} characters${paste.path ? ` into ${paste.path}` : ''}` : 'pasted';
    }
    case 'focus-loss': {
      const loss = readPayload('focus-loss', event.payload);
      return loss ? `left the page for ${seconds(loss.durationMs)}${loss.how === 'hidden' ? ' (tab hidden)' : ''}` : 'left the page';
    }
    case 'policy': {
      const policy = readPayload('policy', event.payload);
      return `changed the policy${policy?.kind ? ` (${policy.kind})` : ''}`;
    }
    case 'refused': {
      const refused = readPayload('refused', event.payload);
      return `was refused ${refused?.event ?? 'a message'}${refused?.reason ? `: ${refused.reason}` : ''}`;
    }
  }
}

/** `m:ss` (or `h:mm:ss`) of a duration in ms. */
export function clock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
