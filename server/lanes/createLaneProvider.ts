import type { ModelProvider } from '../providers/ModelProvider.ts';
import { LlamaCppInfillProvider } from '../providers/llamacpp/LlamaCppInfillProvider.ts';
import { OpenAIChatProvider } from '../providers/openai/OpenAIChatProvider.ts';
import { OpenAICompletionsProvider } from '../providers/openai/OpenAICompletionsProvider.ts';
import { OpenAIResponsesProvider } from '../providers/openai/OpenAIResponsesProvider.ts';
import { OpenAIResponsesWebSocketProvider } from '../providers/openai/OpenAIResponsesWebSocketProvider.ts';
import type { LaneConfig } from './LaneConfig.ts';
import { withGenerationTimeouts } from './withGenerationTimeouts.ts';

/**
 * The provider a lane's configuration names, or undefined for a lane that is off. The embedded
 * provider is imported only when a lane uses it, so a server on hosted models never loads
 * node-llama-cpp; it gets the lane's timeouts from withGenerationTimeouts (the network adapters
 * enforce them themselves).
 */
export async function createLaneProvider(config: LaneConfig): Promise<ModelProvider | undefined> {
  switch (config.provider) {
    case 'off':
      return undefined;
    case 'embedded': {
      const { createEmbeddedProvider } = await import('../providers/embedded/createEmbeddedProvider.ts');
      return withGenerationTimeouts(await createEmbeddedProvider({ modelPath: config.modelPath }), config.timeouts);
    }
    case 'llamacpp-infill':
      return new LlamaCppInfillProvider({ baseURL: config.baseURL, apiKey: config.apiKey, model: config.model, timeouts: config.timeouts });
    default: {
      const options = {
        baseURL: config.baseURL,
        apiKey: config.apiKey,
        model: config.model,
        timeouts: config.timeouts,
        dropParameters: config.dropParameters,
      };
      if (config.provider === 'openai-chat') return new OpenAIChatProvider(options);
      if (config.provider === 'openai-completions') return new OpenAICompletionsProvider({ ...options, fimTemplate: config.fimTemplate });
      if (config.provider === 'openai-responses') return new OpenAIResponsesProvider({ ...options, reasoningEffort: config.reasoningEffort });
      return new OpenAIResponsesWebSocketProvider({ ...options, reasoningEffort: config.reasoningEffort });
    }
  }
}
