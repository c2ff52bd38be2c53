/** Lines compared one by one beyond which the middle of a change is counted as replaced wholesale. */
const MAX_COMPARED_CELLS = 4_000_000;

/**
 * Lines added and removed between two texts, as a line diff would count them: the common start
 * and end are trimmed, then the longest common subsequence of the middle is kept. A middle too
 * large to compare (over {@link MAX_COMPARED_CELLS} pairs) counts as all removed and all added,
 * which overstates but never understates a change.
 */
export function countLineChanges(before: string, after: string): { added: number; removed: number } {
  const a = splitLines(before);
  const b = splitLines(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const n = endA - start;
  const m = endB - start;
  if (n === 0 || m === 0 || n * m > MAX_COMPARED_CELLS) return { added: m, removed: n };
  // One row of the LCS table at a time.
  let previous = new Uint32Array(m + 1);
  let current = new Uint32Array(m + 1);
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      current[j] = a[start + i - 1] === b[start + j - 1] ? (previous[j - 1] ?? 0) + 1 : Math.max(previous[j] ?? 0, current[j - 1] ?? 0);
    }
    [previous, current] = [current, previous];
  }
  const common = previous[m] ?? 0;
  return { added: m - common, removed: n - common };
}

function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}
