import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { Plugin } from 'vite';

const gzip = promisify(zlib.gzip);
const brotli = promisify(zlib.brotliCompress);

/**
 * Writes .gz and .br beside every compressible file of the build, once, at build time, so the
 * server sends compressed bytes without compressing on each request. Monaco and esbuild's wasm
 * are most of the bytes a first visit downloads; this is where page load is won.
 */
export function precompressPlugin(): Plugin {
  let outDir = '';
  return {
    name: 'pairlane-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      const files = await fs.readdir(outDir, { recursive: true, withFileTypes: true });
      await Promise.all(
        files
          .filter((f) => f.isFile() && /\.(?:js|mjs|css|html|wasm|json|svg|ttf)$/.test(f.name))
          .map(async (f) => {
            const file = path.join(f.parentPath, f.name);
            const data = await fs.readFile(file);
            if (data.length < 1024) return;
            await fs.writeFile(`${file}.gz`, await gzip(data, { level: 9 }));
            await fs.writeFile(
              `${file}.br`,
              await brotli(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 9, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length } }),
            );
          }),
      );
    },
  };
}
