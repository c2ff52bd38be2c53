import { readLanesConfig } from '../server/lanes/readLanesConfig.ts';
import type { LanesConfig } from '../server/lanes/LaneConfig.ts';

/**
 * The fast lane of the relay benchmark: the openai-chat adapter pointed at the scripted
 * upstream, through the same env → lanes path the production server takes. The budgets are
 * raised (not switched off, so their bookkeeping still runs on every request): a person's
 * 120 requests a minute and 200,000 tokens an hour would refuse a benchmark that streams
 * thousands of tokens a second through each of 100 connections. `threads` is PAIRLANE_FAST_THREADS:
 * the relay's server runs the adapter on that many worker threads; the bench's direct reference
 * reads in its own event loop (0).
 */
export function relayBenchLanes(upstreamBaseURL: string, threads = 0): LanesConfig {
  return readLanesConfig(
    {
      PAIRLANE_FAST_PROVIDER: 'openai-chat',
      PAIRLANE_FAST_BASE_URL: upstreamBaseURL,
      PAIRLANE_FAST_MODEL: 'scripted-coder',
      PAIRLANE_FAST_API_KEY: 'sk-bench-not-a-real-key',
      PAIRLANE_FAST_MAX_TOKENS: '20000',
      PAIRLANE_FAST_TOKENS_PER_PERSON_PER_HOUR: '1000000000',
      PAIRLANE_FAST_TOKENS_PER_ROOM_PER_HOUR: '100000000000',
      PAIRLANE_FAST_REQUESTS_PER_MINUTE: '100000',
      PAIRLANE_FAST_THREADS: String(threads),
      PAIRLANE_DEEP_PROVIDER: 'off',
    },
    { findLocalModel: () => undefined, modelsDir: 'models' },
  );
}
