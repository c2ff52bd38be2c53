import type { z } from 'zod';
import { clientMessageSchemas, type ClientMessage, type ClientMessageType } from '../shared/clientMessage.ts';
import type { ErrorMessage } from '../shared/serverMessage.ts';
import { InboundMessageLimit } from './InboundMessageLimit.ts';
import { MESSAGE_LIMITS } from './messageLimits.ts';

export type ClientMessageHandlers = {
  [K in ClientMessageType]: (message: Extract<ClientMessage, { type: K }>) => void | Promise<void>;
};

function isClientMessageType(event: string): event is ClientMessageType {
  return Object.hasOwn(clientMessageSchemas, event);
}

function formatIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.length ? issue.path.join('.') : '(message)'}: ${issue.message}`);
}

/**
 * The single entry for every inbound event: rate check (when given the connection's `limit`),
 * size check, schema check, then the typed handler. Returns the error to send back, or undefined
 * when the message was handled. A handler that throws becomes an "internal" error for that
 * message; it never takes the server down.
 */
export async function dispatchClientMessage(
  event: string,
  args: unknown[],
  handlers: ClientMessageHandlers,
  limit?: InboundMessageLimit,
): Promise<ErrorMessage | undefined> {
  if (limit && !limit.take(event)) {
    const name = event.slice(0, 64);
    return { type: 'error', code: 'rate-limited', message: `${InboundMessageLimit.describe(event)}; "${name}" was dropped`, refused: name };
  }
  if (!isClientMessageType(event)) {
    return { type: 'error', code: 'unknown-message', message: `Unknown message "${event.slice(0, 64)}"`, refused: event.slice(0, 64) };
  }
  const payload = args[0];
  let size: number;
  try {
    size = Buffer.byteLength(JSON.stringify(payload) ?? '');
  } catch {
    return { type: 'error', code: 'invalid-message', message: `"${event}" is not JSON-serialisable`, refused: event };
  }
  if (size > MESSAGE_LIMITS.maxMessageBytes) {
    return {
      type: 'error',
      code: 'too-large',
      message: `"${event}" is ${size} bytes; the limit is ${MESSAGE_LIMITS.maxMessageBytes}`,
      refused: event,
    };
  }
  const parsed = clientMessageSchemas[event].safeParse(payload);
  if (!parsed.success) {
    return {
      type: 'error',
      code: 'invalid-message',
      message: `"${event}" does not match its schema`,
      refused: event,
      issues: formatIssues(parsed.error),
    };
  }
  const handler = handlers[event] as (message: ClientMessage) => void | Promise<void>;
  try {
    await handler(parsed.data);
    return undefined;
  } catch (error) {
    console.error(`handler for "${event}" failed:`, error);
    return { type: 'error', code: 'internal', message: `The server failed to handle "${event}"`, refused: event };
  }
}
