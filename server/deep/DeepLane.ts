import type { DeepBudgets, DeepEventMessage } from '../../shared/deepLane/protocol.ts';
import type { LaneConfig } from '../lanes/LaneConfig.ts';
import type { ModelProvider } from '../providers/ModelProvider.ts';
import { systemRelayClock, type RelayClock } from '../relay/RelayClock.ts';
import { DeepLaneConnection, type DeepLaneState } from './DeepLaneConnection.ts';
import { RelayBudgets, type RelayIdentity } from '../relay/RelayBudgets.ts';
import { DEFAULT_DEEP_BUDGETS, DEFAULT_MAX_REPEATS } from './DeepTaskSettings.ts';

export interface DeepLaneOptions {
  /** The deep lane's configuration (off, embedded or remote). */
  lane: LaneConfig;
  /** Its provider; undefined when the lane is off. The lane does not close it. */
  provider: ModelProvider | undefined;
  clock?: RelayClock;
  /** Per-task budgets; defaults DEFAULT_DEEP_BUDGETS (tokens capped by the lane's per-person hourly budget). */
  budgets?: Partial<DeepBudgets>;
  maxRepeats?: number;
}

/**
 * The server side of the deep lane: one per server, one DeepLaneConnection per socket. Each
 * connection runs at most one task at a time; closing the lane stops every task.
 */
export class DeepLane {
  private readonly state: DeepLaneState;
  private readonly connections = new Set<DeepLaneConnection>();

  constructor(options: DeepLaneOptions) {
    const { lane } = options;
    const perPerson = lane.budgets.tokensPerPersonPerHour;
    const budgets: DeepBudgets = {
      ...DEFAULT_DEEP_BUDGETS,
      // One task may not spend more than the person may spend in an hour.
      ...(perPerson > 0 ? { maxTokens: Math.min(DEFAULT_DEEP_BUDGETS.maxTokens, perPerson) } : {}),
      ...options.budgets,
    };
    const provider = lane.provider === 'off' ? undefined : options.provider;
    const clock = options.clock ?? systemRelayClock;
    this.state = {
      lane,
      provider,
      clock,
      limits: new RelayBudgets(lane.budgets, () => clock.now()),
      budgets,
      maxRepeats: options.maxRepeats ?? DEFAULT_MAX_REPEATS,
    };
  }

  /**
   * A new client; `send` delivers to that client only. `identity` names the person and room at
   * each start (undefined in no room), so budgets follow the person across tabs and the room.
   */
  connect(send: (message: DeepEventMessage) => void, identity: () => RelayIdentity | undefined = () => undefined): DeepLaneConnection {
    const connection = new DeepLaneConnection(this.state, send, () => this.connections.delete(connection), identity);
    this.connections.add(connection);
    return connection;
  }

  /** Stops every task of every connection. */
  close(): void {
    for (const connection of [...this.connections]) connection.close();
  }
}
