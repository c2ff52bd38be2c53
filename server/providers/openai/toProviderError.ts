import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { ProviderError } from '../ModelProvider.ts';
import { networkFailure } from './networkFailure.ts';
import { providerErrorForStatus } from './providerErrorForStatus.ts';
import { redactSecrets } from './redactSecrets.ts';
import type { UpstreamIdentity } from './UpstreamIdentity.ts';

function upstreamMessage(error: APIError): string | undefined {
  const body = error.error;
  if (typeof body === 'object' && body !== null) {
    const message = (body as { message?: unknown }).message;
    if (typeof message === 'string') return message;
  }
  return undefined;
}

/**
 * Maps whatever the OpenAI SDK (or fetch under it) threw to a ProviderError with a message a
 * person can act on. Never lets a key through: every message is redacted.
 */
export function toProviderError(upstream: UpstreamIdentity, error: unknown): ProviderError {
  if (error instanceof ProviderError) return error;
  const text = (message: string) => redactSecrets(message, upstream.secrets);
  if (error instanceof APIConnectionTimeoutError) return new ProviderError('timeout', text(`${upstream.name} did not answer in time.`));
  if (error instanceof APIUserAbortError) return new ProviderError('unavailable', text(`The request to ${upstream.name} was aborted.`));
  if (error instanceof APIConnectionError) {
    return networkFailure(upstream, error) ?? new ProviderError('unavailable', text(`Cannot reach ${upstream.name}: ${error.message}`));
  }
  if (error instanceof APIError) {
    if (error.status !== undefined) {
      return providerErrorForStatus(upstream, { status: error.status, message: upstreamMessage(error), code: error.code, headers: error.headers });
    }
    // An error object inside an otherwise healthy stream: the model failed part-way.
    const said = upstreamMessage(error) ?? error.message;
    if (error.code === 'rate_limit_exceeded') return providerErrorForStatus(upstream, { status: 429, message: said, code: error.code });
    return new ProviderError('unavailable', text(`${upstream.name} failed while generating: ${said}`));
  }
  const network = networkFailure(upstream, error);
  if (network) return network;
  if (error instanceof SyntaxError) return new ProviderError('bad-response', text(`${upstream.name} sent a stream chunk that is not valid JSON.`));
  const message = error instanceof Error ? error.message : String(error);
  return new ProviderError('bad-response', text(`${upstream.name} answered in a way this adapter does not understand: ${message}`));
}
