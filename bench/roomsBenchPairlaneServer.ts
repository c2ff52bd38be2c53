/**
 * The Pairlane server under test, in its own process: the app's own server (createServer, with
 * its rooms option as main wires it; the AI lanes off, no client files) over the real PGlite store
 * in a fresh data folder, with the real token secret. The benchmark asks it over IPC to create
 * rooms (answered with real invite tokens), for its memory after a full collection, its CPU time
 * and its event-loop delay.
 */
import { rm } from 'node:fs/promises';
import { createServer } from '../server/createServer.ts';
import { loadRoomSecret } from '../server/rooms/loadRoomSecret.ts';
import { dataDirFrom } from '../server/store/dataDirFrom.ts';
import { openRoomStore } from '../server/store/openRoomStore.ts';
import { freshPgliteDataDir } from '../server/store/testing/freshPgliteDataDir.ts';
import { answerBenchCommands } from './roomsBenchCommands.ts';

// A fresh, migrated PGlite folder (copied from a template: initdb takes seconds), opened the way main does.
const dataDir = await freshPgliteDataDir();
const env: NodeJS.ProcessEnv = { ...process.env, PAIRLANE_DATA_DIR: dataDir, DATABASE_URL: '', PAIRLANE_SECRET: '' };
const store = await openRoomStore(env);
const secret = await loadRoomSecret(env, dataDirFrom(env));
const refusals = new Map<string, number>();
const server = await createServer({
  host: '127.0.0.1',
  port: 0,
  rooms: {
    store,
    secret,
    // Counted, not logged: the benchmark reports them (a run with refusals measured something else).
    onRefused: (record) => refusals.set(`${record.refused}:${record.code}`, (refusals.get(`${record.refused}:${record.code}`) ?? 0) + 1),
  },
});
const rooms = server.rooms;
if (!rooms) throw new Error('createServer did not attach the rooms');

answerBenchCommands(
  { url: server.url, backend: store.backend },
  {
    /** `rooms` new rooms, each with `members` invites (the host's first, then guests). */
    create: async (command) => {
      const count = Number(command.rooms);
      const members = Number(command.members);
      const created: Array<{ roomId: string; tokens: string[] }> = [];
      for (let i = 0; i < count; i++) {
        const room = await rooms.createRoom({ hostName: 'Host' });
        const tokens = [room.host.token];
        for (let m = 1; m < members; m++) tokens.push(rooms.invite(room.roomId, 'guest', `Guest ${m}`).token);
        created.push({ roomId: room.roomId, tokens });
      }
      return { rooms: created };
    },
    status: () => ({ loadedRooms: rooms.registry.loaded, connections: server.io.engine.clientsCount, refusals: Object.fromEntries(refusals) }),
  },
  async () => {
    await server.close();
    await store.close();
    await rm(dataDir, { recursive: true, force: true });
  },
);
