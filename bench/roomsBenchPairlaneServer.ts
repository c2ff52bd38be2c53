/**
 * The Pairlane rooms server under test, in its own process: a Socket.IO server set up as
 * createServer's (websocket only, the same frame limit) with the rooms attached as docs/ROOMS.md
 * "Wiring" shows, over the real PGlite store in a fresh data folder, with the real token secret.
 * The benchmark asks it over IPC to create rooms (answered with real invite tokens), for its
 * memory after a full collection, and for its CPU time.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { rm } from 'node:fs/promises';
import { Server } from 'socket.io';
import { TRANSPORT_MAX_BYTES } from '../server/messageLimits.ts';
import { attachRooms } from '../server/rooms/attachRooms.ts';
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

const httpServer = http.createServer((_req, res) => {
  res.writeHead(404);
  res.end();
});
const io = new Server(httpServer, { transports: ['websocket'], maxHttpBufferSize: TRANSPORT_MAX_BYTES, serveClient: false });
const refusals = new Map<string, number>();
const rooms = attachRooms(io, {
  store,
  secret,
  // Counted, not logged: the benchmark reports them (a run with refusals measured something else).
  onRefused: (record) => refusals.set(`${record.refused}:${record.code}`, (refusals.get(`${record.refused}:${record.code}`) ?? 0) + 1),
});
await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
const { port } = httpServer.address() as AddressInfo;

answerBenchCommands(
  { url: `http://127.0.0.1:${port}`, backend: store.backend },
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
    status: () => ({ loadedRooms: rooms.registry.loaded, connections: io.engine.clientsCount, refusals: Object.fromEntries(refusals) }),
  },
  async () => {
    await new Promise<void>((resolve) => {
      io.close(() => resolve());
      httpServer.closeAllConnections();
    });
    await rooms.close();
    await store.close();
    await rm(dataDir, { recursive: true, force: true });
  },
);
