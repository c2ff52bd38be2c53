import { z } from 'zod';

/**
 * Which AI answer a document change came from. A change the person accepted from a lane carries
 * one: it enters the document as one Yjs transaction, is sent to the room with it, and the room's
 * event log records the edit under the person *and* the lane. Text never accepted never has one,
 * because it never enters the document (ghost text, a streaming quick edit and a deep-lane task's
 * staged files all live outside it).
 */
export const AiAttribution = z.object({
  lane: z.enum(['fast', 'quick-edit', 'deep']),
  /** The model that wrote it, as the lane names it. */
  model: z.string().min(1).max(200),
  /** The suggestion, quick edit or deep task it came from. */
  requestId: z.string().min(1).max(128),
});
export type AiAttribution = z.infer<typeof AiAttribution>;
