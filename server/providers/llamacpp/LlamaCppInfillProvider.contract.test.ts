import { closedLoopbackPort, defineProviderContract } from '../providerContract.ts';
import { startScriptedModelServer } from '../../testing/scriptedModelServer/startScriptedModelServer.ts';
import { LlamaCppInfillProvider } from './LlamaCppInfillProvider.ts';

const secret = 'llama-server-api-key-0123456789';

// Scripted cases send infill prompts (POST /infill); the contract's chat cases go to the same
// server's /v1/chat/completions.
defineProviderContract('llamacpp-infill', async () => {
  const server = await startScriptedModelServer();
  return {
    makeProvider: (options) => new LlamaCppInfillProvider({ baseURL: server.url, apiKey: secret, model: 'qwen2.5-coder-1.5b-q8_0.gguf', timeouts: options?.timeouts }),
    scripted: {
      server,
      route: 'infill',
      prompt: 'infill',
      makeUnreachableProvider: async () => new LlamaCppInfillProvider({ baseURL: `http://127.0.0.1:${await closedLoopbackPort()}`, apiKey: secret }),
    },
    secret,
    close: () => server.close(),
  };
});
