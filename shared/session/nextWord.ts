/**
 * The part of `text` that "accept word" (Ctrl/Cmd+→) takes: a line break with the next line's
 * indentation, or spaces and tabs followed by one run of word characters or one run of
 * punctuation. Never empty for non-empty text.
 */
export function nextWord(text: string): string {
  const match = /^(?:\r?\n[ \t]*|[ \t]*(?:[\p{L}\p{N}_$]+|[^\s\p{L}\p{N}_$]+)?)/u.exec(text);
  const word = match?.[0] ?? '';
  return word === '' ? text.slice(0, 1) : word;
}
