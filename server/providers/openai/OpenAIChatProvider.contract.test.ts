import { closedLoopbackPort, defineProviderContract } from '../providerContract.ts';
import { startScriptedModelServer } from '../../testing/scriptedModelServer/startScriptedModelServer.ts';
import { OpenAIChatProvider } from './OpenAIChatProvider.ts';

const secret = 'sk-contract-chat-0123456789abcdef';

defineProviderContract('openai-chat', async () => {
  const server = await startScriptedModelServer();
  return {
    toolCalling: true,
    makeProvider: (options) => new OpenAIChatProvider({ baseURL: server.baseURL, apiKey: secret, model: 'gpt-4.1-mini', timeouts: options?.timeouts }),
    scripted: {
      server,
      route: 'chat',
      makeUnreachableProvider: async () =>
        new OpenAIChatProvider({ baseURL: `http://127.0.0.1:${await closedLoopbackPort()}/v1`, apiKey: secret, model: 'gpt-4.1-mini' }),
    },
    secret,
    close: () => server.close(),
  };
});
