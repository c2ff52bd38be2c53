/**
 * Applies a model's patch to the files it names, all or nothing. Two forms are understood:
 *
 * - a unified diff (`--- a/path`, `+++ b/path`, `@@ -l,c +l,c @@` hunks; `/dev/null` on either
 *   side creates or deletes the file). Hunks are placed by their context and removed lines, not
 *   by their line numbers (models get those wrong): the nearest match to the stated line wins,
 *   and a match that differs only in trailing whitespace is accepted when no exact one exists;
 * - search/replace blocks: a line with the path, `<<<<<<< SEARCH`, the old lines, `=======`, the
 *   new lines, `>>>>>>> REPLACE`. The old lines must occur exactly once; an empty SEARCH creates
 *   the file (or fails when it exists).
 *
 * Pure (no DOM, no Node): the server validates with it, the client applies with it to its staged
 * overlay of the workspace.
 */

/** The new state of one file after a patch. `text` undefined: the file is deleted. */
export interface PatchedFile {
  path: string;
  change: 'added' | 'modified' | 'deleted';
  text: string | undefined;
}

export type ApplyPatchResult =
  | { ok: true; files: PatchedFile[] }
  /** `message` names the file and the hunk (or block) that failed, in words the model can act on. */
  | { ok: false; message: string; path?: string; hunk?: number };

/** Reads a file's current text; undefined when there is no such file. */
export type ReadFile = (path: string) => string | undefined;

export function applyPatch(patch: string, read: ReadFile): ApplyPatchResult {
  const normalized = patch.replace(/\r\n/g, '\n');
  try {
    return /^<{7} SEARCH\s*$/m.test(normalized) ? applySearchReplace(normalized, read) : applyUnifiedDiff(normalized, read);
  } catch (error) {
    if (error instanceof PatchError) return { ok: false, message: error.message, ...(error.path === undefined ? {} : { path: error.path }), ...(error.hunk === undefined ? {} : { hunk: error.hunk }) };
    throw error;
  }
}

class PatchError extends Error {
  constructor(
    message: string,
    readonly path?: string,
    readonly hunk?: number,
  ) {
    super(message);
  }
}

/** A file as lines, remembering whether it ended with a newline. */
interface Lines {
  lines: string[];
  finalNewline: boolean;
}

function toLines(text: string): Lines {
  if (text === '') return { lines: [], finalNewline: false };
  const lines = text.split('\n');
  const finalNewline = lines[lines.length - 1] === '';
  if (finalNewline) lines.pop();
  return { lines, finalNewline };
}

function fromLines({ lines, finalNewline }: Lines): string {
  if (lines.length === 0) return '';
  return lines.join('\n') + (finalNewline ? '\n' : '');
}

/** Files touched so far in this patch, so several hunks or blocks on one file see each other's changes. */
class Staging {
  private readonly staged = new Map<string, string | undefined>();
  private readonly existed = new Map<string, boolean>();

  constructor(private readonly read: ReadFile) {}

  current(path: string): string | undefined {
    if (this.staged.has(path)) return this.staged.get(path);
    const text = this.read(path);
    this.existed.set(path, text !== undefined);
    return text;
  }

  write(path: string, text: string | undefined): void {
    if (!this.existed.has(path)) this.existed.set(path, this.read(path) !== undefined);
    this.staged.set(path, text);
  }

  result(): PatchedFile[] {
    const files: PatchedFile[] = [];
    for (const [path, text] of this.staged) {
      const existed = this.existed.get(path) ?? false;
      if (!existed && text === undefined) continue;
      files.push({ path, text, change: text === undefined ? 'deleted' : existed ? 'modified' : 'added' });
    }
    return files;
  }
}

// ─── Unified diff ─────────────────────────────────────────────────────────────────────────────────

interface Hunk {
  header: string;
  /** The old file's line the hunk says it starts at (1-based), when it says. */
  oldStart: number | undefined;
  /** Context and removed lines, in order: what must be in the file. */
  before: string[];
  /** Context and added lines, in order: what replaces it. */
  after: string[];
  /** "\ No newline at end of file" after the new side's last line. */
  noFinalNewline: boolean;
}

interface FilePatch {
  oldPath: string | undefined;
  newPath: string | undefined;
  hunks: Hunk[];
}

function stripPrefix(raw: string): string | undefined {
  // "--- a/src/x.ts\t2024-01-01 …": the path ends at a tab; a/ and b/ are git's side markers.
  const path = raw.split('\t')[0]?.trim() ?? '';
  if (path === '/dev/null' || path === '') return undefined;
  return path.replace(/^[ab]\//, '').replace(/^\.\//, '');
}

/** Whether the empty line at `i` ends a hunk (only blank lines, a header or the end follow) rather than being an empty context line. */
function endsHunk(lines: readonly string[], i: number): boolean {
  for (let j = i + 1; j < lines.length; j++) {
    const next = lines[j] ?? '';
    if (next === '') continue;
    return next.startsWith('--- ') || next.startsWith('diff ') || next.startsWith('@@');
  }
  return true;
}

function parseUnifiedDiff(patch: string): FilePatch[] {
  const lines = patch.split('\n');
  const files: FilePatch[] = [];
  let file: FilePatch | undefined;
  let hunk: Hunk | undefined;
  let lastSide: 'old' | 'new' | 'both' = 'both';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.startsWith('--- ') && (lines[i + 1] ?? '').startsWith('+++ ')) {
      file = { oldPath: stripPrefix(line.slice(4)), newPath: stripPrefix((lines[i + 1] ?? '').slice(4)), hunks: [] };
      files.push(file);
      hunk = undefined;
      i++;
      continue;
    }
    if (line.startsWith('@@')) {
      if (!file) throw new PatchError(`The patch has a hunk (${line.trim()}) before any "--- a/path" / "+++ b/path" header.`);
      const numbers = /^@@ -(\d+)(?:,\d+)? \+\d+(?:,\d+)? @@/.exec(line);
      hunk = { header: line.trim(), oldStart: numbers ? Number(numbers[1]) : undefined, before: [], after: [], noFinalNewline: false };
      file.hunks.push(hunk);
      continue;
    }
    if (!hunk) continue; // "diff --git", "index …", prose around the diff
    if (line.startsWith('\\')) {
      if (lastSide !== 'old') hunk.noFinalNewline = true;
      continue;
    }
    const marker = line[0];
    const body = line.slice(1);
    if (line === '' && endsHunk(lines, i)) {
      hunk = undefined;
    } else if (marker === ' ' || line === '') {
      // Some writers drop the space of an empty context line.
      hunk.before.push(marker === ' ' ? body : '');
      hunk.after.push(marker === ' ' ? body : '');
      lastSide = 'both';
    } else if (marker === '-') {
      hunk.before.push(body);
      lastSide = 'old';
    } else if (marker === '+') {
      hunk.after.push(body);
      lastSide = 'new';
    } else if (line.startsWith('diff ') || line.startsWith('index ')) {
      hunk = undefined;
    } else {
      throw new PatchError(`Line ${i + 1} of the patch ("${line.slice(0, 80)}") is inside a hunk but starts with neither " ", "-" nor "+".`, file?.newPath ?? file?.oldPath);
    }
  }
  return files;
}

function sameLines(file: readonly string[], at: number, block: readonly string[], loose: boolean): boolean {
  for (let j = 0; j < block.length; j++) {
    const a = file[at + j];
    const b = block[j];
    if (a === undefined || b === undefined) return false;
    if (loose ? a.trimEnd() !== b.trimEnd() : a !== b) return false;
  }
  return true;
}

/** Where `block` occurs in `file` at or after `from`, nearest to `hint`; exact matches first. */
function locate(file: readonly string[], block: readonly string[], from: number, hint: number): number | undefined {
  for (const loose of [false, true]) {
    let best: number | undefined;
    for (let at = from; at + block.length <= file.length; at++) {
      if (!sameLines(file, at, block, loose)) continue;
      if (best === undefined || Math.abs(at - hint) < Math.abs(best - hint)) best = at;
    }
    if (best !== undefined) return best;
  }
  return undefined;
}

function applyHunks(path: string, text: string, hunks: readonly Hunk[]): string {
  const file = toLines(text);
  let from = 0;
  // Lines added minus lines removed by earlier hunks: shifts where later hunks' numbers point.
  let shift = 0;
  hunks.forEach((hunk, index) => {
    const label = `${path}, hunk ${index + 1} of ${hunks.length} (${hunk.header})`;
    if (hunk.before.length === 0) {
      // A pure insertion with no context: only its stated line can place it.
      if (hunk.oldStart === undefined) throw new PatchError(`${label} has no context lines and no line number, so it cannot be placed.`, path, index + 1);
      const at = Math.min(file.lines.length, Math.max(0, hunk.oldStart + shift));
      file.lines.splice(at, 0, ...hunk.after);
      from = at + hunk.after.length;
      shift += hunk.after.length;
      return;
    }
    const hint = hunk.oldStart === undefined ? from : Math.max(0, hunk.oldStart - 1 + shift);
    const at = locate(file.lines, hunk.before, from, hint);
    if (at === undefined) {
      const first = hunk.before.find((line) => line.trim() !== '') ?? hunk.before[0] ?? '';
      throw new PatchError(
        `${label} does not apply: its ${hunk.before.length} context and removed lines are not in the current text${from > 0 ? ' after the previous hunk' : ''} (the block should begin with ${JSON.stringify(first.slice(0, 120))}). Read the file again and patch against its current text.`,
        path,
        index + 1,
      );
    }
    file.lines.splice(at, hunk.before.length, ...hunk.after);
    from = at + hunk.after.length;
    shift += hunk.after.length - hunk.before.length;
    if (hunk.noFinalNewline && at + hunk.after.length === file.lines.length) file.finalNewline = false;
  });
  return fromLines(file);
}

function applyUnifiedDiff(patch: string, read: ReadFile): ApplyPatchResult {
  const files = parseUnifiedDiff(patch);
  if (files.length === 0) {
    throw new PatchError('The patch is neither a unified diff ("--- a/path", "+++ b/path", "@@" hunks) nor search/replace blocks ("path", "<<<<<<< SEARCH", "=======", ">>>>>>> REPLACE").');
  }
  const staging = new Staging(read);
  for (const filePatch of files) {
    const path = filePatch.newPath ?? filePatch.oldPath;
    if (path === undefined) throw new PatchError('A file header names /dev/null on both sides.');
    if (filePatch.newPath === undefined) {
      if (staging.current(path) === undefined) throw new PatchError(`${path}: the patch deletes it, but there is no such file.`, path);
      staging.write(path, undefined);
      continue;
    }
    if (filePatch.oldPath === undefined) {
      if (staging.current(path) !== undefined) throw new PatchError(`${path}: the patch creates it (from /dev/null), but it already exists; patch it instead.`, path);
      const hunk = filePatch.hunks[0];
      const lines = filePatch.hunks.flatMap((each) => each.after);
      staging.write(path, fromLines({ lines, finalNewline: !(hunk?.noFinalNewline ?? false) }));
      continue;
    }
    if (filePatch.oldPath !== filePatch.newPath) throw new PatchError(`${filePatch.oldPath} → ${filePatch.newPath}: renaming is not supported; delete one file and create the other.`, path);
    const current = staging.current(path);
    if (current === undefined) throw new PatchError(`${path}: there is no such file (to create one, use "--- /dev/null").`, path);
    if (filePatch.hunks.length === 0) throw new PatchError(`${path}: the patch names it but has no "@@" hunks.`, path);
    staging.write(path, applyHunks(path, current, filePatch.hunks));
  }
  return { ok: true, files: staging.result() };
}

// ─── Search/replace blocks ────────────────────────────────────────────────────────────────────────

interface Block {
  path: string;
  search: string[];
  replace: string[];
}

function parseSearchReplace(patch: string): Block[] {
  const lines = patch.split('\n');
  const blocks: Block[] = [];
  let path: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (!/^<{7} SEARCH\s*$/.test(line)) {
      const trimmed = line.trim();
      // The path is the last line of prose before a block; code fences are not paths.
      if (trimmed !== '' && !trimmed.startsWith('```') && !/^(={7}|>{7} REPLACE)\s*$/.test(trimmed)) path = trimmed.replace(/^[ab]\//, '').replace(/^\.\//, '');
      continue;
    }
    const index = blocks.length + 1;
    if (path === undefined) throw new PatchError(`Search/replace block ${index} has no file path on the line before "<<<<<<< SEARCH".`, undefined, index);
    const search: string[] = [];
    const replace: string[] = [];
    let j = i + 1;
    for (; j < lines.length && !/^={7}\s*$/.test(lines[j] ?? ''); j++) search.push(lines[j] ?? '');
    if (j >= lines.length) throw new PatchError(`${path}, block ${index}: "=======" is missing after the SEARCH lines.`, path, index);
    for (j++; j < lines.length && !/^>{7} REPLACE\s*$/.test(lines[j] ?? ''); j++) replace.push(lines[j] ?? '');
    if (j >= lines.length) throw new PatchError(`${path}, block ${index}: ">>>>>>> REPLACE" is missing after the new lines.`, path, index);
    blocks.push({ path, search, replace });
    i = j;
  }
  return blocks;
}

function occurrences(file: readonly string[], block: readonly string[], loose: boolean): number[] {
  const found: number[] = [];
  for (let at = 0; at + block.length <= file.length; at++) if (sameLines(file, at, block, loose)) found.push(at);
  return found;
}

function applySearchReplace(patch: string, read: ReadFile): ApplyPatchResult {
  const blocks = parseSearchReplace(patch);
  const staging = new Staging(read);
  blocks.forEach((block, index) => {
    const label = `${block.path}, block ${index + 1} of ${blocks.length}`;
    const current = staging.current(block.path);
    if (block.search.length === 0 || (block.search.length === 1 && block.search[0] === '')) {
      if (current !== undefined && current !== '') throw new PatchError(`${label}: an empty SEARCH creates a file, but ${block.path} already exists; search for the lines to change.`, block.path, index + 1);
      staging.write(block.path, fromLines({ lines: block.replace, finalNewline: true }));
      return;
    }
    if (current === undefined) throw new PatchError(`${label}: there is no such file (an empty SEARCH creates one).`, block.path, index + 1);
    const file = toLines(current);
    let found = occurrences(file.lines, block.search, false);
    if (found.length === 0) found = occurrences(file.lines, block.search, true);
    if (found.length === 0) {
      const first = block.search.find((line) => line.trim() !== '') ?? '';
      throw new PatchError(
        `${label} does not apply: its ${block.search.length} SEARCH lines are not in the current text (they begin with ${JSON.stringify(first.slice(0, 120))}). Read the file again and copy the lines exactly.`,
        block.path,
        index + 1,
      );
    }
    if (found.length > 1) {
      throw new PatchError(`${label}: its SEARCH lines occur ${found.length} times (lines ${found.map((at) => at + 1).join(', ')}); add lines around them so they occur once.`, block.path, index + 1);
    }
    file.lines.splice(found[0] ?? 0, block.search.length, ...block.replace);
    staging.write(block.path, fromLines(file));
  });
  return { ok: true, files: staging.result() };
}
