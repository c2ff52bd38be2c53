import OpenAI from 'openai';

/** Where an OpenAI-compatible endpoint is and how to authenticate to it. */
export interface OpenAIEndpoint {
  /** e.g. https://api.openai.com/v1, http://127.0.0.1:8000/v1 (vLLM), http://127.0.0.1:11434/v1 (Ollama). */
  baseURL: string;
  /** Omitted for self-hosted servers that take none: no Authorization header is sent then. */
  apiKey?: string | undefined;
}

/**
 * An SDK client that reads nothing from the environment (the lane configuration decides), never
 * retries on its own (the lane has budgets and the fast lane would rather show nothing than show
 * it late), and logs nothing unless OPENAI_LOG asks (the SDK redacts keys in its own logs).
 */
export function createOpenAIClient(endpoint: OpenAIEndpoint): OpenAI {
  const logLevel = process.env.OPENAI_LOG;
  const client = new OpenAI({
    baseURL: endpoint.baseURL,
    // The SDK refuses to start without a key; a placeholder is removed again below.
    apiKey: endpoint.apiKey ?? 'no-key',
    adminAPIKey: null,
    organization: null,
    project: null,
    webhookSecret: null,
    maxRetries: 0,
    timeout: 10 * 60 * 1000,
    logLevel: logLevel === 'debug' || logLevel === 'info' || logLevel === 'warn' || logLevel === 'error' ? logLevel : 'off',
    defaultHeaders: endpoint.apiKey === undefined ? { Authorization: null } : undefined,
  });
  if (endpoint.apiKey === undefined) client.apiKey = null;
  return client;
}
