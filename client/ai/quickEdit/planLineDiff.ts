/** How one original line is drawn: struck out, or (while the answer streams) not yet reached. */
export interface MarkedLine {
  /** 0-based line of the original text. */
  readonly line: number;
  readonly kind: 'removed' | 'pending';
}

/** Proposed lines shown between original lines. */
export interface LineInsert {
  /** The 0-based original line they follow; -1 puts them above the first. */
  readonly afterLine: number;
  readonly lines: readonly string[];
  /** The last of `lines` is still being written (streaming). */
  readonly growing: boolean;
}

/** A line diff of a quick edit, ready to draw: struck-out lines and the lines that replace them. */
export interface LineDiffPlan {
  readonly marked: readonly MarkedLine[];
  readonly inserts: readonly LineInsert[];
  readonly added: number;
  readonly removed: number;
}

/** Beyond this many cells (lines × lines) the diff is not worth computing: the whole text is shown as replaced. */
const MAX_CELLS = 4_000_000;

/**
 * The line diff from `original` to `proposed`, drawn in place: removed lines are marked, added
 * lines are inserted after the original line they follow.
 *
 * While `streaming`, `proposed` is the answer so far. Its last line may be unfinished, and the
 * original lines after the last one the answer has matched are not known to be removed yet: they
 * are `pending`, and what was written since that match is inserted above them, so the new text
 * grows downwards over the old one instead of below all of it.
 */
export function planLineDiff(original: string, proposed: string, streaming: boolean): LineDiffPlan {
  const before = splitLines(original);
  const after = splitLines(proposed);
  // The text after the last newline of a streaming answer is a line still being written.
  let partial = streaming ? (after.pop() ?? null) : null;
  if (partial === '') partial = null;
  const ops = diffLines(before, after);

  // Hunks: runs of removed and added lines between common lines.
  interface Hunk {
    from: number;
    removed: number;
    added: string[];
  }
  const hunks: Hunk[] = [];
  let at = 0;
  let current: Hunk | null = null;
  for (const op of ops) {
    if (op.kind === 'same') {
      current = null;
      at++;
      continue;
    }
    current ??= hunks[hunks.push({ from: at, removed: 0, added: [] }) - 1]!;
    if (op.kind === 'removed') {
      current.removed++;
      at++;
    } else {
      current.added.push(op.text);
    }
  }

  const marked: MarkedLine[] = [];
  const inserts: LineInsert[] = [];
  let added = 0;
  let removed = 0;
  hunks.forEach((hunk, index) => {
    const last = index === hunks.length - 1;
    const trailing = streaming && last && hunk.from + hunk.removed === before.length;
    for (let i = 0; i < hunk.removed; i++) marked.push({ line: hunk.from + i, kind: trailing ? 'pending' : 'removed' });
    if (!trailing) removed += hunk.removed;
    const lines = [...hunk.added];
    if (trailing && partial !== null) {
      lines.push(partial);
      partial = null;
    }
    added += hunk.added.length;
    if (lines.length > 0) {
      const afterLine = trailing ? hunk.from - 1 : hunk.from + hunk.removed - 1;
      inserts.push({ afterLine, lines, growing: trailing && lines.length > hunk.added.length });
    }
  });
  if (partial !== null) {
    // The answer so far matches the original to its end; the unfinished line comes after it.
    inserts.push({ afterLine: before.length - 1, lines: [partial], growing: true });
  }
  return { marked, inserts, added, removed };
}

type LineOp = { readonly kind: 'same' | 'removed' | 'added'; readonly text: string };

function splitLines(text: string): string[] {
  return text === '' ? [] : text.split('\n');
}

/** A shortest line diff (longest common subsequence), removals before additions within a hunk. */
function diffLines(a: readonly string[], b: readonly string[]): LineOp[] {
  // Common head and tail first: most answers keep most lines, so the table stays small.
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const ops: LineOp[] = a.slice(0, head).map((text) => ({ kind: 'same', text }));
  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);
  ops.push(...diffMiddle(midA, midB));
  ops.push(...a.slice(a.length - tail).map((text) => ({ kind: 'same' as const, text })));
  return ops;
}

function diffMiddle(a: readonly string[], b: readonly string[]): LineOp[] {
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0 || (n + 1) * (m + 1) > MAX_CELLS) {
    return [...a.map((text) => ({ kind: 'removed' as const, text })), ...b.map((text) => ({ kind: 'added' as const, text }))];
  }
  // lcs[i][j]: the longest common subsequence of a[i..] and b[j..].
  const width = m + 1;
  const lcs = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * width + j] = a[i] === b[j] ? lcs[(i + 1) * width + j + 1]! + 1 : Math.max(lcs[(i + 1) * width + j]!, lcs[i * width + j + 1]!);
    }
  }
  const ops: LineOp[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      ops.push({ kind: 'same', text: a[i]! });
      i++;
      j++;
    } else if (lcs[(i + 1) * width + j]! >= lcs[i * width + j + 1]!) {
      ops.push({ kind: 'removed', text: a[i]! });
      i++;
    } else {
      ops.push({ kind: 'added', text: b[j]! });
      j++;
    }
  }
  while (i < n) ops.push({ kind: 'removed', text: a[i++]! });
  while (j < m) ops.push({ kind: 'added', text: b[j++]! });
  return ops;
}
