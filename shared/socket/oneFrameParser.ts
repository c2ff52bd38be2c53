import { OneFrameDecoder } from './OneFrameDecoder.ts';
import { OneFrameEncoder } from './OneFrameEncoder.ts';

/**
 * The Socket.IO parser Pairlane speaks (the `parser` option of `new Server` and of `io`): stock
 * socket.io-parser for text, one binary frame for a message with binary (see `ONE_FRAME_LAYOUT`).
 * Both ends must use it: a stock client can send binary to a server using it, but cannot read the
 * packed frames it gets back. Pass it through `SOCKET_PARSER_OPTIONS` so no end forgets it.
 */
export const oneFrameParser = { Encoder: OneFrameEncoder, Decoder: OneFrameDecoder } as const;
