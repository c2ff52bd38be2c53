/** Terminal colour and cursor codes (ESC [ … letter). Built from the char code: a literal ESC in a regex reads as a typo. */
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*[A-Za-z]`, 'g');

/** Removes terminal colour codes: results are plain text wherever they are shown. */
export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}
