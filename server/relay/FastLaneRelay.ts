import type { AiStatusMessage } from '../../shared/serverMessage.ts';
import type { LanesConfig } from '../lanes/LaneConfig.ts';
import type { ModelProvider } from '../providers/ModelProvider.ts';
import { DEFAULT_PROMPT_BUDGET, type PromptBudget } from '../prompt/promptBudget.ts';
import { describeAiStatus } from './describeAiStatus.ts';
import { systemRelayClock, type RelayClock } from './RelayClock.ts';
import { RelayConnection } from './RelayConnection.ts';
import type { RelayMessage } from './RelayMessage.ts';
import { RelayBudgets, type RelayIdentity } from './RelayBudgets.ts';

export interface FastLaneRelayOptions {
  lanes: LanesConfig;
  /** The fast lane's provider; undefined when the lane is off. The relay does not close it. */
  provider: ModelProvider | undefined;
  clock?: RelayClock;
  /**
   * How long streamed text may wait to be joined into one batch (default 5 ms) while at most
   * `busyStreams` requests stream at once; with more, the wait grows with their number, up to 4×.
   */
  flushMs?: number;
  /** Requests streaming at once (over every connection) above which batches wait longer (default 25). */
  busyStreams?: number;
  /** Pending text this long goes out at once (default 1024 characters). */
  maxBatchChars?: number;
  /** Requests one connection may have in flight; a newer one interrupts the oldest (default 2). */
  maxInFlight?: number;
  promptBudget?: PromptBudget;
}

/** What every connection of one relay shares. */
export interface RelaySettings {
  lanes: LanesConfig;
  provider: ModelProvider | undefined;
  clock: RelayClock;
  flushMs: number;
  busyStreams: number;
  /** Requests streaming now, over every connection of this relay. */
  streaming: { count: number };
  maxBatchChars: number;
  maxInFlight: number;
  promptBudget: PromptBudget;
  /** The budgets that span connections: per person and per room. */
  budgets: RelayBudgets;
}

/**
 * The server side of the fast lane (ghost-text suggestions and quick edits): one per server,
 * one RelayConnection per socket. It owns the budgets that span connections and knows every open
 * connection, so closing it aborts every upstream call at once.
 */
export class FastLaneRelay {
  private readonly settings: RelaySettings;
  private readonly connections = new Set<RelayConnection>();

  constructor(options: FastLaneRelayOptions) {
    const clock = options.clock ?? systemRelayClock;
    this.settings = {
      lanes: options.lanes,
      provider: options.lanes.fast.provider === 'off' ? undefined : options.provider,
      clock,
      flushMs: options.flushMs ?? 5,
      busyStreams: options.busyStreams ?? 25,
      streaming: { count: 0 },
      maxBatchChars: options.maxBatchChars ?? 1024,
      maxInFlight: options.maxInFlight ?? 2,
      promptBudget: options.promptBudget ?? DEFAULT_PROMPT_BUDGET,
      budgets: new RelayBudgets(options.lanes.fast.budgets, () => clock.now()),
    };
  }

  /** What to tell a client right after `welcome`. */
  status(): AiStatusMessage {
    return describeAiStatus(this.settings.lanes);
  }

  /**
   * A new client: its requests, budgets and in-flight slots. `send` delivers to that client only.
   * `identity` says, at each request, which person in which room asks (undefined while the
   * connection is in no room): that person's budget is then shared by all their connections, and
   * the room's by everyone in it.
   */
  connect(send: (message: RelayMessage) => void, identity: () => RelayIdentity | undefined = () => undefined): RelayConnection {
    const connection = new RelayConnection(this.settings, send, () => this.connections.delete(connection), identity);
    this.connections.add(connection);
    return connection;
  }

  /** Aborts every request of every connection. */
  close(): void {
    for (const connection of [...this.connections]) connection.close();
  }
}
