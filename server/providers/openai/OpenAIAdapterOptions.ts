import type { OpenAIEndpoint } from './createOpenAIClient.ts';
import type { DroppableParameter } from './modelParameterRules.ts';
import type { GenerationTimeouts } from './streamGeneration.ts';

/** What every OpenAI-compatible adapter is built from. */
export interface OpenAIAdapterOptions extends OpenAIEndpoint {
  model: string;
  /** Defaults: DEFAULT_GENERATION_TIMEOUTS. */
  timeouts?: Partial<GenerationTimeouts> | undefined;
  /** Parameters the endpoint refuses for every model (on top of the per-model table). */
  dropParameters?: readonly DroppableParameter[] | undefined;
}

/** Generous enough for a local model on a laptop CPU; the lanes set their own. */
export const DEFAULT_GENERATION_TIMEOUTS: GenerationTimeouts = { firstTokenMs: 15_000, idleMs: 15_000 };
