import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ROOM_POLICY } from '../../shared/rooms/roomPolicy.ts';
import { RoomLogError, RoomLogPage, RoomNotesResponse } from '../../shared/rooms/replay/roomLogApi.ts';
import type { RoomStore } from '../store/RoomStore.ts';
import { openFreshPgliteStore } from '../store/testing/openFreshPgliteStore.ts';
import { crossOriginHeaders } from '../crossOriginHeaders.ts';
import { roomLogRoutes } from './roomLogRoutes.ts';
import { signRoomToken } from './roomToken.ts';

const secret = new TextEncoder().encode('a test secret that is long enough to sign');
const NOW = Date.UTC(2026, 10, 21, 10, 0, 0);
const ROOM = 'room-A';

function token(role: 'host' | 'guest' | 'observer', room = ROOM, exp = NOW / 1000 + 3600): string {
  return signRoomToken(secret, { room, role, sub: `p-${role}`, name: role, iat: NOW / 1000 - 10, exp });
}

let store: RoomStore;
let server: http.Server;
let base: string;

beforeAll(async () => {
  store = await openFreshPgliteStore();
  await store.createRoom({ id: ROOM, createdAt: NOW - 60_000, hostId: 'p-host', hostName: 'Hana', policy: DEFAULT_ROOM_POLICY });
  for (let i = 0; i < 25; i++) {
    await store.appendEvent({ roomId: ROOM, at: NOW - 50_000 + Math.floor(i / 2) * 1000, personId: i % 2 ? 'p-guest' : 'p-host', kind: i % 5 === 0 ? 'join' : 'edit', payload: { i } });
  }
  await store.writeNotes(ROOM, 'Strong on tests.', NOW - 1000);
  const routes = roomLogRoutes({ store, secret, now: () => NOW });
  server = http.createServer((req, res) => {
    if (routes(req, res)) return;
    res.writeHead(404);
    res.end('not ours');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // A fresh PGlite folder is copied from a template built once (initdb in WebAssembly: slow on a busy machine).
}, 120_000);

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await store.close();
}, 60_000);

function get(path: string, bearer?: string, method = 'GET'): Promise<Response> {
  return fetch(`${base}${path}`, { method, headers: bearer === undefined ? {} : { Authorization: `Bearer ${bearer}` } });
}

describe('roomLogRoutes', () => {
  it('pages through the whole log for the host, oldest first, with no-store and cross-origin headers', async () => {
    const seen: number[] = [];
    let after = '';
    let pages = 0;
    for (;;) {
      const response = await get(`/api/rooms/${ROOM}/log?limit=10${after}`, token('host'));
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      for (const [name, value] of Object.entries(crossOriginHeaders)) expect(response.headers.get(name)).toBe(value);
      const page = RoomLogPage.parse(await response.json());
      pages++;
      expect(page.room).toEqual({ createdAt: NOW - 60_000, hostId: 'p-host', hostName: 'Hana' });
      seen.push(...page.events.map((event) => (event.payload as { i: number }).i));
      if (!page.next) break;
      after = `&after=${page.next.at}:${page.next.seq}`;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => i));
  });

  it('serves the notes to the host', async () => {
    const response = await get(`/api/rooms/${ROOM}/notes`, token('host'));
    expect(response.status).toBe(200);
    expect(RoomNotesResponse.parse(await response.json())).toEqual({ roomId: ROOM, text: 'Strong on tests.', updatedAt: NOW - 1000 });
  });

  it('refuses guests and observers with 403 and a typed reason', async () => {
    for (const role of ['guest', 'observer'] as const) {
      for (const what of ['log', 'notes']) {
        const response = await get(`/api/rooms/${ROOM}/${what}`, token(role));
        expect(response.status).toBe(403);
        expect(response.headers.get('cache-control')).toBe('no-store');
        const error = RoomLogError.parse(await response.json());
        expect(error.code).toBe('forbidden');
        expect(error.reason).toBe('host-only');
        expect(error.message).toMatch(/Only the host/);
      }
    }
  });

  it('answers 401 for a missing, forged, expired or other-room token', async () => {
    const cases: Array<[string | undefined, string, string]> = [
      [undefined, 'no-token', 'no-token'],
      ['v1.abc', 'bad-token', 'malformed'],
      [`${token('host').slice(0, -3)}AAA`, 'bad-token', 'bad-signature'],
      [token('host', ROOM, NOW / 1000 - 1), 'bad-token', 'expired'],
      [token('host', 'room-B'), 'bad-token', 'other-room'],
    ];
    for (const [bearer, code, reason] of cases) {
      const response = await get(`/api/rooms/${ROOM}/log`, bearer);
      expect(response.status, `${code} ${reason}`).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(RoomLogError.parse(await response.json())).toMatchObject({ code, reason });
    }
  });

  it('refuses a bad cursor or limit, another method, and answers 404 for a room that does not exist', async () => {
    for (const query of ['after=12', 'after=a:b', 'limit=0', 'limit=1001', 'limit=-3', 'limit=2.5']) {
      const response = await get(`/api/rooms/${ROOM}/log?${query}`, token('host'));
      expect(response.status, query).toBe(400);
      expect(RoomLogError.parse(await response.json()).code).toBe('invalid-request');
    }
    const post = await get(`/api/rooms/${ROOM}/log`, token('host'), 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET');
    const missing = await get('/api/rooms/room-Z/log', token('host', 'room-Z'));
    expect(missing.status).toBe(404);
    expect(RoomLogError.parse(await missing.json()).code).toBe('room-not-found');
  });

  it('leaves every other path to the next handler', async () => {
    for (const path of ['/api/rooms/room-A', '/api/rooms/room-A/log/x', '/healthz', '/']) {
      const response = await get(path, token('host'));
      expect(response.status, path).toBe(404);
      expect(await response.text()).toBe('not ours');
    }
  });
});
