import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { buildTinyGguf, type TinyGgufOptions } from './buildTinyGguf.ts';

/**
 * Writes a generated random-weight GGUF (see buildTinyGguf) to `filePath`, creating its folder.
 * Tests and benches use it to run node-llama-cpp for real where no model can be downloaded.
 * Returns `filePath`.
 */
export async function writeTinyGguf(filePath: string, options: TinyGgufOptions = {}): Promise<string> {
  await mkdir(dirname(filePath), { recursive: true });
  await writeFile(filePath, buildTinyGguf(options));
  return filePath;
}
