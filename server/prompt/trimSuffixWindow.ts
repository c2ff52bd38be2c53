/**
 * The first `maxChars` characters of `text` after the cursor. When it must cut, it cuts after a
 * line end if one lies in the last quarter of the window, and never splits a surrogate pair.
 */
export function trimSuffixWindow(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  if (maxChars <= 0) return '';
  let end = maxChars;
  const lineEnd = text.lastIndexOf('\n', end - 1);
  if (lineEnd !== -1 && end - (lineEnd + 1) <= maxChars / 4) end = lineEnd + 1;
  else if (isHighSurrogate(text.charCodeAt(end - 1))) end -= 1;
  return text.slice(0, end);
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
