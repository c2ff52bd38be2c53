import type { OutputSink } from './OutputSink.ts';

/** Thrown by process.exit() to stop the code that called it. */
export class ProcessExit extends Error {
  constructor(readonly code: number) {
    super(`process.exit(${code})`);
    this.name = 'ProcessExit';
  }
}

/**
 * A small `process` for programs written for Node: argv, env, exit, nextTick, hrtime and
 * stdout/stderr.write. It is not Node (no fs, no require), and says so through
 * `process.versions` having no `node`, which is how libraries tell.
 */
export interface ProcessShimOptions {
  entry: string;
  nodeEnv: 'development' | 'test';
  output: OutputSink;
  onExit(code: number): void;
  now(): number;
}

export function installProcessShim(scope: typeof globalThis, { entry, nodeEnv, output, onExit, now }: ProcessShimOptions): void {
  const writer = (stream: 'stdout' | 'stderr') => ({
    write(chunk: unknown): boolean {
      output.write(stream, typeof chunk === 'string' ? chunk : chunk instanceof Uint8Array ? new TextDecoder().decode(chunk) : String(chunk));
      return true;
    },
    isTTY: false,
    columns: 80,
  });
  const hrtime = (previous?: [number, number]): [number, number] => {
    const ns = Math.round(now() * 1e6);
    let seconds = Math.floor(ns / 1e9);
    let nanos = ns % 1e9;
    if (previous) {
      seconds -= previous[0];
      nanos -= previous[1];
      if (nanos < 0) {
        seconds -= 1;
        nanos += 1e9;
      }
    }
    return [seconds, nanos];
  };
  hrtime.bigint = () => BigInt(Math.round(now() * 1e6));
  const processShim = {
    argv: ['node', `/workspace/${entry}`],
    argv0: 'node',
    env: { NODE_ENV: nodeEnv } as Record<string, string | undefined>,
    platform: 'browser',
    versions: {} as Record<string, string>,
    version: '',
    pid: 1,
    exitCode: undefined as number | undefined,
    cwd: () => '/workspace',
    exit(code?: number): never {
      const exitCode = code ?? processShim.exitCode ?? 0;
      onExit(exitCode);
      throw new ProcessExit(exitCode);
    },
    nextTick(fn: (...args: unknown[]) => void, ...args: unknown[]) {
      queueMicrotask(() => fn(...args));
    },
    hrtime,
    uptime: () => now() / 1000,
    memoryUsage: () => ({ rss: 0, heapTotal: 0, heapUsed: 0, external: 0, arrayBuffers: 0 }),
    stdout: writer('stdout'),
    stderr: writer('stderr'),
    on: () => processShim,
    off: () => processShim,
    once: () => processShim,
    emitWarning: (warning: unknown) => output.write('stderr', `Warning: ${String(warning)}\n`),
  };
  Object.defineProperty(scope, 'process', { value: processShim, writable: true, configurable: true });
}
