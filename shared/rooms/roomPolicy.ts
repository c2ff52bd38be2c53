import { z } from 'zod';

/**
 * Who may do what in a room: pure rules over the room's policy state, shared so the server
 * enforces exactly what the UI shows. The server checks every message against them; the client
 * uses them only to grey out what would be refused anyway.
 */

/** A person's role in a room, fixed by the invite token they joined with. */
export const RoomRole = z.enum(['host', 'guest', 'observer']);
export type RoomRole = z.infer<typeof RoomRole>;

/** Which AI lanes a person may use: none, the fast lane, or both. */
export const AiPolicy = z.enum(['off', 'fast', 'fast+deep']);
export type AiPolicy = z.infer<typeof AiPolicy>;

/** The bound on a person id (token and policy keys). */
export const PERSON_ID_MAX_CHARS = 64;
export const PersonId = z.string().min(1).max(PERSON_ID_MAX_CHARS);

/** What the host controls, stored with the room and sent to everyone in it. */
export const RoomPolicyState = z.object({
  /** Guests cannot change the document (the host still can). */
  editingLocked: z.boolean(),
  /** Guests cannot run code or tests (the host still can). */
  runningDisabled: z.boolean(),
  /** AI lanes for anyone without an entry in `ai`. */
  defaultAi: AiPolicy,
  /** AI lanes per person id. */
  ai: z.record(PersonId, AiPolicy),
});
export type RoomPolicyState = z.infer<typeof RoomPolicyState>;

/** A new room: everyone may edit and run, and use the fast lane; the deep lane is the host's to grant. */
export const DEFAULT_ROOM_POLICY: RoomPolicyState = { editingLocked: false, runningDisabled: false, defaultAi: 'fast', ai: {} };

/** The person a check is about. */
export interface RoomPerson {
  personId: string;
  role: RoomRole;
}

/** Everything a person can attempt in a room. */
export type RoomAction =
  | 'view'
  | 'edit'
  | 'run'
  | 'ai-fast'
  | 'ai-deep'
  | 'change-policy'
  | 'invite'
  | 'read-notes'
  | 'write-notes';

/** Why an action is refused, for typed errors and the event log. */
export type RoomRefusal = 'observer-read-only' | 'editing-locked' | 'running-disabled' | 'ai-off' | 'deep-lane-off' | 'host-only';

export type RoomCheck = { ok: true } | { ok: false; reason: RoomRefusal };

const allowed: RoomCheck = { ok: true };
const refused = (reason: RoomRefusal): RoomCheck => ({ ok: false, reason });

/** The AI lanes `personId` may use under `policy`. */
export function aiPolicyOf(policy: RoomPolicyState, personId: string): AiPolicy {
  return Object.hasOwn(policy.ai, personId) ? (policy.ai[personId] ?? policy.defaultAi) : policy.defaultAi;
}

/** Whether `person` may do `action` under `policy`, and if not, why. */
export function checkRoomAction(policy: RoomPolicyState, person: RoomPerson, action: RoomAction): RoomCheck {
  if (action === 'view') return allowed;
  const host = person.role === 'host';
  switch (action) {
    case 'change-policy':
    case 'invite':
    case 'read-notes':
    case 'write-notes':
      return host ? allowed : refused('host-only');
    case 'edit':
      if (host) return allowed;
      if (person.role === 'observer') return refused('observer-read-only');
      return policy.editingLocked ? refused('editing-locked') : allowed;
    case 'run':
      if (host) return allowed;
      if (person.role === 'observer') return refused('observer-read-only');
      return policy.runningDisabled ? refused('running-disabled') : allowed;
    case 'ai-fast':
    case 'ai-deep': {
      // The host's own lanes follow the policy too, so a host can run an AI-free session.
      if (person.role === 'observer') return refused('observer-read-only');
      const ai = aiPolicyOf(policy, person.personId);
      if (ai === 'off') return refused('ai-off');
      if (action === 'ai-deep' && ai !== 'fast+deep') return refused('deep-lane-off');
      return allowed;
    }
  }
}

/** Whether `person` may do `action` under `policy`. */
export function can(policy: RoomPolicyState, person: RoomPerson, action: RoomAction): boolean {
  return checkRoomAction(policy, person, action).ok;
}

/** A change the host makes to the policy. */
export const RoomPolicyChange = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('lock-editing'), locked: z.boolean() }),
  z.object({ kind: z.literal('disable-running'), disabled: z.boolean() }),
  z.object({ kind: z.literal('set-ai'), personId: PersonId, ai: AiPolicy }),
  z.object({ kind: z.literal('set-default-ai'), ai: AiPolicy }),
]);
export type RoomPolicyChange = z.infer<typeof RoomPolicyChange>;

/** The policy after `change`, or the refusal when `person` may not make it. Never mutates `policy`. */
export function applyPolicyChange(
  policy: RoomPolicyState,
  person: RoomPerson,
  change: RoomPolicyChange,
): { ok: true; policy: RoomPolicyState } | { ok: false; reason: RoomRefusal } {
  const check = checkRoomAction(policy, person, 'change-policy');
  if (!check.ok) return check;
  switch (change.kind) {
    case 'lock-editing':
      return { ok: true, policy: { ...policy, editingLocked: change.locked } };
    case 'disable-running':
      return { ok: true, policy: { ...policy, runningDisabled: change.disabled } };
    case 'set-ai':
      return { ok: true, policy: { ...policy, ai: { ...policy.ai, [change.personId]: change.ai } } };
    case 'set-default-ai':
      return { ok: true, policy: { ...policy, defaultAi: change.ai } };
  }
}
