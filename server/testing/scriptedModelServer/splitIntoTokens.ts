/**
 * Splits text into word-sized pieces the way a tokenizer roughly does: a word or a single
 * punctuation mark with the whitespace before it, or trailing whitespace. Joining the pieces
 * gives back the text exactly.
 */
export function splitIntoTokens(text: string): string[] {
  return text.match(/\s*[\p{L}\p{N}_]+|\s*[^\s\p{L}\p{N}_]|\s+/gu) ?? [];
}
