import type {
  DeepBudgets,
  DeepEvent,
  DeepEventMessage,
  DeepFailureStatus,
  DeepInterruptMessage,
  DeepStartMessage,
  DeepSteerMessage,
  DeepToolResultMessage,
} from '../../shared/deepLane/protocol.ts';
import { describeLaneConfig } from '../lanes/describeLaneConfig.ts';
import type { LaneConfig } from '../lanes/LaneConfig.ts';
import type { ModelProvider } from '../providers/ModelProvider.ts';
import type { RelayClock } from '../relay/RelayClock.ts';
import type { RelayBudgets, RelayIdentity, RequestLimits } from '../relay/RelayBudgets.ts';
import { DeepTask } from './DeepTask.ts';

/** What every connection of one deep lane shares. */
export interface DeepLaneState {
  lane: LaneConfig;
  provider: ModelProvider | undefined;
  clock: RelayClock;
  /** Deep-lane tokens per person and per room (the server's connections in no room count as one room). */
  limits: RelayBudgets;
  budgets: DeepBudgets;
  maxRepeats: number;
}

/** Task ids remembered per connection, so a reused id is refused and late messages find their sequence. */
const REMEMBERED_TASKS = 64;

/**
 * One client's deep lane. One task at a time: a `deep-start` while a task runs is answered, under
 * the new task's id, by `failed` "busy" (the running task goes on; interrupt it first). Messages
 * for a task that is not running are answered where an answer helps (a steer is refused with
 * its text) and dropped otherwise (an interrupt or a tool result arriving after the ending).
 */
export class DeepLaneConnection {
  private task: DeepTask | undefined;
  /** Next sequence number per task id, oldest first. */
  private readonly seqs = new Map<string, number>();
  private closed = false;
  /**
   * This connection's own deep-lane limits while it is in no room: tokens per hour, task starts
   * per minute (the lane's REQUESTS_PER_MINUTE), and the server-wide room budget.
   */
  private readonly ownLimits: RequestLimits;

  constructor(
    private readonly state: DeepLaneState,
    private readonly send: (message: DeepEventMessage) => void,
    private readonly onClose: () => void,
    private readonly identity: () => RelayIdentity | undefined = () => undefined,
  ) {
    this.ownLimits = state.limits.forConnection();
  }

  start(message: DeepStartMessage): void {
    if (this.closed) return;
    const { taskId } = message;
    const { lane, provider } = this.state;
    if (this.task && !this.task.done) {
      return this.refuse(taskId, 'busy', `Task "${this.task.taskId}" is still running: one deep task per person at a time. Interrupt it (or wait for its result) first.`);
    }
    if (this.seqs.has(taskId)) return this.refuse(taskId, 'invalid-request', `Task id "${taskId}" was already used on this connection; start with a new id.`);
    const description = describeLaneConfig(lane);
    if (lane.provider === 'off' || provider === undefined) {
      const how = lane.provider === 'off' ? lane.howToEnable : 'Restart the server with a deep-lane model configured.';
      return this.refuse(taskId, 'ai-off', `The deep lane is off${lane.provider === 'off' ? `: ${lane.reason}` : ''}. ${how}`);
    }
    const generate = provider.generateWithTools?.bind(provider);
    if (!generate) {
      return this.refuse(
        taskId,
        'unsupported',
        `The deep lane's adapter (${description.provider}) cannot call tools. Set PAIRLANE_DEEP_PROVIDER to openai-chat, openai-responses, openai-responses-ws or embedded.`,
      );
    }
    // In a room, a person's budget is theirs across tabs, and the room's is everyone's in it.
    const identity = this.identity();
    const limits = identity ? this.state.limits.forIdentity(identity) : this.ownLimits;
    if (limits.personRequests.remaining() < 1) {
      const seconds = Math.max(1, Math.ceil(limits.personRequests.retryAfterMs() / 1000));
      return this.refuse(taskId, 'rate-limited', `More than ${limits.personRequests.limit} deep tasks started in a minute; try again in ${seconds} s.`);
    }
    limits.personRequests.charge(1);
    const { adapter, model } = provider.describe();
    const task = new DeepTask(
      {
        generate,
        adapter,
        model,
        budgets: this.state.budgets,
        maxTokensPerTurn: lane.budgets.maxTokensPerRequest,
        maxRepeats: this.state.maxRepeats,
        clock: this.state.clock,
        tokenWindows: [
          { whose: 'person', limit: limits.personTokens },
          { whose: 'room', limit: limits.roomTokens },
        ],
      },
      message,
      (event) => this.emit(taskId, event),
    );
    this.task = task;
    void task.run().then(() => {
      if (this.task === task) this.task = undefined;
    });
  }

  steer(message: DeepSteerMessage): void {
    if (this.task?.taskId === message.taskId && !this.task.done) return this.task.steer(message);
    this.emit(message.taskId, { kind: 'steer-refused', reason: `Task "${message.taskId}" is not running.`, text: message.text });
  }

  interrupt(message: DeepInterruptMessage): void {
    if (this.task?.taskId === message.taskId) this.task.interrupt();
  }

  toolResult(message: DeepToolResultMessage): void {
    if (this.task?.taskId === message.taskId) this.task.toolResult(message);
  }

  /** The client disconnected (or the server is closing): its task stops and nothing more is sent. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.task?.abandon();
    this.onClose();
  }

  private emit(taskId: string, event: DeepEvent): void {
    if (this.closed) return;
    const seq = this.seqs.get(taskId) ?? 0;
    this.seqs.delete(taskId);
    this.seqs.set(taskId, seq + 1);
    if (this.seqs.size > REMEMBERED_TASKS) {
      const oldest = this.seqs.keys().next().value;
      if (oldest !== undefined && oldest !== this.task?.taskId) this.seqs.delete(oldest);
    }
    this.send({ type: 'deep-event', taskId, seq, event });
  }

  /** A start that never became a task (refused here, or by the room policy before it got here): its one event is `failed`. */
  refuse(taskId: string, status: DeepFailureStatus, message: string): void {
    const { lane, provider } = this.state;
    const description = provider?.describe();
    const figures = {
      lane: 'deep' as const,
      adapter: description?.adapter ?? lane.provider,
      model: description?.model ?? ('model' in lane ? lane.model : 'none'),
      inputTokens: 0,
      outputTokens: 0,
      timeToFirstTokenMs: null,
      durationMs: 0,
      turns: 0,
      toolCalls: 0,
    };
    this.emit(taskId, { kind: 'failed', status, message, figures });
    // A refused start used no id: the client may try it again (e.g. after interrupting the running task).
    this.seqs.delete(taskId);
  }
}
