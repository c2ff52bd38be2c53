import { ProviderError } from '../ModelProvider.ts';
import { redactSecrets } from './redactSecrets.ts';
import type { UpstreamIdentity } from './UpstreamIdentity.ts';

function causes(error: unknown): unknown[] {
  const chain: unknown[] = [];
  let current: unknown = error;
  while (current !== undefined && current !== null && chain.length < 8) {
    chain.push(current);
    current = typeof current === 'object' ? (current as { cause?: unknown }).cause : undefined;
  }
  return chain;
}

function codeOf(error: unknown): string | undefined {
  for (const link of causes(error)) {
    const code = typeof link === 'object' && link !== null ? (link as { code?: unknown }).code : undefined;
    if (typeof code === 'string' && /^[A-Z_]+$/.test(code)) return code;
  }
  return undefined;
}

/**
 * A ProviderError for a failure below HTTP (refused connection, unknown host, dropped socket),
 * found by the system error code anywhere in the error's cause chain; undefined if there is none.
 */
export function networkFailure(upstream: UpstreamIdentity, error: unknown): ProviderError | undefined {
  const code = codeOf(error);
  const text = (message: string) => redactSecrets(message, upstream.secrets);
  switch (code) {
    case 'ECONNREFUSED':
      return new ProviderError('unavailable', text(`Cannot reach ${upstream.name}: connection refused. Is the model server running?`));
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new ProviderError('unavailable', text(`Cannot reach ${upstream.name}: the host name does not resolve.`));
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return new ProviderError('unavailable', text(`Cannot reach ${upstream.name}: no route to the host.`));
    case 'ECONNRESET':
    case 'EPIPE':
    case 'UND_ERR_SOCKET':
    case 'UND_ERR_CLOSED':
      return new ProviderError('unavailable', text(`${upstream.name} dropped the connection.`));
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
    case 'UND_ERR_HEADERS_TIMEOUT':
      return new ProviderError('timeout', text(`${upstream.name} did not answer in time (connection timed out).`));
    case 'CERT_HAS_EXPIRED':
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return new ProviderError('misconfigured', text(`${upstream.name} presented a TLS certificate this server does not trust (${code}).`));
    default:
      break;
  }
  // undici reports a body cut off mid-stream as a bare TypeError("terminated").
  if (error instanceof TypeError && error.message === 'terminated') {
    return new ProviderError('unavailable', text(`${upstream.name} dropped the connection mid-stream.`));
  }
  return undefined;
}
