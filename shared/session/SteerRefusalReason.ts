import { z } from 'zod';

/**
 * Why a steer was not queued; its text is always given back:
 * - `stale-turn`: it was typed during a turn that is already over;
 * - `no-turn-yet`: the task has not started its first model turn, so there is no turn to name;
 * - `already-queued`: another steer waits for the next turn;
 * - `not-running`: no task is running (proposed, in review, or ended);
 * - `task-ended`: the task ended while the steer waited;
 * - `server`: the server refused it (its reason is the message).
 */
export const SteerRefusalReason = z.enum(['stale-turn', 'no-turn-yet', 'already-queued', 'not-running', 'task-ended', 'server']);
export type SteerRefusalReason = z.infer<typeof SteerRefusalReason>;
