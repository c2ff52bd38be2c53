/** A header lookup that works for fetch Headers and plain records. */
export type HeaderSource = { get(name: string): string | null } | Record<string, string | undefined> | undefined;

function header(headers: HeaderSource, name: string): string | undefined {
  if (headers === undefined) return undefined;
  if (typeof headers.get === 'function') return (headers as { get(name: string): string | null }).get(name) ?? undefined;
  return (headers as Record<string, string | undefined>)[name];
}

/**
 * How long a rate-limited client should wait, from `retry-after-ms`, `retry-after` (seconds or an
 * HTTP date) or, failing those, the "try again in 1.5s" that OpenAI-style messages carry (the only
 * hint a Responses WebSocket error event gives). Undefined when nothing says.
 */
export function retryAfterMs(headers: HeaderSource, message = '', now = Date.now()): number | undefined {
  const ms = Number(header(headers, 'retry-after-ms'));
  if (header(headers, 'retry-after-ms') !== undefined && Number.isFinite(ms) && ms >= 0) return Math.ceil(ms);
  const retryAfter = header(headers, 'retry-after');
  if (retryAfter !== undefined && retryAfter.trim() !== '') {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds * 1000);
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  const said = /try again in\s+(\d+(?:\.\d+)?)\s*(ms|s|m)\b/i.exec(message);
  if (said) {
    const value = Number(said[1]);
    const unit = said[2]?.toLowerCase();
    return Math.ceil(unit === 'ms' ? value : unit === 'm' ? value * 60_000 : value * 1000);
  }
  return undefined;
}
