import type { FimTemplateName } from '../providers/openai/fimTemplates.ts';
import type { DroppableParameter } from '../providers/openai/modelParameterRules.ts';
import type { ReasoningEffort } from '../providers/openai/responsesRequest.ts';

/** The fast lane (ghost text, quick edit: latency first) and the deep lane (the agent: depth first). */
export type LaneName = 'fast' | 'deep';

/** Adapters that call a model over the network. */
export type RemoteProviderKind = 'openai-chat' | 'openai-responses' | 'openai-responses-ws' | 'openai-completions' | 'llamacpp-infill';
export type ProviderKind = RemoteProviderKind | 'embedded';

/** What one lane may spend. 0 in a per-hour or per-minute figure means no limit. */
export interface LaneBudgets {
  /** Output tokens one request may ask for. */
  maxTokensPerRequest: number;
  tokensPerPersonPerHour: number;
  tokensPerRoomPerHour: number;
  requestsPerPersonPerMinute: number;
}

export interface LaneTimeouts {
  /** No first token within this long: the request fails with "timeout". */
  firstTokenMs: number;
  /** Silence this long after the first token: the request fails with "timeout". */
  idleMs: number;
}

interface LaneBase {
  lane: LaneName;
  budgets: LaneBudgets;
  timeouts: LaneTimeouts;
}

/** A lane that calls a model over the network. */
export interface RemoteLaneConfig extends LaneBase {
  provider: RemoteProviderKind;
  baseURL: string;
  /** For llamacpp-infill only a label (the server serves the model it loaded). */
  model: string;
  apiKey?: string | undefined;
  /** Where the key came from: the lane's own variable, or OPENAI_API_KEY for api.openai.com. */
  apiKeySource?: 'lane' | 'OPENAI_API_KEY' | undefined;
  fimTemplate?: FimTemplateName | undefined;
  reasoningEffort?: ReasoningEffort | undefined;
  dropParameters: DroppableParameter[];
  /**
   * Worker threads that run this lane's adapter (PAIRLANE_<LANE>_THREADS; 0 or unset: the main
   * thread). Only the fast lane uses them: with many streams at once, the per-token reading moves
   * off the event loop that serves every socket.
   */
  threads?: number | undefined;
}

/** A lane that runs a GGUF in this process. */
export interface EmbeddedLaneConfig extends LaneBase {
  provider: 'embedded';
  modelPath: string;
  /** Named by the lane's MODEL variable, or found in models/. */
  modelSource: 'env' | 'models-folder';
}

/** A lane with no model. */
export interface OffLaneConfig extends LaneBase {
  provider: 'off';
  /** Why, in a sentence. */
  reason: string;
  /** Exactly what to do to turn it on. */
  howToEnable: string;
}

export type LaneConfig = RemoteLaneConfig | EmbeddedLaneConfig | OffLaneConfig;

export interface LanesConfig {
  fast: LaneConfig;
  deep: LaneConfig;
}
