import fs from 'node:fs/promises';
import path from 'node:path';

/** Folders never read: dependencies, history, build output, Pairlane's own. */
const SKIPPED_DIRS = new Set(['node_modules', '.git', 'dist', '.pairlane']);

export interface ReadLimits {
  /** Largest file read, in bytes (default 1 MB). */
  maxFileBytes: number;
  /** Most bytes read in all (default 20 MB). */
  maxTotalBytes: number;
}

const DEFAULT_LIMITS: ReadLimits = { maxFileBytes: 1_000_000, maxTotalBytes: 20_000_000 };

export interface WorkspaceFolder {
  /** Path ("/"-separated, relative to the folder) → text. */
  files: Record<string, string>;
  /** Files and folders left out, each with the reason, for a note on stderr. */
  skipped: { path: string; reason: string }[];
}

/** True when bytes are not text we can hand to a bundler: a NUL byte, or not valid UTF-8. */
function isBinary(bytes: Uint8Array): boolean {
  if (bytes.subarray(0, 8192).includes(0)) return true;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return false;
  } catch {
    return true;
  }
}

/**
 * Reads a folder into the workspace shape the runtimes take. Leaves out node_modules, .git and
 * dist (not sources), symbolic links (they may lead outside the folder), binary files and files
 * over the size limits, and says which and why. Paths are sorted, so runs are reproducible.
 */
export async function readWorkspaceFolder(folder: string, limits: ReadLimits = DEFAULT_LIMITS): Promise<WorkspaceFolder> {
  const files: Record<string, string> = {};
  const skipped: WorkspaceFolder['skipped'] = [];
  let total = 0;

  async function walk(dir: string, prefix: string): Promise<void> {
    const entries = (await fs.readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)); // code-point order: the same on every machine
    for (const entry of entries) {
      const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
      const full = path.join(dir, entry.name);
      if (entry.isSymbolicLink()) {
        skipped.push({ path: relative, reason: 'symbolic link' });
      } else if (entry.isDirectory()) {
        if (SKIPPED_DIRS.has(entry.name)) skipped.push({ path: `${relative}/`, reason: 'dependencies, history or build output' });
        else await walk(full, relative);
      } else if (entry.isFile()) {
        const { size } = await fs.stat(full);
        if (size > limits.maxFileBytes) {
          skipped.push({ path: relative, reason: `too large (${size} bytes; limit ${limits.maxFileBytes})` });
          continue;
        }
        const bytes = await fs.readFile(full);
        if (isBinary(bytes)) {
          skipped.push({ path: relative, reason: 'binary' });
          continue;
        }
        if (total + size > limits.maxTotalBytes) {
          skipped.push({ path: relative, reason: `over the ${limits.maxTotalBytes}-byte limit for the whole folder` });
          continue;
        }
        total += size;
        files[relative] = bytes.toString('utf8');
      }
    }
  }

  await walk(folder, '');
  return { files, skipped };
}
