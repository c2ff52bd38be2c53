/**
 * Removes credentials from text that may reach a log, an error or the UI: the configured keys
 * themselves, bearer tokens, and anything shaped like an OpenAI-style key.
 */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text;
  for (const secret of secrets) {
    if (secret !== undefined && secret.length >= 4) out = out.split(secret).join('[redacted]');
  }
  return out
    .replace(/\bBearer\s+[^\s"',;]+/gi, 'Bearer [redacted]')
    .replace(/\b(sk|gsk|csk|xai|pk)-[A-Za-z0-9_*-]{8,}/g, '[redacted]');
}
