import type { DeepToolResultMessage } from './protocol.ts';

/** What a tool run produces: a deep-tool-result without its addressing (type, taskId, callId). */
export type DeepToolOutcome = Omit<DeepToolResultMessage, 'type' | 'taskId' | 'callId'>;
