import { closedLoopbackPort, defineProviderContract } from '../providerContract.ts';
import { startScriptedModelServer } from '../../testing/scriptedModelServer/startScriptedModelServer.ts';
import { OpenAICompletionsProvider } from './OpenAICompletionsProvider.ts';

const secret = 'sk-contract-completions-0123456789abcdef';

// Scripted cases send infill prompts, this adapter's own path (/completions with the Qwen
// template); the contract's chat cases go through the same endpoint's Chat Completions.
defineProviderContract('openai-completions (Qwen2.5-Coder FIM)', async () => {
  const server = await startScriptedModelServer();
  return {
    makeProvider: (options) =>
      new OpenAICompletionsProvider({ baseURL: server.baseURL, apiKey: secret, model: 'Qwen/Qwen2.5-Coder-1.5B', timeouts: options?.timeouts }),
    scripted: {
      server,
      route: 'completions',
      prompt: 'infill',
      makeUnreachableProvider: async () =>
        new OpenAICompletionsProvider({ baseURL: `http://127.0.0.1:${await closedLoopbackPort()}/v1`, apiKey: secret, model: 'Qwen/Qwen2.5-Coder-1.5B' }),
    },
    secret,
    close: () => server.close(),
  };
});
