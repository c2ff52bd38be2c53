/** How an adapter names its upstream in error messages, and what must never appear in them. */
export interface UpstreamIdentity {
  /** e.g. `model "gpt-4.1-mini" at https://api.openai.com/v1` (no credentials). */
  name: string;
  /** Whether a key was configured: a 401 reads differently with and without one. */
  hasKey: boolean;
  /** Redacted from every message. */
  secrets: readonly (string | undefined)[];
}
