/**
 * A container host reached through a function the test runner exposes on the harness page
 * (Playwright's `page.exposeFunction`), so the WebContainer runtime's own code can run end to
 * end against Node on the test machine where StackBlitz's WebContainer cannot boot. The page
 * side is bridgedContainerHost.ts; the Node side is e2e/runtimeContractNodeContainer.ts.
 */
export type ContainerBridgeRequest =
  | { op: 'boot' }
  | { op: 'writeFile'; path: string; data: string }
  | { op: 'readFile'; path: string }
  | { op: 'rm'; path: string; force: boolean; recursive: boolean }
  | { op: 'mount'; files: Record<string, string> }
  | { op: 'spawn'; command: string; args: string[]; env: Record<string, string> }
  /** Resolves with the output gathered since the last read, waiting until there is some or the process ended. */
  | { op: 'read'; pid: number }
  | { op: 'exit'; pid: number }
  | { op: 'kill'; pid: number }
  | { op: 'teardown' };

export interface ContainerBridgeReplies {
  boot: { workdir: string };
  writeFile: null;
  readFile: { text: string };
  rm: null;
  mount: null;
  spawn: { pid: number };
  read: { chunks: string[]; done: boolean };
  exit: { code: number };
  kill: null;
  teardown: null;
}

/** The function on `window` (rejects with the Node-side error's message). */
export type ContainerBridge = <R extends ContainerBridgeRequest>(request: R) => Promise<ContainerBridgeReplies[R['op']]>;

/** Name of the function the test runner exposes. */
export const CONTAINER_BRIDGE_NAME = 'pairlaneContainerBridge';
