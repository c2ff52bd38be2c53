import { getLlama, LlamaLogLevel, type Llama } from 'node-llama-cpp';

let shared: Promise<Llama> | undefined;
const errorListeners = new Set<(message: string) => void>();

/**
 * The process's one llama.cpp binding, CPU only, from the prebuilt binary that ships in the npm
 * package (@node-llama-cpp/linux-x64 here). `build: 'never'` and `skipDownload` mean it never
 * fetches or compiles llama.cpp: with no usable prebuilt binary it throws instead.
 *
 * The first call costs about a second or more: on Linux node-llama-cpp first loads the prebuilt
 * binary in a child process to check it does not crash this machine. Later calls reuse it.
 */
export function getSharedLlama(): Promise<Llama> {
  shared ??= getLlama({
    gpu: false,
    build: 'never',
    skipDownload: true,
    progressLogs: false,
    // Thread counts are set per context (see createEmbeddedProvider); 0 lifts the instance-wide cap
    // so the context's number is the one used.
    maxThreads: 0,
    logLevel: LlamaLogLevel.error,
    logger: (level, message) => {
      if (level !== LlamaLogLevel.error && level !== LlamaLogLevel.fatal) return;
      const line = message.trimEnd();
      for (const listener of errorListeners) listener(line);
      console.error(`[llama.cpp] ${line}`);
    },
  }).catch((error: unknown) => {
    shared = undefined; // a later call may succeed (e.g. after a reinstall); do not cache the failure
    throw error;
  });
  return shared;
}

/**
 * Records llama.cpp's error log lines from now on: its C API reports a failed model load as a null
 * pointer, and the reason is only in the log. The log reaches JS from llama.cpp's thread through
 * a queue of its own, so it can arrive just after the failure it explains: `until` waits (up to
 * `timeoutMs`) for the line that closes the report, then returns every line and stops recording.
 */
export function collectLlamaErrors(): { until(last: (line: string) => boolean, timeoutMs: number): Promise<string[]>; stop(): void } {
  const lines: string[] = [];
  let onLine: (() => void) | undefined;
  const listener = (line: string) => {
    lines.push(line);
    onLine?.();
  };
  errorListeners.add(listener);
  const stop = () => {
    errorListeners.delete(listener);
  };
  return {
    stop,
    until: async (last, timeoutMs) => {
      if (!lines.some(last)) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, timeoutMs);
          onLine = () => {
            if (!lines.some(last)) return;
            clearTimeout(timer);
            resolve();
          };
        });
      }
      stop();
      return lines;
    },
  };
}
