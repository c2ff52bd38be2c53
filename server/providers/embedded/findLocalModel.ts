import { readdirSync, statSync, type Stats } from 'node:fs';
import { join, resolve } from 'node:path';

/** Words in a file name that say the model was trained for code completion (fill-in-the-middle). */
const CODER_NAME = /code|fim/i;
/** GGUFs that are not language models on their own: vision projectors, vocabulary-only files. */
const NOT_A_MODEL = /^mmproj|vocab/i;
/** Later parts of a split GGUF ("-00002-of-00003.gguf"): llama.cpp is given the first part. */
const LATER_SPLIT_PART = /-(\d{5})-of-\d{5}\.gguf$/i;

/**
 * The GGUF the server runs when no model is configured: the one in `dir` (default `models/`
 * under the working directory) whose name says coder or FIM, else any; among equals the smallest
 * file (the fast lane wants latency), then by name. Returns an absolute path, or undefined when
 * the folder is missing or holds no GGUF. Synchronous: it runs once, while the server reads its
 * configuration, on a folder of a few files.
 */
export function findLocalModel(dir = 'models'): string | undefined {
  const folder = resolve(dir);
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return undefined;
  }
  const candidates: { path: string; coder: boolean; size: number; name: string }[] = [];
  for (const name of names) {
    if (!name.toLowerCase().endsWith('.gguf') || name.startsWith('.') || NOT_A_MODEL.test(name)) continue;
    const part = LATER_SPLIT_PART.exec(name)?.[1];
    if (part !== undefined && part !== '00001') continue;
    const path = join(folder, name);
    const info = statSafe(path);
    if (!info?.isFile() || info.size === 0) continue;
    candidates.push({ path, coder: CODER_NAME.test(name), size: info.size, name });
  }
  candidates.sort((a, b) => Number(b.coder) - Number(a.coder) || a.size - b.size || a.name.localeCompare(b.name));
  return candidates[0]?.path;
}

function statSafe(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined; // removed between readdir and stat, or a dangling link
  }
}
