import type { z } from 'zod';
import {
  ROOM_LIMITS,
  isRoomMessageType,
  roomClientMessageSchemas,
  type RoomClientMessage,
  type RoomClientMessageType,
  type RoomErrorMessage,
} from '../../shared/roomMessage.ts';
import { parseRoomAwarenessFast, parseRoomSyncFast } from '../../shared/rooms/parseRoomSyncFast.ts';

export type RoomMessageHandlers = {
  [K in RoomClientMessageType]: (message: Extract<RoomClientMessage, { type: K }>) => void | Promise<void>;
};

/**
 * The size of a payload as it travels: binary attachments by their length, the rest as JSON text.
 * Binary fields are never handed to JSON.stringify: Node's Buffer (what socket.io delivers) has a
 * toJSON that spells out every byte as a number, which costs time on every keystroke and would
 * count a document at three to four times its size against the limit.
 */
export function roomMessageBytes(payload: unknown): number {
  if (payload instanceof Uint8Array) return payload.byteLength;
  let binary = 0;
  let rest = payload;
  if (typeof payload === 'object' && payload !== null && !Array.isArray(payload)) {
    const fields: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(payload)) {
      if (value instanceof Uint8Array) {
        binary += value.byteLength;
        fields[key] = 0;
      } else fields[key] = value;
    }
    rest = fields;
  }
  // Deeper binary (no room message has any) is counted by its length too: the replacer sees the
  // holder's own value, before toJSON.
  const json = JSON.stringify(rest, function (this: Record<string, unknown>, key: string, value: unknown) {
    const own = this[key];
    if (own instanceof Uint8Array) {
      binary += own.byteLength;
      return 0;
    }
    return value;
  });
  return binary + Buffer.byteLength(json ?? '');
}

function limitFor(event: RoomClientMessageType): number {
  if (event === 'room-sync') return ROOM_LIMITS.maxSyncBytes + ROOM_LIMITS.maxMessageBytes;
  if (event === 'room-awareness') return ROOM_LIMITS.maxAwarenessBytes + ROOM_LIMITS.maxMessageBytes;
  return ROOM_LIMITS.maxMessageBytes;
}

function fieldsOf(payload: unknown): Pick<RoomErrorMessage, 'roomId' | 'requestId' | 'ackId'> {
  if (typeof payload !== 'object' || payload === null) return {};
  const { roomId, requestId, ackId } = payload as Record<string, unknown>;
  return {
    ...(typeof roomId === 'string' && roomId.length <= 64 ? { roomId } : {}),
    ...(typeof requestId === 'string' && requestId.length <= 128 ? { requestId } : {}),
    ...(typeof ackId === 'number' && Number.isInteger(ackId) && ackId >= 0 ? { ackId } : {}),
  };
}

/**
 * The single entry for every rooms event, in the style of dispatchClientMessage: size check,
 * schema check, then the typed handler. Returns the error to send back, or undefined when the
 * message was handled. A handler that throws becomes an "internal" error for that message.
 * Events outside the rooms protocol are not ours: undefined, untouched.
 */
export async function dispatchRoomMessage(event: string, args: unknown[], handlers: RoomMessageHandlers): Promise<RoomErrorMessage | undefined> {
  if (!isRoomMessageType(event)) return undefined;
  const payload = args[0];
  // A keystroke's room-sync and a cursor move's room-awareness, checked by hand to the schema's
  // rules (and always within the size limit); any other shape takes the full path below.
  const hot = event === 'room-sync' ? parseRoomSyncFast(payload) : event === 'room-awareness' ? parseRoomAwarenessFast(payload) : undefined;
  if (hot) return handle(event, handlers, hot, payload);
  const echo = { refused: event, ...fieldsOf(payload) };
  let size: number;
  try {
    size = roomMessageBytes(payload);
  } catch {
    return { type: 'room-error', code: 'invalid-message', message: `"${event}" is not serialisable`, ...echo };
  }
  const limit = limitFor(event);
  if (size > limit) {
    return { type: 'room-error', code: 'too-large', message: `"${event}" is ${size} bytes; the limit is ${limit}`, ...echo };
  }
  const parsed = roomClientMessageSchemas[event].safeParse(payload);
  if (!parsed.success) {
    const tooLarge = parsed.error.issues.some((issue) => issue.message.startsWith('larger than'));
    return {
      type: 'room-error',
      code: tooLarge ? 'too-large' : 'invalid-message',
      message: `"${event}" does not match its schema`,
      issues: formatIssues(parsed.error),
      ...echo,
    };
  }
  return handle(event, handlers, parsed.data, payload);
}

async function handle(event: RoomClientMessageType, handlers: RoomMessageHandlers, message: RoomClientMessage, payload: unknown): Promise<RoomErrorMessage | undefined> {
  const handler = handlers[event] as (message: RoomClientMessage) => void | Promise<void>;
  try {
    await handler(message);
    return undefined;
  } catch (error) {
    console.error(`room handler for "${event}" failed:`, error);
    return { type: 'room-error', code: 'internal', message: `The server failed to handle "${event}"`, refused: event, ...fieldsOf(payload) };
  }
}

function formatIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.length ? issue.path.join('.') : '(message)'}: ${issue.message}`);
}
