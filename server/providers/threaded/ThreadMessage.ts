import type { GenerateRequest, ProviderError, Usage } from '../ModelProvider.ts';

/** A generation as it crosses to a provider thread: the request without its signal (a cancel is a message). */
export type ThreadRequest = Omit<GenerateRequest, 'signal'>;

/** What the main thread tells a provider thread. */
export type ToThreadMessage = { type: 'generate'; id: number; request: ThreadRequest } | { type: 'cancel'; id: number };

/**
 * What a provider thread tells the main thread about generation `id`: text (the first text at
 * once, later text joined per turn of the thread's event loop), then exactly one `done` or `error`.
 */
export type GenerationMessage =
  | { type: 'text'; id: number; text: string }
  | { type: 'done'; id: number; finishReason: 'stop' | 'length' | 'cancelled'; usage: Usage }
  | { type: 'error'; id: number; code: ProviderError['code']; message: string; retryAfterMs: number | undefined };

/**
 * What a provider thread posts: one generation's message, or `texts`, the text every generation
 * of the thread read in one turn of its event loop: generation ids and their text, alternating.
 */
export type FromThreadMessage = GenerationMessage | { type: 'texts'; texts: (number | string)[] } | { type: 'ready' };
