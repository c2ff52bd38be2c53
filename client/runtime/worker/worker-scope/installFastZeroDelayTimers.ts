/**
 * Makes `setTimeout(fn, 0)` run on the next task instead of after the 4 ms the platform imposes
 * once timeouts nest. esbuild-wasm, run on this thread, passes every message between its Go
 * runtime and JavaScript through such timeouts; a build makes hundreds, so the clamp alone
 * cost tens of milliseconds per build. Timeouts with a real delay are untouched.
 */
export function installFastZeroDelayTimers(scope: WorkerGlobalScope): void {
  const realSetTimeout = scope.setTimeout.bind(scope);
  const realClearTimeout = scope.clearTimeout.bind(scope);
  const channel = new MessageChannel();
  const queued = new Map<number, () => void>();
  // Ids far above the platform's so clearTimeout can tell the two kinds apart.
  let nextId = 2 ** 30;
  channel.port1.onmessage = (event: MessageEvent<number>) => {
    const run = queued.get(event.data);
    if (!run) return;
    queued.delete(event.data);
    run();
  };
  scope.setTimeout = ((handler: TimerHandler, ms?: number, ...args: unknown[]) => {
    if ((ms ?? 0) > 0 || typeof handler !== 'function') return realSetTimeout(handler, ms, ...args);
    const id = nextId++;
    queued.set(id, () => (handler as (...a: unknown[]) => void)(...args));
    channel.port2.postMessage(id);
    return id;
  }) as typeof setTimeout;
  scope.clearTimeout = ((id?: number) => {
    if (id !== undefined && queued.delete(id)) return;
    realClearTimeout(id);
  }) as typeof clearTimeout;
}
