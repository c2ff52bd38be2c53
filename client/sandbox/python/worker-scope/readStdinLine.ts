import { STDIN_BUFFER_BYTES, STDIN_DATA_OFFSET, STDIN_STATE } from '../pythonProtocol.ts';

/**
 * Blocks the interpreter's worker until the sandbox document writes a line for input() into the
 * shared buffer (or end of input). Wakes every 100 ms to look at the interrupt buffer, so Stop
 * ends a program waiting for input. Returns the line, or null at end of input or on Stop.
 */
export function readStdinLine(buffer: SharedArrayBuffer, interrupt: Int32Array | undefined): string | null {
  const control = new Int32Array(buffer, 0, 2);
  for (;;) {
    const state = Atomics.load(control, 0);
    if (state === STDIN_STATE.line) {
      const length = Math.min(Atomics.load(control, 1), STDIN_BUFFER_BYTES - STDIN_DATA_OFFSET);
      // TextDecoder does not read shared memory: copy the bytes out first.
      const bytes = new Uint8Array(buffer, STDIN_DATA_OFFSET, length).slice();
      Atomics.store(control, 0, STDIN_STATE.waiting);
      return new TextDecoder().decode(bytes);
    }
    if (state === STDIN_STATE.eof) {
      Atomics.store(control, 0, STDIN_STATE.waiting);
      return null;
    }
    if (interrupt && Atomics.load(interrupt, 0) !== 0) return null;
    Atomics.wait(control, 0, STDIN_STATE.waiting, 100);
  }
}
