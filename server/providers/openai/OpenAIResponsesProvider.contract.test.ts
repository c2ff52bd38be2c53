import { closedLoopbackPort, defineProviderContract } from '../providerContract.ts';
import { startScriptedModelServer } from '../../testing/scriptedModelServer/startScriptedModelServer.ts';
import { OpenAIResponsesProvider } from './OpenAIResponsesProvider.ts';

const secret = 'sk-contract-responses-0123456789abcdef';

defineProviderContract('openai-responses', async () => {
  const server = await startScriptedModelServer();
  return {
    toolCalling: true,
    makeProvider: (options) => new OpenAIResponsesProvider({ baseURL: server.baseURL, apiKey: secret, model: 'gpt-5.3-codex-spark', timeouts: options?.timeouts }),
    scripted: {
      server,
      route: 'responses',
      makeUnreachableProvider: async () =>
        new OpenAIResponsesProvider({ baseURL: `http://127.0.0.1:${await closedLoopbackPort()}/v1`, apiKey: secret, model: 'gpt-5.3-codex-spark' }),
    },
    secret,
    close: () => server.close(),
  };
});
