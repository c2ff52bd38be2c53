import { basename } from 'node:path';
import { endpointForDisplay } from '../providers/openai/endpointForDisplay.ts';
import type { LaneBudgets, LaneConfig, LaneName, LaneTimeouts } from './LaneConfig.ts';

/** A lane's configuration as the startup log and the UI show it: never a key. */
export interface LaneDescription {
  lane: LaneName;
  enabled: boolean;
  provider: LaneConfig['provider'];
  model?: string;
  /** Base URL without credentials, or the GGUF's file name. */
  endpoint?: string;
  /** Whether a key is set, and from where; never the key. */
  apiKey?: 'set' | 'set (OPENAI_API_KEY)' | 'none';
  fimTemplate?: string;
  reasoningEffort?: string;
  dropParameters?: string[];
  budgets: LaneBudgets;
  timeouts: LaneTimeouts;
  /** Off lanes: why, and how to turn them on. */
  reason?: string;
  howToEnable?: string;
  /** One line for the log. */
  summary: string;
}

function limit(value: number, unit: string): string {
  return value === 0 ? `no ${unit} limit` : `${value.toLocaleString('en-US')} ${unit}`;
}

/** Describes a lane without secrets, for the startup log and the UI. */
export function describeLaneConfig(config: LaneConfig): LaneDescription {
  const base = { lane: config.lane, provider: config.provider, budgets: config.budgets, timeouts: config.timeouts };
  const spend = [
    `${config.budgets.maxTokensPerRequest} tokens/request`,
    limit(config.budgets.tokensPerPersonPerHour, 'tokens/person/hour'),
    limit(config.budgets.tokensPerRoomPerHour, 'tokens/room/hour'),
    limit(config.budgets.requestsPerPersonPerMinute, 'requests/person/minute'),
  ].join(', ');
  if (config.provider === 'off') {
    return { ...base, enabled: false, reason: config.reason, howToEnable: config.howToEnable, summary: `${config.lane} lane: off. ${config.reason} ${config.howToEnable}` };
  }
  if (config.provider === 'embedded') {
    const file = basename(config.modelPath);
    return {
      ...base,
      enabled: true,
      model: file,
      endpoint: file,
      summary: `${config.lane} lane: embedded, ${file} (${config.modelSource === 'env' ? 'configured' : 'found in models/'}); ${spend}`,
    };
  }
  const endpoint = endpointForDisplay(config.baseURL);
  const apiKey = config.apiKey === undefined ? 'none' : config.apiKeySource === 'OPENAI_API_KEY' ? 'set (OPENAI_API_KEY)' : 'set';
  const extras = [
    config.fimTemplate ? `FIM template ${config.fimTemplate}` : undefined,
    config.reasoningEffort ? `reasoning effort ${config.reasoningEffort}` : undefined,
    config.dropParameters.length ? `never sends ${config.dropParameters.join(', ')}` : undefined,
  ].filter((item): item is string => item !== undefined);
  return {
    ...base,
    enabled: true,
    model: config.model,
    endpoint,
    apiKey,
    ...(config.fimTemplate ? { fimTemplate: config.fimTemplate } : {}),
    ...(config.reasoningEffort ? { reasoningEffort: config.reasoningEffort } : {}),
    ...(config.dropParameters.length ? { dropParameters: config.dropParameters } : {}),
    summary: `${config.lane} lane: ${config.provider}, model "${config.model}" at ${endpoint}, key ${apiKey}${extras.length ? `, ${extras.join(', ')}` : ''}; ${spend}; first token within ${config.timeouts.firstTokenMs} ms`,
  };
}
