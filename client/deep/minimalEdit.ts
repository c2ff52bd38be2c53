/** One replacement in UTF-16 offsets of the old text. */
export interface TextReplacement {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/**
 * The smallest single replacement that turns `current` into `next`: the common start and end are
 * left alone, so applying a file keeps the person's cursor, folds and markers outside the changed
 * region. Null when the texts are equal.
 */
export function minimalEdit(current: string, next: string): TextReplacement | null {
  if (current === next) return null;
  const max = Math.min(current.length, next.length);
  let start = 0;
  while (start < max && current.charCodeAt(start) === next.charCodeAt(start)) start++;
  // Never split a surrogate pair: step back onto its first half.
  if (start > 0 && start < max && isLowSurrogate(current.charCodeAt(start))) start--;
  let tail = 0;
  while (tail < max - start && current.charCodeAt(current.length - 1 - tail) === next.charCodeAt(next.length - 1 - tail)) tail++;
  if (tail > 0 && isLowSurrogate(current.charCodeAt(current.length - tail))) tail--;
  return { start, end: current.length - tail, text: next.slice(start, next.length - tail) };
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
