/**
 * A token count for text whose real count the upstream did not report (a cancelled stream, an
 * endpoint that ignores `stream_options`). About four characters a token for code and English;
 * budgets need an order of magnitude, not an exact figure.
 */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}
