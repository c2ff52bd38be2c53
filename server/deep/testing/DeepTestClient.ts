import { performance } from 'node:perf_hooks';
import { io as connect, type Socket } from 'socket.io-client';
import type { ClientToServerEvents } from '../../../shared/clientMessage.ts';
import { executeDeepToolCall, type DeepToolRuntime } from '../../../shared/deepLane/executeDeepToolCall.ts';
import type { DeepEvent, DeepEventMessage, DeepStartMessage, DeepToolCall } from '../../../shared/deepLane/protocol.ts';
import { WorkspaceOverlay } from '../../../shared/deepLane/WorkspaceOverlay.ts';
import { PROTOCOL_VERSION } from '../../../shared/protocolVersion.ts';
import type { ServerToClientEvents } from '../../../shared/serverMessage.ts';
import { runContentTests, type ContentTest } from './runContentTests.ts';
import { SOCKET_PARSER_OPTIONS } from '../../../shared/socket/socketParserOptions.ts';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface DeepTestClientOptions {
  /** The workspace when the task starts. */
  files: Record<string, string>;
  /** What run_tests checks (see runContentTests). */
  tests?: readonly ContentTest[];
  /** Tools whose calls are left unanswered, to test time limits and interrupts. */
  hold?: readonly DeepToolCall['name'][];
}

/**
 * A real socket.io client doing what the browser does for the deep lane: it runs the server's
 * tool calls against a staged WorkspaceOverlay (file tools through executeFileTool, run_tests
 * through the content-test double) and answers with deep-tool-result. It records every event.
 */
export class DeepTestClient {
  readonly socket: ClientSocket;
  readonly overlay: WorkspaceOverlay;
  readonly events: DeepEventMessage[] = [];
  private readonly waiters = new Set<() => void>();
  /**
   * The runtime double: run_tests runs the content tests over the files it is given; run_program
   * runs nothing and reports the entry it was given, as a program that printed its name.
   */
  private readonly runtime: DeepToolRuntime = {
    test: async ({ files }) => runContentTests(this.options.tests ?? [], files),
    run: async ({ entry }, listener) => {
      listener?.onOutput?.({ stream: 'stdout', text: `ran ${entry}\n` });
      return { status: 'ok', diagnostics: [], durationMs: 1, runtime: 'content-test-double' };
    },
  };

  constructor(
    url: string,
    private readonly options: DeepTestClientOptions,
  ) {
    this.overlay = new WorkspaceOverlay(options.files);
    this.socket = connect(url, { ...SOCKET_PARSER_OPTIONS, transports: ['websocket'], auth: { protocolVersion: PROTOCOL_VERSION }, reconnection: false, forceNew: true });
    this.socket.on('deep-event', (message) => {
      this.events.push(message);
      const { event } = message;
      if (event.kind === 'tool-call' && !(this.options.hold ?? []).includes(event.call.name)) {
        void executeDeepToolCall(this.overlay, event.call, this.runtime, event.timeoutMs).then((outcome) => {
          this.socket.emit('deep-tool-result', { type: 'deep-tool-result', taskId: message.taskId, callId: event.callId, ...outcome });
        });
      }
      for (const wake of [...this.waiters]) wake();
    });
  }

  /** Resolves once connected and welcomed. */
  ready(): Promise<void> {
    return new Promise((resolve) => this.socket.once('ai-status', () => resolve()));
  }

  start(taskId: string, instruction: string, context: DeepStartMessage['context'] = {}): void {
    this.socket.emit('deep-start', { type: 'deep-start', taskId, instruction, context });
  }

  /** The events of one task, in order. */
  of(taskId: string): DeepEvent[] {
    return this.events.filter((message) => message.taskId === taskId).map((message) => message.event);
  }

  /** Waits for the first event of `taskId` that `match` accepts (past ones count). */
  waitFor<K extends DeepEvent['kind']>(
    taskId: string,
    kind: K,
    match: (event: Extract<DeepEvent, { kind: K }>) => boolean = () => true,
    timeoutMs = 10_000,
  ): Promise<Extract<DeepEvent, { kind: K }>> {
    return this.until(
      () => this.of(taskId).find((event): event is Extract<DeepEvent, { kind: K }> => event.kind === kind && match(event as Extract<DeepEvent, { kind: K }>)),
      `a ${kind} event for ${taskId}`,
      taskId,
      timeoutMs,
    );
  }

  /** The task's ending (result, failed or interrupted). */
  ending(taskId: string, timeoutMs = 10_000): Promise<DeepEvent> {
    return this.until(() => this.of(taskId).find((event) => event.kind === 'result' || event.kind === 'failed' || event.kind === 'interrupted'), `the end of ${taskId}`, taskId, timeoutMs);
  }

  private async until<T>(probe: () => T | undefined, what: string, taskId: string, timeoutMs: number): Promise<T> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const found = probe();
      if (found !== undefined) return found;
      const left = deadline - performance.now();
      if (left <= 0) throw new Error(`no ${what} within ${timeoutMs} ms; events: ${JSON.stringify(this.of(taskId).map((event) => event.kind))}`);
      // Woken by the next event (or the deadline), then the probe looks again.
      await new Promise<void>((resolve) => {
        const waiters = this.waiters;
        const timer = setTimeout(done, left);
        function done(): void {
          clearTimeout(timer);
          waiters.delete(done);
          resolve();
        }
        waiters.add(done);
      });
    }
  }

  close(): void {
    this.socket.disconnect();
  }
}
