import { ProviderError } from '../ModelProvider.ts';
import { providerErrorForStatus } from './providerErrorForStatus.ts';
import { redactSecrets } from './redactSecrets.ts';
import type { UpstreamPiece } from './streamGeneration.ts';
import type { UpstreamIdentity } from './UpstreamIdentity.ts';

/** The fields of a Responses server event this adapter reads; the rest is ignored. */
export interface ResponsesEventLike {
  type?: unknown;
  delta?: unknown;
  refusal?: unknown;
  code?: unknown;
  message?: unknown;
  status?: unknown;
  error?: unknown;
  item?: { type?: unknown; call_id?: unknown; id?: unknown; name?: unknown; arguments?: unknown } | null;
  response?: {
    status?: unknown;
    output?: unknown;
    usage?: { input_tokens?: unknown; output_tokens?: unknown } | null;
    incomplete_details?: { reason?: unknown } | null;
    error?: { code?: unknown; message?: unknown } | null;
  };
}

const asNumber = (value: unknown) => (typeof value === 'number' ? value : undefined);
const asString = (value: unknown) => (typeof value === 'string' ? value : undefined);

function usagePiece(event: ResponsesEventLike): UpstreamPiece[] {
  const usage = event.response?.usage;
  if (!usage) return [];
  return [{ type: 'usage', inputTokens: asNumber(usage.input_tokens), outputTokens: asNumber(usage.output_tokens) }];
}

type FunctionCallItem = NonNullable<ResponsesEventLike['item']>;

function functionCallPiece(upstream: UpstreamIdentity, item: FunctionCallItem): UpstreamPiece {
  const name = asString(item.name);
  if (name === undefined) throw new ProviderError('bad-response', `${upstream.name} sent a function call without a name.`);
  const id = asString(item.call_id) ?? asString(item.id) ?? name;
  return { type: 'tool-call', call: { id, name, arguments: asString(item.arguments) ?? '' } };
}

function outputCalls(upstream: UpstreamIdentity, event: ResponsesEventLike): UpstreamPiece[] {
  const output = event.response?.output;
  if (!Array.isArray(output)) return [];
  return output
    .filter((item): item is FunctionCallItem => typeof item === 'object' && item !== null && (item as FunctionCallItem).type === 'function_call')
    .map((item) => functionCallPiece(upstream, item));
}

/** An `error` event: over HTTP SSE `{ code, message }`, over the WebSocket `{ status, error: { code, message } }`. */
function errorEvent(upstream: UpstreamIdentity, event: ResponsesEventLike): ProviderError {
  const nested = typeof event.error === 'object' && event.error !== null ? (event.error as { code?: unknown; message?: unknown }) : undefined;
  const code = asString(nested?.code) ?? asString(event.code);
  const message = asString(nested?.message) ?? asString(event.message) ?? 'unknown error';
  const status = asNumber(event.status) ?? (code === 'rate_limit_exceeded' ? 429 : code === 'invalid_api_key' ? 401 : undefined);
  if (status !== undefined) return providerErrorForStatus(upstream, { status, message, code });
  return new ProviderError('unavailable', redactSecrets(`${upstream.name} failed: ${message}`, upstream.secrets));
}

/**
 * What one Responses streaming event means for a generation (the same events arrive over HTTP
 * SSE and over the WebSocket). Throws a ProviderError for `error`, `response.failed` and refusals.
 */
export function responsesEventPieces(upstream: UpstreamIdentity, event: ResponsesEventLike): UpstreamPiece[] {
  switch (event.type) {
    case 'response.output_text.delta':
      return typeof event.delta === 'string' ? [{ type: 'text', text: event.delta }] : [{ type: 'progress' }];
    case 'response.output_item.added':
      return event.item?.type === 'function_call' ? [{ type: 'tool-call-delta' }] : [{ type: 'progress' }];
    case 'response.function_call_arguments.delta':
      return [{ type: 'tool-call-delta' }];
    case 'response.output_item.done':
      return event.item?.type === 'function_call' ? [functionCallPiece(upstream, event.item)] : [{ type: 'progress' }];
    case 'response.completed':
      // The calls again, for servers that send them only here; streamEvents drops the ones already seen.
      return [...outputCalls(upstream, event), ...usagePiece(event), { type: 'finish', reason: 'stop' }];
    case 'response.incomplete': {
      const reason = event.response?.incomplete_details?.reason;
      return [...usagePiece(event), { type: 'finish', reason: reason === 'max_output_tokens' ? 'length' : 'stop' }];
    }
    case 'response.failed': {
      const message = asString(event.response?.error?.message) ?? 'the response failed';
      throw new ProviderError('unavailable', redactSecrets(`${upstream.name} failed while generating: ${message}`, upstream.secrets));
    }
    case 'response.refusal.done':
      throw new ProviderError('refused', redactSecrets(`${upstream.name} declined: ${asString(event.refusal) ?? 'no reason given'}`, upstream.secrets));
    case 'error':
      throw errorEvent(upstream, event);
    default:
      return [{ type: 'progress' }];
  }
}
