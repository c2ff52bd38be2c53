/**
 * The relay of `npm run bench:transport`, in its own process: every message one client sends goes
 * to every other connected client, over a bare `ws` server, over Socket.IO configured as
 * Pairlane's server is (websocket only, the one-frame parser), or over that Socket.IO server with
 * the keystroke taken below it as the rooms take it ("rooms"). Tells the parent its port over IPC.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket } from 'socket.io';
import { WebSocketServer } from 'ws';
import { SOCKET_PARSER_OPTIONS } from '../shared/socket/socketParserOptions.ts';
import { compactFrameOf, takeCompactEvents, writeFrame } from '../server/rooms/takeCompactEvents.ts';

const kind = process.argv[2];
const http = createServer();
if (kind === 'socket.io') {
  const io = new Server(http, { ...SOCKET_PARSER_OPTIONS, transports: ['websocket'], serveClient: false });
  const sockets = new Set<Socket>();
  io.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('disconnect', () => sockets.delete(socket));
    // One emit per other member, as a room sends a keystroke on.
    socket.on('room-sync', (message: unknown) => {
      for (const other of sockets) if (other !== socket) other.emit('room-sync', message);
    });
  });
} else if (kind === 'rooms') {
  const io = new Server(http, { ...SOCKET_PARSER_OPTIONS, transports: ['websocket'], serveClient: false });
  const sockets = new Set<Socket>();
  io.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('disconnect', () => sockets.delete(socket));
    // As a room relays a keystroke: taken below Socket.IO, sent on without the ackId, encoded once.
    takeCompactEvents(socket, (event, [message]) => {
      const { roomId, data } = message as { roomId: string; data: Uint8Array };
      const frame = event === 'room-sync' ? compactFrameOf({ type: 'room-sync', roomId, data }) : undefined;
      if (frame) for (const other of sockets) if (other !== socket) writeFrame(other, frame);
    });
  });
} else if (kind === 'ws') {
  const wss = new WebSocketServer({ server: http });
  wss.on('connection', (ws) => {
    ws.on('message', (data, isBinary) => {
      for (const other of wss.clients) if (other !== ws) other.send(data, { binary: isBinary });
    });
  });
} else {
  throw new Error(`unknown relay "${kind}"`);
}
http.listen(0, '127.0.0.1', () => process.send?.({ port: (http.address() as AddressInfo).port }));
process.on('disconnect', () => process.exit(0));
