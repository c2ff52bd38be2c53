import { utf8Length } from './utf8Length.ts';

/** The longest prefix of `text` whose UTF-8 encoding fits in `bytes` (never splits a character). */
export function cutToBytes(text: string, bytes: number): string {
  let used = 0;
  let end = 0;
  for (const ch of text) {
    const size = utf8Length(ch);
    if (used + size > bytes) break;
    used += size;
    end += ch.length;
  }
  return text.slice(0, end);
}
