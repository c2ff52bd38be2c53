/**
 * The colours people get, picked to read on the dark theme (as a caret, a label background with
 * dark text, and a translucent selection) and to stay apart from each other in hue.
 */
export const PRESENCE_COLORS = [
  '#ff8a65', // coral
  '#4fc3f7', // sky
  '#aed581', // lime
  '#f06292', // pink
  '#ffd54f', // amber
  '#9575cd', // violet
  '#4db6ac', // teal
  '#e57373', // red
  '#7986cb', // indigo
  '#dce775', // citron
  '#ba68c8', // orchid
  '#81c784', // green
] as const;

/**
 * The colour of a person, the same on every screen and in every session: a hash of the person id
 * (FNV-1a) picks from `PRESENCE_COLORS`.
 */
export function presenceColor(personId: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < personId.length; i++) {
    hash ^= personId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return PRESENCE_COLORS[hash % PRESENCE_COLORS.length] ?? PRESENCE_COLORS[0];
}
