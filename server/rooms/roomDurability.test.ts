import { spawn, type ChildProcess } from 'node:child_process';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { RoomServerMessage } from '../../shared/roomMessage.ts';
import { freshPgliteDataDir } from '../store/testing/freshPgliteDataDir.ts';
import { startTestPostgres, type TestPostgres } from '../store/testing/startTestPostgres.ts';
import { connectRoomClient, type RoomTestClient } from './testing/connectRoomClient.ts';
import { waitForDoc } from './testing/waitForDoc.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const serverMain = path.join(here, 'testing', 'roomServerMain.ts');

interface Child {
  process: ChildProcess;
  url: string;
}

/** Starts the room server in a child process and waits for its URL. */
function startChild(env: NodeJS.ProcessEnv): Promise<Child> {
  // node itself, with tsx as a loader: the process we SIGKILL is the server (the tsx CLI would
  // run it as a grandchild that outlives the kill).
  const child = spawn(process.execPath, ['--import', 'tsx', serverMain], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.once('line', (line) => resolve({ process: child, url: (JSON.parse(line) as { url: string }).url }));
    child.once('exit', (code) => reject(new Error(`the room server exited (${code}) before it was ready`)));
  });
}

function killed(child: Child): Promise<void> {
  return new Promise((resolve) => {
    child.process.once('exit', () => resolve());
    child.process.kill('SIGKILL');
  });
}

const lineOf = (i: number) => `edit ${i}\n`;
const textOf = (doc: Y.Doc) => doc.getMap<Y.Text>('files').get('main.ts')?.toString() ?? '';

/**
 * Types one line per edit into a shared file; remembers, for every update sent, how many lines it
 * covers, so an ack says exactly which lines the server promised to keep.
 */
function typist(client: RoomTestClient) {
  let typed = 0;
  let acknowledged = 0;
  const linesAtAck = new Map<number, number>();
  client.socket.onAnyOutgoing((event: string, payload: { ackId?: number }) => {
    if (event === 'room-sync' && payload.ackId !== undefined) linesAtAck.set(payload.ackId, typed);
  });
  client.socket.on('room-ack', (message: Extract<RoomServerMessage, { type: 'room-ack' }>) => {
    acknowledged = Math.max(acknowledged, linesAtAck.get(message.ackId) ?? 0);
  });
  const files = client.doc.getMap<Y.Text>('files');
  return {
    type(): void {
      let text = files.get('main.ts');
      if (!text) {
        text = new Y.Text();
        files.set('main.ts', text);
      }
      text.insert(text.length, lineOf(typed));
      typed++;
    },
    get typed() {
      return typed;
    },
    get acknowledged() {
      return acknowledged;
    },
  };
}

async function killMidSessionAndRestart(env: NodeJS.ProcessEnv): Promise<void> {
  let child = await startChild(env);
  const creator = connectRoomClient(child.url, { roomId: 'none', token: 'none' });
  creator.emit({ type: 'room-create', requestId: 'durability', hostName: 'Ada' });
  const room = await creator.next('room-created');
  creator.close();

  const host = connectRoomClient(child.url, { roomId: room.roomId, token: room.host.token });
  await host.join();
  await host.sync.whenAcknowledged();
  const keys = typist(host);

  // Type steadily, and kill the server once some edits are acknowledged and more are in flight.
  await new Promise<void>((resolve) => {
    const tick = (): void => {
      keys.type();
      if (keys.acknowledged >= 40 && keys.typed - keys.acknowledged > 0) resolve();
      else setImmediate(tick);
    };
    tick();
  });
  await killed(child);
  const acknowledged = keys.acknowledged;
  // Still typing while the server is down.
  for (let i = 0; i < 10; i++) keys.type();
  const typed = keys.typed;
  expect(typed).toBeGreaterThan(acknowledged);
  console.log(`durability (${env.DATABASE_URL ? 'postgres' : 'pglite'}): ${acknowledged} of ${typed - 10} lines acknowledged when the server was killed; 10 typed while it was down`);

  child = await startChild(env);
  try {
    // A newcomer sees every acknowledged edit: the store kept what it promised.
    const newcomer = connectRoomClient(child.url, { roomId: room.roomId, token: room.guest.token });
    await newcomer.join();
    await waitForDoc(newcomer.doc, () => textOf(newcomer.doc).split('\n').length > acknowledged, 10_000, () => `(has ${textOf(newcomer.doc).split('\n').length - 1} lines)`);
    const kept = textOf(newcomer.doc);
    for (let i = 0; i < acknowledged; i++) expect(kept).toContain(lineOf(i));

    // The typist reconnects with its own document: what was never acknowledged, and what it typed
    // offline, is merged too. Nothing is lost.
    host.close();
    const back = connectRoomClient(child.url, { roomId: room.roomId, token: room.host.token }, host.doc);
    await back.join();
    await back.sync.whenAcknowledged();
    const everything = Array.from({ length: typed }, (_, i) => lineOf(i)).join('');
    await waitForDoc(newcomer.doc, () => textOf(newcomer.doc) === everything, 10_000);
    back.close();
    newcomer.close();
  } finally {
    await killed(child);
  }
}

describe('a room server killed mid-session loses no acknowledged edit', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  }, 60_000);

  it('on PGlite', async () => {
    const dataDir = await freshPgliteDataDir();
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    await killMidSessionAndRestart({ PAIRLANE_DATA_DIR: dataDir, DATABASE_URL: '', PAIRLANE_SECRET: '' });
  }, 120_000);

  it('on PostgreSQL', async (context) => {
    const postgres: TestPostgres = await startTestPostgres();
    if (!postgres.available) {
      context.skip(postgres.reason);
      return;
    }
    cleanups.push(() => postgres.stop());
    const dataDir = await freshPgliteDataDir();
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    // The data folder still holds the token secret; the document lives in PostgreSQL.
    await killMidSessionAndRestart({ PAIRLANE_DATA_DIR: dataDir, DATABASE_URL: postgres.url, PAIRLANE_SECRET: '' });
  }, 120_000);
});
