import { closedLoopbackPort, defineProviderContract } from '../providerContract.ts';
import { startScriptedModelServer } from '../../testing/scriptedModelServer/startScriptedModelServer.ts';
import { laneDefaults } from '../../lanes/laneDefaults.ts';
import type { RemoteLaneConfig } from '../../lanes/LaneConfig.ts';
import { ThreadedProvider } from './ThreadedProvider.ts';

const secret = 'sk-contract-threaded-0123456789abcdef';

/** The openai-chat adapter on two threads, as PAIRLANE_FAST_THREADS=2 runs it. */
function threaded(baseURL: string, timeouts?: { firstTokenMs?: number; idleMs?: number }): ThreadedProvider {
  const config: RemoteLaneConfig = {
    lane: 'fast',
    provider: 'openai-chat',
    baseURL,
    model: 'gpt-4.1-mini',
    apiKey: secret,
    budgets: laneDefaults.fast.budgets,
    timeouts: { ...laneDefaults.fast.timeouts, ...timeouts },
    dropParameters: [],
    threads: 2,
  };
  return new ThreadedProvider({ config, threads: 2, description: { adapter: 'openai-chat', model: config.model, endpoint: baseURL, supportsInfill: false } });
}

defineProviderContract('openai-chat on provider threads', async () => {
  const server = await startScriptedModelServer();
  return {
    makeProvider: (options) => threaded(server.baseURL, options?.timeouts),
    scripted: {
      server,
      route: 'chat',
      makeUnreachableProvider: async () => threaded(`http://127.0.0.1:${await closedLoopbackPort()}/v1`),
    },
    secret,
    close: () => server.close(),
  };
});
