import { describe, expect, it } from 'vitest';
import { DEFAULT_ROOM_POLICY, applyPolicyChange, can, checkRoomAction, type RoomAction, type RoomPerson } from './roomPolicy.ts';

const host: RoomPerson = { personId: 'h', role: 'host' };
const guest: RoomPerson = { personId: 'g', role: 'guest' };
const observer: RoomPerson = { personId: 'o', role: 'observer' };
const everything: RoomAction[] = ['view', 'edit', 'run', 'ai-fast', 'ai-deep', 'change-policy', 'invite', 'read-notes', 'write-notes'];

describe('room policy', () => {
  it('in a new room: the host does everything but the deep lane, a guest edits, runs and uses the fast lane, an observer only views', () => {
    const allowed = (person: RoomPerson) => everything.filter((action) => can(DEFAULT_ROOM_POLICY, person, action));
    expect(allowed(host)).toEqual(['view', 'edit', 'run', 'ai-fast', 'change-policy', 'invite', 'read-notes', 'write-notes']);
    expect(allowed(guest)).toEqual(['view', 'edit', 'run', 'ai-fast']);
    expect(allowed(observer)).toEqual(['view']);
    expect(checkRoomAction(DEFAULT_ROOM_POLICY, observer, 'edit')).toEqual({ ok: false, reason: 'observer-read-only' });
    expect(checkRoomAction(DEFAULT_ROOM_POLICY, guest, 'read-notes')).toEqual({ ok: false, reason: 'host-only' });
  });

  it('locking editing and disabling running stop guests, not the host', () => {
    let policy = DEFAULT_ROOM_POLICY;
    for (const change of [{ kind: 'lock-editing', locked: true }, { kind: 'disable-running', disabled: true }] as const) {
      const result = applyPolicyChange(policy, host, change);
      if (!result.ok) throw new Error(result.reason);
      policy = result.policy;
    }
    expect(checkRoomAction(policy, guest, 'edit')).toEqual({ ok: false, reason: 'editing-locked' });
    expect(checkRoomAction(policy, guest, 'run')).toEqual({ ok: false, reason: 'running-disabled' });
    expect(can(policy, host, 'edit') && can(policy, host, 'run')).toBe(true);
    expect(DEFAULT_ROOM_POLICY.editingLocked).toBe(false);
  });

  it('the AI policy is per person: off, fast, fast+deep, falling back to the room default', () => {
    const set = (ai: 'off' | 'fast' | 'fast+deep') => {
      const result = applyPolicyChange(DEFAULT_ROOM_POLICY, host, { kind: 'set-ai', personId: 'g', ai });
      if (!result.ok) throw new Error(result.reason);
      return result.policy;
    };
    expect(checkRoomAction(set('off'), guest, 'ai-fast')).toEqual({ ok: false, reason: 'ai-off' });
    expect(checkRoomAction(set('fast'), guest, 'ai-deep')).toEqual({ ok: false, reason: 'deep-lane-off' });
    expect(can(set('fast+deep'), guest, 'ai-deep')).toBe(true);
    // Someone else's entry does not change the default for the rest.
    expect(can(set('off'), { personId: 'g2', role: 'guest' }, 'ai-fast')).toBe(true);
    const defaultOff = applyPolicyChange(DEFAULT_ROOM_POLICY, host, { kind: 'set-default-ai', ai: 'off' });
    expect(defaultOff.ok && can(defaultOff.policy, guest, 'ai-fast')).toBe(false);
  });

  it('only the host changes the policy', () => {
    expect(applyPolicyChange(DEFAULT_ROOM_POLICY, guest, { kind: 'lock-editing', locked: true })).toEqual({ ok: false, reason: 'host-only' });
    expect(applyPolicyChange(DEFAULT_ROOM_POLICY, observer, { kind: 'set-ai', personId: 'o', ai: 'fast+deep' })).toEqual({ ok: false, reason: 'host-only' });
  });

  it('a person id named like an Object prototype key is just a key', () => {
    expect(can(DEFAULT_ROOM_POLICY, { personId: 'constructor', role: 'guest' }, 'ai-fast')).toBe(true);
    expect(can(DEFAULT_ROOM_POLICY, { personId: '__proto__', role: 'guest' }, 'ai-fast')).toBe(true);
  });
});
