import { RequestId } from '../../shared/clientMessage.ts';

/**
 * The request id of a refused message, when it has a valid one, so the client can end that
 * request at once instead of waiting for its own timeout.
 */
export function requestIdOf(payload: unknown): string | undefined {
  if (typeof payload !== 'object' || payload === null || !('requestId' in payload)) return undefined;
  const parsed = RequestId.safeParse(payload.requestId);
  return parsed.success ? parsed.data : undefined;
}
