import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signRoomToken, verifyRoomToken, type RoomTokenClaims } from './roomToken.ts';

const secret = Buffer.from('a-secret-that-is-long-enough-for-tests-0123');
const now = 1_800_000_000_000;
const claims: RoomTokenClaims = { room: 'room-1', role: 'guest', sub: 'p-1', name: 'Grace', iat: now / 1000, exp: now / 1000 + 3600 };

describe('room tokens', () => {
  it('a signed token verifies for its room and gives back its claims', () => {
    expect(verifyRoomToken(secret, signRoomToken(secret, claims), 'room-1', now)).toEqual({ ok: true, claims });
  });

  it('refuses a token signed with another secret', () => {
    const forged = signRoomToken(Buffer.from('another-secret-that-is-long-enough-000000'), claims);
    expect(verifyRoomToken(secret, forged, 'room-1', now)).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('refuses claims changed after signing (an observer who makes itself host)', () => {
    const [version, , sig] = signRoomToken(secret, claims).split('.');
    const raised = Buffer.from(JSON.stringify({ ...claims, role: 'host' })).toString('base64url');
    expect(verifyRoomToken(secret, `${version}.${raised}.${sig}`, 'room-1', now)).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('refuses an expired token, at the second it expires', () => {
    expect(verifyRoomToken(secret, signRoomToken(secret, claims), 'room-1', claims.exp * 1000)).toEqual({ ok: false, reason: 'expired' });
  });

  it("refuses another room's token", () => {
    expect(verifyRoomToken(secret, signRoomToken(secret, claims), 'room-2', now)).toEqual({ ok: false, reason: 'other-room' });
  });

  it('refuses what is not a token, by its reason', () => {
    expect(verifyRoomToken(secret, 'nonsense', 'room-1', now)).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyRoomToken(secret, 'v0.e30.AAAA', 'room-1', now)).toEqual({ ok: false, reason: 'unsupported-version' });
    expect(verifyRoomToken(secret, 'v1.e30.AAAA', 'room-1', now)).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('refuses a correctly signed body that is not valid claims', () => {
    const body = Buffer.from(JSON.stringify({ room: 'room-1' })).toString('base64url');
    const sig = createHmac('sha256', secret).update(`v1.${body}`).digest('base64url');
    expect(verifyRoomToken(secret, `v1.${body}.${sig}`, 'room-1', now)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('will not sign invalid claims', () => {
    expect(() => signRoomToken(secret, { ...claims, name: '' })).toThrow();
  });
});
