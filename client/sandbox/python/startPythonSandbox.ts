import { workerBootstrap } from '../workerBootstrap.ts';
import { STDIN_BUFFER_BYTES, STDIN_DATA_OFFSET, STDIN_STATE, type PythonControl, type PythonInit, type PythonSandboxEvent, type PythonWorkerMessage } from './pythonProtocol.ts';

/**
 * The sandbox document in Python mode: hosts the one Pyodide worker, relays what it says to the
 * app over the control port, and carries out the app's orders the worker cannot hear while
 * Python runs: an interrupt (a write to the shared interrupt buffer) and a line for input()
 * (a write to the shared stdin buffer). Without cross-origin isolation (no shared memory), Stop
 * terminates the worker and a fresh interpreter boots from the assets kept here.
 */
export function startPythonSandbox(init: PythonInit, port: MessagePort): void {
  const runnerUrl = URL.createObjectURL(new Blob([init.runnerSource], { type: 'text/javascript' }));
  const bootstrapUrl = URL.createObjectURL(new Blob([workerBootstrap(runnerUrl, 'Python runner')], { type: 'text/javascript' }));
  // Shared memory exists only when the sandbox is cross-origin isolated (its iframe allows it).
  const isolated = globalThis.crossOriginIsolated === true && typeof SharedArrayBuffer === 'function';
  const shared = init.interruptible && isolated;
  const interruptBuffer = shared ? new SharedArrayBuffer(4) : undefined;
  // input() needs shared memory to wait for its line; without it, it reads end of file.
  const stdinBuffer = isolated ? new SharedArrayBuffer(STDIN_BUFFER_BYTES) : undefined;
  const interrupt = interruptBuffer ? new Int32Array(interruptBuffer) : undefined;
  const stdinControl = stdinBuffer ? new Int32Array(stdinBuffer, 0, 2) : undefined;
  let worker: Worker | undefined;
  let runningId: number | undefined;
  let booted = false;

  const send = (event: PythonSandboxEvent): void => port.postMessage(event);

  let restart: (runId: number | undefined, why?: string) => void = () => {};
  const spawn = (): void => {
    booted = false;
    runningId = undefined;
    if (interrupt) Atomics.store(interrupt, 0, 0);
    if (stdinControl) Atomics.store(stdinControl, 0, STDIN_STATE.waiting);
    const next = new Worker(bootstrapUrl, { name: 'pairlane-python' });
    worker = next;
    send({ type: 'booting', interruptible: shared });
    next.onmessage = (event: MessageEvent<PythonWorkerMessage>) => {
      if (worker !== next) return;
      const message = event.data;
      if (message?.type === 'ready') {
        booted = true;
        send({ type: 'ready', bootMs: message.bootMs, interruptible: shared, version: message.version });
      } else if (message?.type === 'boot-failed') {
        send({ type: 'boot-failed', message: message.message });
      } else {
        if (message?.type === 'program-done' || message?.type === 'tests-done') runningId = undefined;
        send({ type: 'worker', message });
      }
    };
    next.onerror = (event) => {
      event.preventDefault();
      if (worker !== next) return;
      const text = event.message || 'the Python worker stopped';
      if (!booted) send({ type: 'boot-failed', message: text });
      else restart(runningId, text);
    };
    // Copies, not transfers: the bytes stay here for the next boot.
    next.postMessage({ type: 'boot', assets: init.assets, ...(interruptBuffer ? { interruptBuffer } : {}), ...(stdinBuffer ? { stdinBuffer } : {}) });
  };

  /** A fresh interpreter; "booting" goes out before "worker-gone", so the app's next run waits for the boot. */
  restart = (runId: number | undefined, why = 'the interpreter was restarted'): void => {
    worker?.terminate();
    worker = undefined;
    spawn();
    send({ type: 'worker-gone', ...(runId === undefined ? {} : { runId }), message: why });
  };

  port.onmessage = (event: MessageEvent<PythonControl>) => {
    const message = event.data;
    switch (message?.type) {
      case 'run':
        if (interrupt) Atomics.store(interrupt, 0, 0);
        if (stdinControl) Atomics.store(stdinControl, 0, STDIN_STATE.waiting);
        runningId = message.runId;
        worker?.postMessage({ type: 'run', runId: message.runId, job: message.job });
        return;
      case 'interrupt':
        if (runningId !== message.runId) return;
        if (interrupt) {
          // SIGINT: Python raises KeyboardInterrupt at its next check; the interpreter stays warm.
          Atomics.store(interrupt, 0, 2);
          if (stdinControl) Atomics.notify(stdinControl, 0);
        } else {
          restart(message.runId, 'stopped');
        }
        return;
      case 'stdin': {
        if (!stdinBuffer || !stdinControl || runningId !== message.runId) return;
        if (message.text === null) {
          Atomics.store(stdinControl, 0, STDIN_STATE.eof);
        } else {
          const bytes = new TextEncoder().encode(message.text).subarray(0, STDIN_BUFFER_BYTES - STDIN_DATA_OFFSET);
          new Uint8Array(stdinBuffer, STDIN_DATA_OFFSET, bytes.length).set(bytes);
          Atomics.store(stdinControl, 1, bytes.length);
          Atomics.store(stdinControl, 0, STDIN_STATE.line);
        }
        Atomics.notify(stdinControl, 0);
        return;
      }
      case 'restart':
        restart(runningId);
        return;
    }
  };
  spawn();
}
