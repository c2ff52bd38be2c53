import { closedLoopbackPort, defineProviderContract } from '../providerContract.ts';
import { startScriptedModelServer } from '../../testing/scriptedModelServer/startScriptedModelServer.ts';
import { OpenAIResponsesWebSocketProvider } from './OpenAIResponsesWebSocketProvider.ts';

const secret = 'sk-contract-responses-ws-0123456789abcdef';

defineProviderContract('openai-responses-ws', async () => {
  const server = await startScriptedModelServer();
  return {
    toolCalling: true,
    makeProvider: (options) =>
      new OpenAIResponsesWebSocketProvider({ baseURL: server.baseURL, apiKey: secret, model: 'gpt-5.3-codex-spark', timeouts: options?.timeouts }),
    scripted: {
      server,
      route: 'responses',
      makeUnreachableProvider: async () =>
        new OpenAIResponsesWebSocketProvider({ baseURL: `http://127.0.0.1:${await closedLoopbackPort()}/v1`, apiKey: secret, model: 'gpt-5.3-codex-spark' }),
    },
    secret,
    close: () => server.close(),
  };
});
