import type { LaneBudgets, LaneName, LaneTimeouts } from './LaneConfig.ts';

/**
 * Defaults per lane. The fast lane asks for short answers often (a suggestion per pause in
 * typing) and must answer within a second or give up; the deep lane asks for long answers
 * rarely and may think for a minute.
 */
export const laneDefaults: Record<LaneName, { budgets: LaneBudgets; timeouts: LaneTimeouts }> = {
  fast: {
    budgets: { maxTokensPerRequest: 128, tokensPerPersonPerHour: 200_000, tokensPerRoomPerHour: 1_000_000, requestsPerPersonPerMinute: 120 },
    timeouts: { firstTokenMs: 10_000, idleMs: 10_000 },
  },
  deep: {
    budgets: { maxTokensPerRequest: 4096, tokensPerPersonPerHour: 500_000, tokensPerRoomPerHour: 2_000_000, requestsPerPersonPerMinute: 20 },
    timeouts: { firstTokenMs: 60_000, idleMs: 60_000 },
  },
};

/** Where each remote adapter points when no base URL is set. */
export const defaultBaseURLs = {
  openai: 'https://api.openai.com/v1',
  llamacpp: 'http://127.0.0.1:8080',
} as const;
