import { monitorEventLoopDelay } from 'node:perf_hooks';

/** What a benchmark server child answers, by command type; every reply goes back with the command's id. */
export type BenchCommandHandlers = Record<string, (command: Record<string, unknown>) => Promise<Record<string, unknown>> | Record<string, unknown>>;

/** Heap and resident size after a full collection (the child runs with --expose-gc). */
export async function collectedMemory(): Promise<{ heapUsed: number; rss: number; external: number; arrayBuffers: number }> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run the benchmark server with --expose-gc');
  // Several rounds, with a turn of the event loop between them, so finalizers and weak maps settle.
  for (let i = 0; i < 4; i++) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
  const { heapUsed, rss, external, arrayBuffers } = process.memoryUsage();
  return { heapUsed, rss, external, arrayBuffers };
}

/**
 * The child half of the benchmark's IPC: tells the parent it is ready (with `ready`'s fields),
 * then answers each command with its handler's result. `stop` answers, runs `onStop` and exits
 * normally, so a --cpu-prof profile is written.
 */
export function answerBenchCommands(ready: Record<string, unknown>, handlers: BenchCommandHandlers, onStop: () => Promise<void>): void {
  const send = (message: Record<string, unknown>): void => {
    process.send?.(message);
  };
  // How long the server's event loop was held up (a long synchronous stretch delays every message behind it).
  const loopDelay = monitorEventLoopDelay({ resolution: 2 });
  loopDelay.enable();
  let stopping = false;
  // The benchmark died (killed, or its output cut): stop too, rather than live on as an orphan.
  process.on('disconnect', () => {
    if (stopping) return;
    stopping = true;
    void onStop().finally(() => process.exit(0));
  });
  process.on('message', (raw: unknown) => {
    const command = raw as { id: number; type: string } & Record<string, unknown>;
    void (async () => {
      try {
        if (command.type === 'stop') {
          stopping = true;
          await onStop();
          send({ id: command.id });
          process.disconnect?.();
          // Let the reply flush, then end normally (a profile is written on a normal exit).
          setTimeout(() => process.exit(0), 50);
          return;
        }
        if (command.type === 'memory') return send({ id: command.id, ...(await collectedMemory()) });
        if (command.type === 'cpu') return send({ id: command.id, ...process.cpuUsage() });
        if (command.type === 'loop-delay') {
          const figures = { p50Ms: loopDelay.percentile(50) / 1e6, p99Ms: loopDelay.percentile(99) / 1e6, maxMs: loopDelay.max / 1e6 };
          loopDelay.reset();
          return send({ id: command.id, ...figures });
        }
        const handler = handlers[command.type];
        if (!handler) throw new Error(`unknown command "${command.type}"`);
        send({ id: command.id, ...(await handler(command)) });
      } catch (error) {
        send({ id: command.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      }
    })();
  });
  send({ type: 'ready', ...ready });
}
