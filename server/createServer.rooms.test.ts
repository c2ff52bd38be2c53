import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import * as Y from 'yjs';
import type { ClientToServerEvents, SuggestMessage } from '../shared/clientMessage.ts';
import type { DeepEventMessage, DeepStartMessage } from '../shared/deepLane/protocol.ts';
import { PROTOCOL_VERSION } from '../shared/protocolVersion.ts';
import type { RoomEvent } from '../shared/rooms/roomEvent.ts';
import type { ServerToClientEvents, SuggestionBatchMessage, SuggestionDoneMessage, SuggestionErrorMessage } from '../shared/serverMessage.ts';
import { createServer, type PairlaneServer } from './createServer.ts';
import { createLaneProviders, type LaneProviders } from './lanes/createLaneProviders.ts';
import { readLanesConfig } from './lanes/readLanesConfig.ts';
import type { RoomRefusalRecord } from './rooms/Room.ts';
import { connectRoomClient, type RoomTestClient } from './rooms/testing/connectRoomClient.ts';
import { waitForDoc } from './rooms/testing/waitForDoc.ts';
import type { RoomStore } from './store/RoomStore.ts';
import { openFreshPgliteStore } from './store/testing/openFreshPgliteStore.ts';
import { startScriptedModelServer, type ScriptedModelServer } from './testing/scriptedModelServer/startScriptedModelServer.ts';
import { SOCKET_PARSER_OPTIONS } from '../shared/socket/socketParserOptions.ts';

// The rooms as the product serves them: createServer with `rooms` (a real PGlite store) and both AI
// lanes pointed at the scripted model server; real socket.io-clients. The room policy is checked by
// the relay's own handlers, so a person the host turned off gets a typed refusal and the room goes on.

type AiSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
type Answer = SuggestionBatchMessage | SuggestionDoneMessage | SuggestionErrorMessage;

let upstream: ScriptedModelServer;
let providers: LaneProviders;
let store: RoomStore;
let server: PairlaneServer;
const refusals: RoomRefusalRecord[] = [];
const clients: RoomTestClient[] = [];

beforeAll(async () => {
  upstream = await startScriptedModelServer();
  const lanes = readLanesConfig(
    {
      PAIRLANE_FAST_PROVIDER: 'openai-chat',
      PAIRLANE_FAST_BASE_URL: upstream.baseURL,
      PAIRLANE_FAST_MODEL: 'scripted-coder',
      PAIRLANE_DEEP_PROVIDER: 'openai-chat',
      PAIRLANE_DEEP_BASE_URL: upstream.baseURL,
      PAIRLANE_DEEP_MODEL: 'scripted-deep',
    },
    { findLocalModel: () => undefined },
  );
  providers = await createLaneProviders(lanes);
  store = await openFreshPgliteStore();
  server = await createServer({
    host: '127.0.0.1',
    port: 0,
    ai: { lanes, fastProvider: providers.fast, deepProvider: providers.deep },
    rooms: { store, secret: randomBytes(32), onRefused: (record) => refusals.push(record) },
  });
}, 120_000);

afterAll(async () => {
  await server.close();
  await store.close();
  await providers.close();
  await upstream.close();
}, 60_000);

afterEach(() => {
  for (const client of clients.splice(0)) client.close();
  upstream.reset();
});

function roomClient(roomId: string, token: string): RoomTestClient {
  const client = connectRoomClient(server.url, { roomId, token });
  clients.push(client);
  return client;
}

/** The AI half of a room client's connection: its socket, typed for the relay's events, with every answer recorded. */
function aiOf(client: RoomTestClient): { socket: AiSocket; answers: Answer[]; deep: DeepEventMessage[] } {
  const socket = client.socket as unknown as AiSocket;
  const answers: Answer[] = [];
  const deep: DeepEventMessage[] = [];
  socket.on('suggestion-batch', (m) => answers.push(m));
  socket.on('suggestion-done', (m) => answers.push(m));
  socket.on('suggestion-error', (m) => answers.push(m));
  socket.on('deep-event', (m) => deep.push(m));
  return { socket, answers, deep };
}

function suggest(requestId: string): SuggestMessage {
  return { type: 'suggest', requestId, path: 'src/main.ts', language: 'typescript', context: { kind: 'windows', prefix: 'const x = ', suffix: ';\n' }, trigger: 'explicit' };
}

function deepStart(taskId: string): DeepStartMessage {
  return { type: 'deep-start', taskId, instruction: 'Rename x to y everywhere', context: {} };
}

async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function edit(doc: Y.Doc, text: string): void {
  const files = doc.getMap<Y.Text>('files');
  let file = files.get('main.ts');
  if (!file) {
    file = new Y.Text();
    files.set('main.ts', file);
  }
  file.insert(file.length, text);
}

async function eventsOf(roomId: string, kind: RoomEvent['kind']): Promise<RoomEvent[]> {
  return (await store.listEvents(roomId, {})).filter((event) => event.kind === kind);
}

describe('createServer with rooms', () => {
  it('answers a room-create, lets host and guest edit together, and refuses a forged token while the room goes on', async () => {
    const anyone = roomClient('unused', 'unused');
    anyone.emit({ type: 'room-create', requestId: 'c1', hostName: 'Ada', guestName: 'Grace' });
    const created = await anyone.next('room-created');

    const host = roomClient(created.roomId, created.host.token);
    const guest = roomClient(created.roomId, created.guest.token);
    await host.join();
    await guest.join();
    edit(host.doc, 'const a = 1;\n');
    await waitForDoc(guest.doc, () => guest.doc.getMap<Y.Text>('files').get('main.ts')?.toString() === 'const a = 1;\n');

    // A token signed with another key names the same room and role: refused as a bad signature.
    const [claims] = created.guest.token.split('.').slice(1);
    const forged = roomClient(created.roomId, `v1.${claims}.${Buffer.from(randomBytes(32)).toString('base64url')}`);
    await expect(forged.join()).rejects.toThrow('bad-token bad-signature');
    expect(refusals.some((r) => r.roomId === created.roomId && r.code === 'bad-token' && r.reason === 'bad-signature')).toBe(true);

    edit(guest.doc, 'const b = 2;\n');
    await waitForDoc(host.doc, () => host.doc.getMap<Y.Text>('files').get('main.ts')?.toString() === 'const a = 1;\nconst b = 2;\n');
    await guest.sync.whenAcknowledged();
  });

  it("refuses an observer's edit with a typed error, logs it, and the room goes on", async () => {
    const created = await server.rooms!.createRoom({ hostName: 'Ada', observerName: 'Olive' });
    const host = roomClient(created.roomId, created.host.token);
    const observer = roomClient(created.roomId, created.observer.token);
    await host.join();
    await observer.join();

    // An observer's RoomSyncClient never sends; a hand-made update is what a hostile page would send.
    const scratch = new Y.Doc();
    let update: Uint8Array = new Uint8Array();
    scratch.on('update', (u: Uint8Array) => (update = u));
    edit(scratch, 'observer was here');
    const { writeUpdate } = await import('y-protocols/sync');
    const { createEncoder, toUint8Array } = await import('lib0/encoding');
    const encoder = createEncoder();
    writeUpdate(encoder, update);
    const refused = observer.next('room-error');
    observer.emit({ type: 'room-sync', roomId: created.roomId, data: toUint8Array(encoder), ackId: 7 });
    expect(await refused).toMatchObject({ code: 'forbidden', reason: 'observer-read-only', ackId: 7, refused: 'room-sync' });

    edit(host.doc, 'host goes on\n');
    await host.sync.whenAcknowledged();
    expect(host.doc.getMap<Y.Text>('files').get('main.ts')?.toString()).toBe('host goes on\n');
    await until(() => refusals.some((r) => r.roomId === created.roomId && r.reason === 'observer-read-only'), 'the refusal record');
  });

  it("refuses a guest's suggest, quick edit and deep start once the host turned the guest's AI off, and logs each in the room", async () => {
    const created = await server.rooms!.createRoom({ hostName: 'Ada', guestName: 'Grace' });
    const host = roomClient(created.roomId, created.host.token);
    const guest = roomClient(created.roomId, created.guest.token);
    await host.join();
    await guest.join();
    const guestAi = aiOf(guest);

    // Allowed by the room's default (fast): the relay asks the model.
    upstream.enqueue({ text: '42' });
    guestAi.socket.emit('suggest', suggest('s1'));
    await until(() => guestAi.answers.some((a) => a.requestId === 's1' && a.type === 'suggestion-done'), 'the first suggestion');
    expect(upstream.requests).toHaveLength(1);

    // The default does not include the deep lane: refused before any model call.
    guestAi.socket.emit('deep-start', deepStart('d1'));
    await until(() => guestAi.deep.some((m) => m.taskId === 'd1'), 'the deep refusal');
    expect(guestAi.deep.find((m) => m.taskId === 'd1')?.event).toMatchObject({ kind: 'failed', status: 'ai-off', message: 'The host has not given you the deep lane in this room.' });

    host.emit({ type: 'room-policy', roomId: created.roomId, change: { kind: 'set-ai', personId: created.guest.personId, ai: 'off' } });
    await guest.next('room-policy-state');

    guestAi.socket.emit('suggest', suggest('s2'));
    guestAi.socket.emit('quick-edit', { type: 'quick-edit', requestId: 'q1', path: 'src/main.ts', text: 'const x = 1;\n', selection: { start: 0, end: 5 }, instruction: 'use let', turns: [] });
    await until(() => guestAi.answers.filter((a) => a.type === 'suggestion-error').length === 2, 'two refusals');
    for (const requestId of ['s2', 'q1']) {
      expect(guestAi.answers.find((a) => a.requestId === requestId)).toEqual({
        type: 'suggestion-error',
        requestId,
        code: 'ai-off',
        message: 'The host has turned AI off for you in this room.',
      });
    }
    expect(upstream.requests).toHaveLength(1);

    // The host's own lane follows the host's policy, untouched: the room goes on.
    const hostAi = aiOf(host);
    upstream.enqueue({ text: '7' });
    hostAi.socket.emit('suggest', suggest('h1'));
    await until(() => hostAi.answers.some((a) => a.requestId === 'h1' && a.type === 'suggestion-done'), "the host's suggestion");

    await until(() => refusals.filter((r) => r.roomId === created.roomId && r.code === 'forbidden').length >= 3, 'the refusal records');
    // The room's log keeps each refusal with the person it was about (written behind the answer).
    const logged = await (async () => {
      for (let attempt = 0; attempt < 100; attempt++) {
        const events = await eventsOf(created.roomId, 'refused');
        if (events.length >= 3) return events;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return eventsOf(created.roomId, 'refused');
    })();
    expect(logged.map((event) => event.personId)).toEqual([created.guest.personId, created.guest.personId, created.guest.personId]);
  });

  it("serves the host's event log over HTTP on the same port, and refuses a guest's token", async () => {
    const created = await server.rooms!.createRoom({ hostName: 'Ada', guestName: 'Grace' });
    const host = roomClient(created.roomId, created.host.token);
    await host.join();
    const asHost = await fetch(`${server.url}/api/rooms/${created.roomId}/log`, { headers: { Authorization: `Bearer ${created.host.token}` } });
    expect(asHost.status).toBe(200);
    const page = (await asHost.json()) as { events: RoomEvent[] };
    expect(page.events.some((event) => event.kind === 'join' && event.personId === created.host.personId)).toBe(true);
    const asGuest = await fetch(`${server.url}/api/rooms/${created.roomId}/log`, { headers: { Authorization: `Bearer ${created.guest.token}` } });
    expect(asGuest.status).toBe(403);
  });

  it('leaves a connection in no room unlimited by any room policy', async () => {
    const loner = roomClient('unused', 'unused');
    const ai = aiOf(loner);
    upstream.enqueue({ text: '1' });
    ai.socket.emit('suggest', suggest('free'));
    await until(() => ai.answers.some((a) => a.requestId === 'free' && a.type === 'suggestion-done'), 'the suggestion');
  });

  it('refuses room events as unknown when the server has no rooms', async () => {
    const bare = await createServer({ host: '127.0.0.1', port: 0 });
    try {
      const socket: AiSocket = connect(bare.url, { ...SOCKET_PARSER_OPTIONS, transports: ['websocket'], auth: { protocolVersion: PROTOCOL_VERSION }, reconnection: false, forceNew: true });
      const error = new Promise<{ code: string; refused?: string }>((resolve) => socket.on('error', resolve));
      (socket.emit as (event: string, payload: unknown) => void)('room-create', { type: 'room-create', requestId: 'x', hostName: 'Ada' });
      expect(await error).toMatchObject({ refused: 'room-create' });
      socket.disconnect();
    } finally {
      await bare.close();
    }
  });
});
