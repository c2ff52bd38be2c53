import { oneFrameParser } from './oneFrameParser.ts';

/**
 * Spread into the options of every Socket.IO server and client Pairlane creates
 * (`new Server(http, { ...SOCKET_PARSER_OPTIONS, ... })`, `io(url, { ...SOCKET_PARSER_OPTIONS, ... })`):
 * both ends must agree on the parser, and one constant keeps a new connection from forgetting it.
 */
export const SOCKET_PARSER_OPTIONS = { parser: oneFrameParser } as const;
