/**
 * The last `maxChars` characters of `text` before the cursor. When it must cut, it cuts at a
 * line start if one lies in the first quarter of the window, so the model never sees half a
 * line at the top (it tends to "complete" that instead), and never splits a surrogate pair.
 */
export function trimPrefixWindow(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  if (maxChars <= 0) return '';
  let start = text.length - maxChars;
  const lineStart = text.indexOf('\n', start - 1);
  if (lineStart !== -1 && lineStart + 1 - start <= maxChars / 4) start = lineStart + 1;
  else if (isLowSurrogate(text.charCodeAt(start))) start += 1;
  return text.slice(start);
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
