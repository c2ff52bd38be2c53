/**
 * The reference: y-websocket's own server (2.x, `bin/utils` setupWSConnection, wired exactly as
 * its `bin/server.cjs`, with the `ws` it ships with), in its own process, no persistence. It
 * answers the same IPC commands as roomsBenchPairlaneServer.ts; its rooms are document names
 * that come into being on first connection, so `create` only names them.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo, Socket } from 'node:net';
import { answerBenchCommands } from './roomsBenchCommands.ts';

interface WsServer {
  on(event: 'connection', listener: (conn: unknown, request: http.IncomingMessage) => void): void;
  handleUpgrade(request: http.IncomingMessage, socket: Socket, head: Buffer, done: (conn: unknown) => void): void;
  emit(event: 'connection', conn: unknown, request: http.IncomingMessage): boolean;
  close(): void;
}
interface YWebsocketUtils {
  setupWSConnection(conn: unknown, request: http.IncomingMessage): void;
  docs: Map<string, unknown>;
}

// y-websocket 2.x ships its server as CommonJS and requires its own `ws` (6.x): resolve both from it.
const require = createRequire(import.meta.url);
const utilsPath = require.resolve('y-websocket/bin/utils');
const utils = require(utilsPath) as YWebsocketUtils;
const { Server: WebSocketServer } = createRequire(utilsPath)('ws') as { Server: new (options: { noServer: true }) => WsServer };

const wss = new WebSocketServer({ noServer: true });
const server = http.createServer((_request, response) => {
  response.writeHead(200, { 'Content-Type': 'text/plain' });
  response.end('okay');
});
wss.on('connection', utils.setupWSConnection);
server.on('upgrade', (request: http.IncomingMessage, socket: Socket, head: Buffer) => {
  wss.handleUpgrade(request, socket, head, (conn) => wss.emit('connection', conn, request));
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address() as AddressInfo;

answerBenchCommands(
  { url: `ws://127.0.0.1:${port}` },
  {
    create: (command) => {
      const count = Number(command.rooms);
      const members = Number(command.members);
      return { rooms: Array.from({ length: count }, () => ({ roomId: randomBytes(9).toString('base64url'), tokens: Array.from({ length: members }, () => '') })) };
    },
    status: () => ({ loadedRooms: utils.docs.size }),
  },
  async () => {
    wss.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  },
);
