/**
 * Browsers, workers and Node all have TextEncoder and TextDecoder, but shared/'s `ES2022` lib
 * does not declare them (they belong to the DOM and Node typings): this names the part we use.
 */
interface TextCodecGlobals {
  TextEncoder: new () => { encode(input: string): Uint8Array; encodeInto(input: string, into: Uint8Array): { read: number; written: number } };
  TextDecoder: new (label: 'utf-8', options: { fatal: boolean }) => { decode(input: Uint8Array): string };
}

const globals = globalThis as unknown as TextCodecGlobals;
const encoder = new globals.TextEncoder();
// fatal: a malformed sequence throws instead of turning into U+FFFD, so a damaged frame is refused.
const decoder = new globals.TextDecoder('utf-8', { fatal: true });

/** UTF-8 with the platform's native codecs, on both sides. `decode` throws on malformed input. */
export const utf8 = {
  encode: (text: string): Uint8Array => encoder.encode(text),
  /** Writes as much of `text` as fits into `into`: `read` UTF-16 units of it, as `written` bytes. */
  encodeInto: (text: string, into: Uint8Array): { read: number; written: number } => encoder.encodeInto(text, into),
  decode: (bytes: Uint8Array): string => decoder.decode(bytes),
};
