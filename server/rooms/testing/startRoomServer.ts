import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { TRANSPORT_MAX_BYTES } from '../../messageLimits.ts';
import type { RoomStore } from '../../store/RoomStore.ts';
import { attachRooms, type AttachRoomsOptions, type Rooms } from '../attachRooms.ts';
import { SOCKET_PARSER_OPTIONS } from '../../../shared/socket/socketParserOptions.ts';

export interface RoomServer {
  url: string;
  io: Server;
  rooms: Rooms;
  /** Closes the sockets and the HTTP server, then stores what the rooms hold; the store stays open. */
  close(): Promise<void>;
}

/**
 * A Socket.IO server on an ephemeral loopback port serving only the rooms protocol, set up like
 * createServer's (websocket only, the same frame limit), for protocol tests and the durability child.
 */
export async function startRoomServer(store: RoomStore, options: Omit<AttachRoomsOptions, 'store'>, port = 0): Promise<RoomServer> {
  const httpServer = http.createServer((_req, res) => {
    res.writeHead(404);
    res.end();
  });
  const io = new Server(httpServer, { ...SOCKET_PARSER_OPTIONS, transports: ['websocket'], maxHttpBufferSize: TRANSPORT_MAX_BYTES, serveClient: false });
  const rooms = attachRooms(io, { store, ...options });
  await new Promise<void>((resolve) => httpServer.listen(port, '127.0.0.1', resolve));
  const address = httpServer.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    io,
    rooms,
    close: async () => {
      await new Promise<void>((resolve) => {
        io.close(() => resolve());
        httpServer.closeAllConnections();
      });
      await rooms.close();
    },
  };
}
