/** The lines one change touched in a file, 1-based, in the text after it. */
export interface ChangedLines {
  path: string;
  /** added: the file appeared; removed: it went away (lines are empty); changed: lines differ. */
  kind: 'added' | 'removed' | 'changed';
  /** First and last changed line after the change; `to` < `from` when lines were only deleted (at `from`). */
  from: number;
  to: number;
}

/**
 * Which lines of `path` differ between `before` and `after` (undefined: no such file), as one
 * range between the common leading and trailing lines. One range, not a full diff: an edit event
 * is a couple of seconds of one person's typing, almost always in one place, and the replay only
 * highlights where it happened.
 */
export function changedLines(path: string, before: string | undefined, after: string | undefined): ChangedLines | undefined {
  if (before === after) return undefined;
  if (after === undefined) return { path, kind: 'removed', from: 1, to: 0 };
  const next = after.split('\n');
  if (before === undefined) return { path, kind: 'added', from: 1, to: next.length };
  const previous = before.split('\n');
  let head = 0;
  const shortest = Math.min(previous.length, next.length);
  while (head < shortest && previous[head] === next[head]) head++;
  let tail = 0;
  while (tail < shortest - head && previous[previous.length - 1 - tail] === next[next.length - 1 - tail]) tail++;
  return { path, kind: 'changed', from: head + 1, to: next.length - tail };
}
