import loaderUrl from 'pyodide/pyodide.mjs?url';
import glueUrl from 'pyodide/pyodide.asm.mjs?url';
import wasmUrl from 'pyodide/pyodide.asm.wasm?url';
import stdlibUrl from 'pyodide/python_stdlib.zip?url';
import lockUrl from 'pyodide/pyodide-lock.json?url';
import type { PythonAssets } from '../../sandbox/python/pythonProtocol.ts';

async function get(url: string): Promise<Response> {
  const response = await fetch(new URL(url, location.href));
  if (!response.ok) throw new Error(`Pyodide's ${url.split('/').pop()} could not be loaded from this server: HTTP ${response.status}`);
  return response;
}

/**
 * Pyodide's files (about 13 MB: the interpreter's wasm, the standard library, the loader and its
 * lock file), copied into the build by Vite and fetched from our own origin: Python works with
 * no internet, and the browser caches them (hashed names, immutable). The app fetches them, not
 * the sandbox, whose CSP forbids any request.
 */
export async function loadPythonAssets(): Promise<PythonAssets> {
  const [loader, glue, wasm, stdlib, lock] = await Promise.all([
    get(loaderUrl).then((r) => r.text()),
    get(glueUrl).then((r) => r.text()),
    get(wasmUrl).then((r) => r.arrayBuffer()),
    get(stdlibUrl).then((r) => r.arrayBuffer()),
    get(lockUrl).then((r) => r.text()),
  ]);
  return { loader, glue, wasm, stdlib, lock };
}
