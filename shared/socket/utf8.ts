/**
 * Browsers, workers and Node all have TextEncoder and TextDecoder, but shared/'s `ES2022` lib
 * does not declare them (they belong to the DOM and Node typings): this names the part we use.
 */
interface TextCodecGlobals {
  TextEncoder: new () => { encode(input: string): Uint8Array };
  TextDecoder: new (label: 'utf-8', options: { fatal: boolean }) => { decode(input: Uint8Array): string };
}

const globals = globalThis as unknown as TextCodecGlobals;
const encoder = new globals.TextEncoder();
// fatal: a malformed sequence throws instead of turning into U+FFFD, so a damaged frame is refused.
const decoder = new globals.TextDecoder('utf-8', { fatal: true });

/** UTF-8 with the platform's native codecs, on both sides. `decode` throws on malformed input. */
export const utf8 = {
  encode: (text: string): Uint8Array => encoder.encode(text),
  decode: (bytes: Uint8Array): string => decoder.decode(bytes),
};
