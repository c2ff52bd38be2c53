import { ProviderError } from '../ModelProvider.ts';
import { redactSecrets } from './redactSecrets.ts';
import { retryAfterMs, type HeaderSource } from './retryAfterMs.ts';
import type { UpstreamIdentity } from './UpstreamIdentity.ts';

/** What an upstream said with an HTTP error status (or a WebSocket error event carrying one). */
export interface UpstreamFailure {
  status: number;
  /** The upstream's own message, if it sent one. */
  message?: string | undefined;
  /** The upstream's error code, e.g. "rate_limit_exceeded", "insufficient_quota", "context_length_exceeded". */
  code?: string | null | undefined;
  headers?: HeaderSource;
}

/** Maps an upstream HTTP status to a ProviderError whose message says what to do about it. */
export function providerErrorForStatus(upstream: UpstreamIdentity, failure: UpstreamFailure): ProviderError {
  const { status, code } = failure;
  const said = failure.message ? redactSecrets(failure.message, upstream.secrets).trim().slice(0, 300) : '';
  const detail = said ? `: ${said}` : '';
  const make = (kind: ProviderError['code'], text: string, retryAfter?: number) =>
    new ProviderError(kind, redactSecrets(text, upstream.secrets), retryAfter);

  if (status === 401) {
    return make(
      'misconfigured',
      upstream.hasKey
        ? `${upstream.name} rejected the API key (HTTP 401). Check the key configured for this lane.`
        : `${upstream.name} needs an API key (HTTP 401) and none is configured for this lane.`,
    );
  }
  if (status === 403) return make('misconfigured', `${upstream.name} refused access (HTTP 403)${detail}`);
  if (status === 404) {
    return make(
      'misconfigured',
      `${upstream.name} has no such model or path (HTTP 404)${detail}. Check the model name and the base URL (OpenAI-compatible servers usually want it to end in /v1).`,
    );
  }
  if (status === 429) {
    if (code === 'insufficient_quota') return make('misconfigured', `${upstream.name} says the account is out of quota (HTTP 429)${detail}`);
    const wait = retryAfterMs(failure.headers, failure.message);
    const when = wait === undefined ? '' : ` Try again in ${wait < 1000 ? `${wait} ms` : `${Math.ceil(wait / 1000)} s`}.`;
    return make('rate-limited', `${upstream.name} is rate limiting requests (HTTP 429).${when}`, wait);
  }
  if (status === 408 || status === 504) return make('timeout', `${upstream.name} timed out (HTTP ${status})${detail}`);
  if (status === 400 && code === 'context_length_exceeded') {
    return make('refused', `The prompt is too long for ${upstream.name} (HTTP 400)${detail}`);
  }
  if (status === 413) return make('refused', `The prompt is too large for ${upstream.name} (HTTP 413)`);
  if (status === 503 && /loading model/i.test(said)) return make('unavailable', `${upstream.name} is still loading the model (HTTP 503). Try again shortly.`, retryAfterMs(failure.headers));
  if (status >= 500) return make('unavailable', `${upstream.name} is unavailable (HTTP ${status})${detail}`, retryAfterMs(failure.headers));
  return make('refused', `${upstream.name} refused the request (HTTP ${status})${detail}`);
}
