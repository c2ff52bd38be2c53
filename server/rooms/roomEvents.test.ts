import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { AiAttribution } from '../../shared/rooms/aiAttribution.ts';
import { REPORTED_EVENT_LIMITS, type ReportedRoomEvent } from '../../shared/rooms/reportedRoomEvent.ts';
import type { RoomEvent } from '../../shared/rooms/roomEvent.ts';
import type { RoomStore } from '../store/RoomStore.ts';
import { ManualClock } from '../deep/testing/ManualClock.ts';
import type { RoomRefusalRecord } from './Room.ts';
import { connectRoomClient, type RoomTestClient } from './testing/connectRoomClient.ts';
import { startPgliteRoomServer } from './testing/startPgliteRoomServer.ts';
import type { RoomServer } from './testing/startRoomServer.ts';
import { waitForDoc } from './testing/waitForDoc.ts';

// Client-reported events and AI-attributed edits, through a real Socket.IO server, real clients and a PGlite store.
let store: RoomStore;
let server: RoomServer & { store: RoomStore };
const secret = randomBytes(32);
const clock = new ManualClock();
clock.advance(Date.now());
const refusals: RoomRefusalRecord[] = [];
const clients: RoomTestClient[] = [];

beforeAll(async () => {
  server = await startPgliteRoomServer({ secret, clock, graceMs: 5_000, onRefused: (record) => refusals.push(record) });
  store = server.store;
}, 120_000);
afterAll(() => server.close(), 60_000);
afterEach(() => {
  for (const client of clients.splice(0)) client.close();
});

/** An origin object a test marks as an AI accept, as the page's LocalEditOrigin does. */
class AcceptOrigin {
  constructor(readonly attribution: AiAttribution) {}
}

function client(roomId: string, token: string, doc?: Y.Doc): RoomTestClient {
  const created = connectRoomClient(server.url, { roomId, token }, doc, {
    attributionOf: (origin) => (origin instanceof AcceptOrigin ? origin.attribution : undefined),
  });
  clients.push(created);
  return created;
}

async function newRoom() {
  return server.rooms.createRoom({ hostName: 'Ada', guestName: 'Grace', observerName: 'Olive' });
}

function file(doc: Y.Doc, path = 'main.ts'): Y.Text {
  const files = doc.getMap<Y.Text>('files');
  let text = files.get(path);
  if (!text) {
    text = new Y.Text();
    files.set(path, text);
  }
  return text;
}

async function logOf(roomId: string): Promise<RoomEvent[]> {
  await (await server.rooms.registry.open(roomId))?.settled();
  return store.listEvents(roomId);
}

const events: ReportedRoomEvent[] = [
  { kind: 'run', payload: { runId: 'r1', mode: 'tests', runtime: 'worker' } },
  {
    kind: 'run-result',
    payload: {
      runId: 'r1',
      mode: 'tests',
      status: 'failed',
      durationMs: 120,
      counts: { passed: 4, failed: 1, skipped: 0, todo: 0, total: 5 },
      summary: '4 passed, 1 failed',
      shared: {
        kind: 'tests',
        report: { status: 'failed', files: [], counts: { passed: 4, failed: 1, skipped: 0, todo: 0, total: 5 }, diagnostics: [], durationMs: 120, runtime: 'worker' },
      },
      truncated: ['files'],
    },
  },
  {
    kind: 'ai-request',
    payload: { lane: 'fast', model: 'qwen-coder', requestId: 'q1', outcome: 'accepted', durationMs: 300, timeToFirstTokenMs: 90, tokensIn: 500, tokensOut: 12, fromCache: false, detail: null },
  },
  { kind: 'suggestion-shown', payload: { lane: 'fast', model: 'qwen-coder', requestId: 'q1', chars: 14, lines: 1, path: 'main.ts' } },
  { kind: 'suggestion-accepted', payload: { lane: 'fast', model: 'qwen-coder', requestId: 'q1', chars: 14, partial: false, path: 'main.ts' } },
  { kind: 'suggestion-rejected', payload: { lane: 'quick-edit', model: null, requestId: 'q2', reason: 'dismissed' } },
  { kind: 'paste', payload: { path: 'main.ts', chars: 640, lines: 20 } },
  { kind: 'focus-loss', payload: { durationMs: 4_000, how: 'hidden' } },
];

describe('reported room events', () => {
  it('logs each kind with the verified person and the server’s time, whatever the client claims', async () => {
    const room = await newRoom();
    const guest = client(room.roomId, room.guest.token);
    await guest.join();
    const at = clock.now();
    for (const event of events) guest.emit({ type: 'room-event', roomId: room.roomId, event });
    await expect.poll(async () => (await logOf(room.roomId)).filter((entry) => entry.kind !== 'join').length, { timeout: 10_000 }).toBe(events.length);
    const logged = (await logOf(room.roomId)).filter((entry) => entry.kind !== 'join');
    expect(logged.map((entry) => entry.kind)).toEqual(events.map((event) => event.kind));
    for (const [i, entry] of logged.entries()) {
      expect(entry).toMatchObject({ personId: room.guest.personId, at, payload: events[i]?.payload });
    }

    // A client cannot name the person or the time: such fields are not in the schema, so the message is refused.
    const forged = guest.next('room-error');
    guest.emit({ type: 'room-event', roomId: room.roomId, event: { kind: 'paste', payload: { chars: 300, lines: 3, personId: room.host.personId } } });
    expect(await forged).toMatchObject({ code: 'invalid-message', refused: 'room-event', roomId: room.roomId });
    const time = guest.next('room-error');
    guest.emit({ type: 'room-event', roomId: room.roomId, event: { kind: 'focus-loss', payload: { durationMs: 1, how: 'blur' }, at: 0 } });
    expect(await time).toMatchObject({ code: 'invalid-message' });
    const unknown = guest.next('room-error');
    guest.emit({ type: 'room-event', roomId: room.roomId, event: { kind: 'edit', payload: {} } });
    expect(await unknown).toMatchObject({ code: 'invalid-message' });
    // Each refusal is in the server's log and the room's, and the room goes on.
    expect(refusals.filter((record) => record.roomId === room.roomId && record.refused === 'room-event')).toHaveLength(3);
    await expect.poll(async () => (await logOf(room.roomId)).filter((entry) => entry.kind === 'refused').length).toBe(3);
    guest.emit({ type: 'room-event', roomId: room.roomId, event: { kind: 'paste', payload: { chars: 300, lines: 3 } } });
    await expect.poll(async () => (await logOf(room.roomId)).filter((entry) => entry.kind === 'paste').length).toBe(2);
  });

  it('sends a run and its result to the others in the room, with who ran it', async () => {
    const room = await newRoom();
    const host = client(room.roomId, room.host.token);
    await host.join();
    const guest = client(room.roomId, room.guest.token);
    await guest.join();
    const observer = client(room.roomId, room.observer.token);
    await observer.join();

    const seenByHost = host.next('room-event');
    const seenByObserver = observer.next('room-event');
    guest.emit({ type: 'room-event', roomId: room.roomId, event: events[0] });
    expect(await seenByHost).toMatchObject({ roomId: room.roomId, personId: room.guest.personId, name: 'Grace', at: clock.now(), event: events[0] });
    expect((await seenByObserver).event.kind).toBe('run');
    const result = host.next('room-event');
    guest.emit({ type: 'room-event', roomId: room.roomId, event: events[1] });
    expect((await result).event).toEqual(events[1]);

    // Only runs are the room's: the rest is logged, not sent on; the sender gets no echo.
    guest.emit({ type: 'room-event', roomId: room.roomId, event: events[6] });
    await expect.poll(async () => (await logOf(room.roomId)).some((entry) => entry.kind === 'paste')).toBe(true);
    expect(host.received.filter((message) => message.type === 'room-event')).toHaveLength(2);
    expect(guest.received.filter((message) => message.type === 'room-event')).toHaveLength(0);
  });

  it('refuses with typed reasons: an observer reports nothing, disabled running refuses runs, the AI policy its lanes', async () => {
    const room = await newRoom();
    const host = client(room.roomId, room.host.token);
    await host.join();
    const guest = client(room.roomId, room.guest.token);
    await guest.join();
    const observer = client(room.roomId, room.observer.token);
    await observer.join();

    const observed = observer.next('room-error');
    observer.emit({ type: 'room-event', roomId: room.roomId, event: events[7] });
    expect(await observed).toMatchObject({ code: 'forbidden', reason: 'observer-read-only', refused: 'room-event' });

    // The fast lane is the default; the deep lane is the host's to grant.
    const deep = guest.next('room-error');
    guest.emit({ type: 'room-event', roomId: room.roomId, event: { kind: 'suggestion-shown', payload: { lane: 'deep', model: 'big', requestId: 't1', chars: 10, lines: 1 } } });
    expect(await deep).toMatchObject({ code: 'forbidden', reason: 'deep-lane-off' });

    const state = guest.next('room-policy-state');
    host.emit({ type: 'room-policy', roomId: room.roomId, change: { kind: 'disable-running', disabled: true } });
    await state;
    const run = guest.next('room-error');
    guest.emit({ type: 'room-event', roomId: room.roomId, event: events[0] });
    expect(await run).toMatchObject({ code: 'forbidden', reason: 'running-disabled' });
    const aiOff = guest.next('room-policy-state');
    host.emit({ type: 'room-policy', roomId: room.roomId, change: { kind: 'set-ai', personId: room.guest.personId, ai: 'off' } });
    await aiOff;
    const ai = guest.next('room-error');
    guest.emit({ type: 'room-event', roomId: room.roomId, event: events[2] });
    expect(await ai).toMatchObject({ code: 'forbidden', reason: 'ai-off' });

    // A paste or a focus loss is still the guest's to report, and the host still runs.
    guest.emit({ type: 'room-event', roomId: room.roomId, event: events[7] });
    host.emit({ type: 'room-event', roomId: room.roomId, event: events[0] });
    await expect.poll(async () => (await logOf(room.roomId)).filter((entry) => entry.kind === 'focus-loss' || entry.kind === 'run').length).toBe(2);
    const log = await logOf(room.roomId);
    expect(log.filter((entry) => entry.kind === 'refused').map((entry) => [entry.personId, (entry.payload as { reason: string }).reason])).toEqual([
      [room.observer.personId, 'observer-read-only'],
      [room.guest.personId, 'deep-lane-off'],
      [room.guest.personId, 'running-disabled'],
      [room.guest.personId, 'ai-off'],
    ]);
    expect(log.find((entry) => entry.kind === 'run')?.personId).toBe(room.host.personId);
    expect(guest.received.filter((message) => message.type === 'room-event')).toHaveLength(1);
  });

  it('rate-limits reported events per connection with a typed error; the room goes on', async () => {
    const room = await newRoom();
    const guest = client(room.roomId, room.guest.token);
    await guest.join();
    const refused = guest.next('room-error');
    for (let i = 0; i <= REPORTED_EVENT_LIMITS.burst; i++) guest.emit({ type: 'room-event', roomId: room.roomId, event: events[7] });
    expect(await refused).toMatchObject({ code: 'rate-limited', refused: 'room-event', roomId: room.roomId });
    await expect.poll(async () => (await logOf(room.roomId)).filter((entry) => entry.kind === 'focus-loss').length).toBe(REPORTED_EVENT_LIMITS.burst);
    clock.advance(1_000);
    file(guest.doc).insert(0, 'still editing');
    await guest.sync.whenAcknowledged();
  });

  it('logs text accepted from an AI lane as an edit of its own, after the person’s earlier typing, and checks the lane', async () => {
    const room = await newRoom();
    const host = client(room.roomId, room.host.token);
    await host.join();
    const guest = client(room.roomId, room.guest.token);
    await guest.join();
    const attribution: AiAttribution = { lane: 'fast', model: 'qwen-coder', requestId: 'q7' };

    file(guest.doc).insert(0, 'const a = ');
    file(guest.doc).insert(10, '1');
    guest.doc.transact(() => file(guest.doc).insert(11, ';\nconst b = a + 1;'), new AcceptOrigin(attribution));
    file(guest.doc).insert(file(guest.doc).length, '\n');
    await guest.sync.whenAcknowledged();
    await waitForDoc(host.doc, () => file(host.doc).toString() === 'const a = 1;\nconst b = a + 1;\n');
    clock.advance(2_000);
    const edits = (await logOf(room.roomId)).filter((entry) => entry.kind === 'edit');
    expect(edits.map((entry) => [entry.personId, (entry.payload as { ai?: AiAttribution }).ai ?? null])).toEqual([
      [room.guest.personId, null],
      [room.guest.personId, attribution],
      [room.guest.personId, null],
    ]);
    // Replaying the log in order still rebuilds the file.
    const replayed = new Y.Doc();
    for (const edit of edits) Y.applyUpdate(replayed, Buffer.from((edit.payload as { update: string }).update, 'base64'));
    expect(file(replayed).toString()).toBe('const a = 1;\nconst b = a + 1;\n');
    // The attributed update alone holds exactly the accepted text.
    const alone = new Y.Doc();
    Y.applyUpdate(alone, Buffer.from((edits[0]?.payload as { update: string }).update, 'base64'));
    Y.applyUpdate(alone, Buffer.from((edits[1]?.payload as { update: string }).update, 'base64'));
    expect(file(alone).toString()).toBe('const a = 1;\nconst b = a + 1;');

    // With the deep lane off for the guest, deep-lane text is refused, typed and logged.
    const refused = guest.next('room-error');
    guest.doc.transact(() => file(guest.doc).insert(0, '// deep\n'), new AcceptOrigin({ lane: 'deep', model: 'big', requestId: 't1' }));
    expect(await refused).toMatchObject({ code: 'forbidden', reason: 'deep-lane-off', refused: 'room-sync' });
    await expect.poll(async () => (await logOf(room.roomId)).some((entry) => entry.kind === 'refused' && (entry.payload as { reason?: string }).reason === 'deep-lane-off')).toBe(true);
  });

  it('keeps the attribution of AI text accepted while the connection was down', async () => {
    const room = await newRoom();
    const host = client(room.roomId, room.host.token);
    await host.join();
    const guest = client(room.roomId, room.guest.token);
    await guest.join();
    file(guest.doc).insert(0, 'let x = 1;');
    await guest.sync.whenAcknowledged();

    guest.disconnect();
    const attribution: AiAttribution = { lane: 'quick-edit', model: 'spark', requestId: 'q-off' };
    file(guest.doc).insert(10, '\n// typed offline');
    guest.doc.transact(() => file(guest.doc).insert(file(guest.doc).length, '\nlet y = x * 2;'), new AcceptOrigin(attribution));
    file(guest.doc).insert(file(guest.doc).length, '\n');
    await guest.reconnect();
    await guest.sync.whenAcknowledged();
    await waitForDoc(host.doc, () => file(host.doc).toString() === 'let x = 1;\n// typed offline\nlet y = x * 2;\n');

    clock.advance(2_000);
    const edits = (await logOf(room.roomId)).filter((entry) => entry.kind === 'edit');
    const ai = edits.filter((entry) => (entry.payload as { ai?: AiAttribution }).ai);
    expect(ai.map((entry) => (entry.payload as { ai?: AiAttribution }).ai)).toEqual([attribution]);
    // The attributed update holds the accepted text and nothing typed (it went before the step 2
    // that carries the offline typing it builds on; Yjs holds it until then).
    const texts = Y.decodeUpdate(Buffer.from((ai[0]?.payload as { update: string }).update, 'base64'))
      .structs.flatMap((struct) => (struct instanceof Y.Item && struct.content instanceof Y.ContentString ? [struct.content.str] : []));
    expect(texts.join('')).toBe('\nlet y = x * 2;');
    // Replaying every edit rebuilds the file.
    const replayed = new Y.Doc();
    for (const edit of edits) Y.applyUpdate(replayed, Buffer.from((edit.payload as { update: string }).update, 'base64'));
    expect(file(replayed).toString()).toBe('let x = 1;\n// typed offline\nlet y = x * 2;\n');
  });
});
