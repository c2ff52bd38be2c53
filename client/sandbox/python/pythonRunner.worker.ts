import runnerPy from './pairlane_runner.py?raw';
import { WORKER_HANDOFF_KEY, type WorkerHandoff } from '../workerHandoff.ts';
import { PythonOutput } from './worker-scope/PythonOutput.ts';
import { readStdinLine } from './worker-scope/readStdinLine.ts';
import type { PythonAssets, PythonJob, PythonWorkerMessage } from './pythonProtocol.ts';

/**
 * The Pyodide worker inside the sandbox: boots the interpreter once from the assets the app sent
 * (nothing is fetched: the sandbox's CSP forbids it), then runs one job at a time with the
 * warm interpreter. Imported as a module by the classic blob the sandbox starts it from.
 */

/** The part of Pyodide's API this worker uses (its own .d.ts drags in Node's types). */
interface Pyodide {
  version: string;
  FS: { mkdirTree(path: string): void; writeFile(path: string, data: string): void };
  runPython(code: string): unknown;
  pyimport(name: string): PythonRunner;
  setInterruptBuffer(buffer: Int32Array): void;
  setStdout(options: { write(buffer: Uint8Array): number; isatty: boolean }): void;
  setStderr(options: { write(buffer: Uint8Array): number; isatty: boolean }): void;
  setStdin(options: { stdin(): string | null }): void;
}

interface PythonRunner {
  configure(packageImportsJson: string, flushOutput: () => void): void;
  run_program(entry: string, filesJson: string, emit: (json: string) => void): string;
  run_tests(testFilesJson: string, filesJson: string, emit: (json: string) => void): string;
}

interface LoaderModule {
  loadPyodide(options: Record<string, unknown>): Promise<Pyodide>;
}

export interface PythonBoot {
  type: 'boot';
  assets: PythonAssets;
  interruptBuffer?: SharedArrayBuffer;
  stdinBuffer?: SharedArrayBuffer;
}

export interface PythonRun {
  type: 'run';
  runId: number;
  job: PythonJob;
}

const scope = self as unknown as DedicatedWorkerGlobalScope & Record<symbol, WorkerHandoff | undefined>;
const post = (message: PythonWorkerMessage): void => scope.postMessage(message);

/** Where Pyodide's loader thinks its files are; every request for them is answered from memory. */
const INDEX_URL = 'https://pyodide.invalid/';

function blobUrl(source: string): string {
  return URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
}

/** Import names of every package in Pyodide's lock file: known to Pyodide, not bundled offline. */
function packageImports(lock: string): string[] {
  const parsed = JSON.parse(lock) as { packages?: Record<string, { imports?: string[] }> };
  return Object.values(parsed.packages ?? {}).flatMap((p) => p.imports ?? []);
}

let runner: PythonRunner | undefined;
let output: PythonOutput | undefined;
let currentRunId = 0;

async function boot(message: PythonBoot): Promise<void> {
  const startedAt = performance.now();
  const { assets } = message;
  // Pyodide fetches its wasm and standard library; the sandbox may not fetch, so those two
  // requests are answered from the bytes the app sent, during boot only.
  const realFetch = scope.fetch;
  const served: Record<string, { body: ArrayBuffer; type: string }> = {
    [`${INDEX_URL}pyodide.asm.wasm`]: { body: assets.wasm, type: 'application/wasm' },
    [`${INDEX_URL}python_stdlib.zip`]: { body: assets.stdlib, type: 'application/zip' },
  };
  scope.fetch = async (input: RequestInfo | URL) => {
    const url = input instanceof Request ? input.url : String(input);
    const file = served[url];
    if (!file) throw new TypeError(`${url} is not bundled with Pairlane's offline Python`);
    return new Response(file.body, { headers: { 'Content-Type': file.type } });
  };
  try {
    const loader = (await import(/* @vite-ignore */ blobUrl(assets.loader))) as LoaderModule;
    const glue = (await import(/* @vite-ignore */ blobUrl(assets.glue))) as { default: unknown };
    const pyodide = await loader.loadPyodide({
      indexURL: INDEX_URL,
      lockFileContents: assets.lock,
      createPyodideModule: glue.default,
      fullStdLib: false,
      env: { PYTHONUNBUFFERED: '1', HOME: '/home/pyodide' },
    });
    output = new PythonOutput((chunks, droppedBytes) => post({ type: 'output', runId: currentRunId, chunks, droppedBytes }));
    const decoders = { stdout: new TextDecoder(), stderr: new TextDecoder() };
    for (const stream of ['stdout', 'stderr'] as const) {
      const options = {
        // A terminal: Python line-buffers it, so output streams line by line.
        isatty: true,
        write: (buffer: Uint8Array) => {
          output?.write(stream, decoders[stream].decode(buffer, { stream: true }));
          return buffer.length;
        },
      };
      if (stream === 'stdout') pyodide.setStdout(options);
      else pyodide.setStderr(options);
    }
    const interrupt = message.interruptBuffer ? new Int32Array(message.interruptBuffer) : undefined;
    if (interrupt) pyodide.setInterruptBuffer(interrupt);
    const stdinBuffer = message.stdinBuffer;
    pyodide.setStdin({
      stdin: () => {
        output?.flush();
        // Without shared memory a worker cannot wait for a line: input() ends at end of file.
        if (!stdinBuffer) return null;
        post({ type: 'stdin-request', runId: currentRunId });
        const line = readStdinLine(stdinBuffer, interrupt);
        return line === null ? null : `${line}\n`;
      },
    });
    pyodide.FS.mkdirTree('/pairlane');
    pyodide.FS.writeFile('/pairlane/pairlane_runner.py', runnerPy);
    pyodide.runPython("import sys\nsys.path.append('/pairlane')");
    runner = pyodide.pyimport('pairlane_runner');
    runner.configure(JSON.stringify(packageImports(assets.lock)), () => output?.flush());
    post({ type: 'ready', bootMs: performance.now() - startedAt, version: pyodide.version });
  } catch (error) {
    post({ type: 'boot-failed', message: error instanceof Error ? error.message : String(error) });
  } finally {
    scope.fetch = realFetch;
  }
}

function run(message: PythonRun): void {
  const { runId, job } = message;
  if (!runner || !output) return;
  currentRunId = runId;
  output.reset(job.maxOutputBytes);
  const emit = (json: string): void => {
    output?.flush();
    const event = JSON.parse(json) as Record<string, unknown>;
    post({ ...event, runId } as PythonWorkerMessage);
  };
  try {
    if (job.kind === 'program') {
      const answer = JSON.parse(runner.run_program(job.entry, JSON.stringify(job.files), emit)) as Omit<Extract<PythonWorkerMessage, { type: 'program-done' }>, 'type' | 'runId'>;
      output.flush();
      post({ type: 'program-done', runId, ...answer });
    } else {
      const answer = JSON.parse(runner.run_tests(JSON.stringify(job.testFiles), JSON.stringify(job.files), emit)) as { diagnostics: Extract<PythonWorkerMessage, { type: 'tests-done' }>['diagnostics']; interrupted: boolean };
      output.flush();
      post({ type: 'tests-done', runId, diagnostics: answer.diagnostics, interrupted: answer.interrupted });
    }
  } catch (error) {
    // The runner itself failed (it catches everything user code raises): say so as the run's error.
    output.flush();
    const text = error instanceof Error ? error.message : String(error);
    if (job.kind === 'program') post({ type: 'program-done', runId, status: 'error', diagnostics: [], error: { message: text } });
    else post({ type: 'tests-done', runId, diagnostics: [{ severity: 'error', message: text }], interrupted: false });
  }
}

let booting: Promise<void> = Promise.resolve();

function receive(data: unknown): void {
  const message = data as PythonBoot | PythonRun | undefined;
  if (message?.type === 'boot') booting = boot(message);
  // A run sent while the interpreter boots waits for it.
  else if (message?.type === 'run') void booting.then(() => run(message));
}

const key = Symbol.for(WORKER_HANDOFF_KEY);
const handoff = scope[key];
delete scope[key];
handoff?.release();
scope.addEventListener('message', (event: MessageEvent) => receive(event.data));
for (const early of handoff?.early ?? []) receive(early);
