import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { PersonId, RoomRole } from '../../shared/rooms/roomPolicy.ts';

/**
 * Room access tokens: `v1.<claims>.<signature>`, where `claims` is base64url JSON and `signature`
 * is base64url HMAC-SHA256 over `v1.<claims>` with the server's secret. No accounts: whoever holds
 * a token is the person it names, in the room it names, with its role, until it expires. The
 * secret never leaves the server; clients treat a token as opaque.
 */

const VERSION = 'v1';

/** The bounds on a display name. */
export const PERSON_NAME_MAX_CHARS = 64;

export const RoomTokenClaims = z.object({
  /** Room id. */
  room: z.string().min(1).max(64),
  role: RoomRole,
  /** Person id: stable across this person's connections. */
  sub: PersonId,
  name: z.string().min(1).max(PERSON_NAME_MAX_CHARS),
  /** Issued at and expiry, epoch seconds. */
  iat: z.number().int().nonnegative(),
  exp: z.number().int().nonnegative(),
});
export type RoomTokenClaims = z.infer<typeof RoomTokenClaims>;

/** Why a token is refused. */
export type TokenRefusal = 'malformed' | 'unsupported-version' | 'bad-signature' | 'expired' | 'other-room';

export type TokenCheck = { ok: true; claims: RoomTokenClaims } | { ok: false; reason: TokenRefusal };

function signature(secret: Uint8Array, signed: string): Buffer {
  return createHmac('sha256', secret).update(signed).digest();
}

/** Signs `claims` (validated first: a token we issue is one we would accept). */
export function signRoomToken(secret: Uint8Array, claims: RoomTokenClaims): string {
  const body = Buffer.from(JSON.stringify(RoomTokenClaims.parse(claims))).toString('base64url');
  const signed = `${VERSION}.${body}`;
  return `${signed}.${signature(secret, signed).toString('base64url')}`;
}

/**
 * Checks a token for `roomId` at `nowMs`: well-formed, signed with `secret` (compared in constant
 * time), not expired, for this room. The signature is checked before the claims are trusted at all.
 */
export function verifyRoomToken(secret: Uint8Array, token: string, roomId: string, nowMs: number = Date.now()): TokenCheck {
  const parts = token.split('.');
  if (parts.length !== 3) return { ok: false, reason: 'malformed' };
  const [version, body, sent] = parts as [string, string, string];
  if (version !== VERSION) return { ok: false, reason: 'unsupported-version' };
  const expected = signature(secret, `${version}.${body}`);
  const given = Buffer.from(sent, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad-signature' };
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const claims = RoomTokenClaims.safeParse(json);
  if (!claims.success) return { ok: false, reason: 'malformed' };
  if (claims.data.exp * 1000 <= nowMs) return { ok: false, reason: 'expired' };
  if (claims.data.room !== roomId) return { ok: false, reason: 'other-room' };
  return { ok: true, claims: claims.data };
}
