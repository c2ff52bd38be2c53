import type { DeepBudgets } from '../../shared/deepLane/protocol.ts';
import type { ToolGenerateEvent, ToolGenerateRequest } from '../providers/ModelProvider.ts';
import type { RelayClock } from '../relay/RelayClock.ts';
import type { SlidingWindowLimit } from '../relay/SlidingWindowLimit.ts';

/** A token budget over time that a task's turns are charged to (the person's, the room's). */
export interface TokenWindow {
  whose: 'person' | 'room';
  limit: SlidingWindowLimit;
}

/** What every task of one deep lane shares. */
export interface DeepTaskSettings {
  /** The lane's model, able to call tools. */
  generate(request: ToolGenerateRequest): AsyncIterable<ToolGenerateEvent>;
  adapter: string;
  model: string;
  budgets: DeepBudgets;
  /** Output tokens one model turn may ask for (the lane's maxTokensPerRequest). */
  maxTokensPerTurn: number;
  /**
   * The same call (tool and arguments) this many times with no patch applied in between, and the
   * task stops as "looping": the model is going round in circles.
   */
  maxRepeats: number;
  clock: RelayClock;
  /** Hourly token budgets: every turn is charged to each; none left stops the task before its next turn. */
  tokenWindows: readonly TokenWindow[];
}

/** Defaults for a task's budgets: a real refactor takes a few dozen turns and minutes, not hours. */
export const DEFAULT_DEEP_BUDGETS: DeepBudgets = {
  maxTurns: 40,
  maxTokens: 500_000,
  maxWallTimeMs: 15 * 60_000,
  // A full test run in the browser may take its own 30 s limit, plus booting the runtime.
  toolTimeoutMs: 60_000,
};

export const DEFAULT_MAX_REPEATS = 3;
