import { z } from 'zod';

/**
 * One entry of a room's event log: what happened, when, and who did it. The log drives replay
 * and the host's session report, so every kind a later reader needs is named here, in one place.
 */

/**
 * - join / leave: a person's connection entered or left the room;
 * - edit: one person's changes over a short window (payload: from, to, updates, and `update`, the
 *   merged Yjs update in base64: replay applies these in order);
 * - run / run-result: a run or test run started, and its summary;
 * - ai-request, suggestion-shown, suggestion-accepted, suggestion-rejected: the AI lanes, with lane and model;
 * - paste, focus-loss: signals the host sees in the report;
 * - policy: the host changed the room policy;
 * - refused: the server refused a message (payload: event, reason).
 */
export const RoomEventKind = z.enum([
  'join',
  'leave',
  'edit',
  'run',
  'run-result',
  'ai-request',
  'suggestion-shown',
  'suggestion-accepted',
  'suggestion-rejected',
  'paste',
  'focus-loss',
  'policy',
  'refused',
]);
export type RoomEventKind = z.infer<typeof RoomEventKind>;

/**
 * The largest payload, as JSON text: room enough for an edit batch (a merged update of up to a
 * sync message's 512 KiB, in base64); a larger one is a bug in the caller, not a log entry.
 */
export const ROOM_EVENT_MAX_PAYLOAD_CHARS = 1024 * 1024;

/** An event to append: the store gives it its sequence number. */
export const NewRoomEvent = z.object({
  roomId: z.string().min(1).max(64),
  /** Milliseconds since the epoch. */
  at: z.number().int().nonnegative(),
  /** Who did it; "server" for what the server did on its own. */
  personId: z.string().min(1).max(64),
  kind: RoomEventKind,
  payload: z.json().refine((payload) => JSON.stringify(payload).length <= ROOM_EVENT_MAX_PAYLOAD_CHARS, {
    message: `payload is larger than ${ROOM_EVENT_MAX_PAYLOAD_CHARS} characters of JSON`,
  }),
});
export type NewRoomEvent = z.infer<typeof NewRoomEvent>;

/** An event as stored: `seq` orders events of one room that share a millisecond. */
export const RoomEvent = NewRoomEvent.extend({ seq: z.number().int().nonnegative() });
export type RoomEvent = z.infer<typeof RoomEvent>;
