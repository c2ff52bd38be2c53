import type { AiLaneStatus, AiStatusMessage } from '../../shared/serverMessage.ts';
import { describeLaneConfig } from '../lanes/describeLaneConfig.ts';
import type { LaneConfig, LanesConfig } from '../lanes/LaneConfig.ts';

function laneStatus(config: LaneConfig): AiLaneStatus {
  const description = describeLaneConfig(config);
  return {
    lane: description.lane,
    enabled: description.enabled,
    provider: description.provider,
    ...(description.model !== undefined ? { model: description.model } : {}),
    ...(description.endpoint !== undefined ? { endpoint: description.endpoint } : {}),
    summary: description.summary,
    ...(description.reason !== undefined ? { reason: description.reason } : {}),
    ...(description.howToEnable !== undefined ? { howToEnable: description.howToEnable } : {}),
    limits: { ...description.budgets },
  };
}

/** The `ai-status` message: each lane on or off, described without secrets, with how to turn it on. */
export function describeAiStatus(lanes: LanesConfig): AiStatusMessage {
  return { type: 'ai-status', lanes: { fast: laneStatus(lanes.fast), deep: laneStatus(lanes.deep) } };
}
