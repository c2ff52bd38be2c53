import type { ModelProvider } from '../providers/ModelProvider.ts';
import { ThreadedProvider } from '../providers/threaded/ThreadedProvider.ts';
import { createLaneProvider } from './createLaneProvider.ts';
import type { LaneConfig, LanesConfig } from './LaneConfig.ts';

/** Both lanes' providers (undefined for a lane that is off), closed together. */
export interface LaneProviders {
  fast: ModelProvider | undefined;
  deep: ModelProvider | undefined;
  close(): Promise<void>;
}

/**
 * Creates both lanes' providers. When both lanes run the same local GGUF they share one
 * provider: one copy of the weights in memory, one queue for the CPU.
 */
export async function createLaneProviders(config: LanesConfig): Promise<LaneProviders> {
  const fast = await createFastProvider(config.fast);
  const sameModel =
    config.fast.provider === 'embedded' && config.deep.provider === 'embedded' && config.fast.modelPath === config.deep.modelPath;
  let deep: ModelProvider | undefined;
  try {
    deep = sameModel ? fast : await createLaneProvider(config.deep);
  } catch (error) {
    await fast?.close();
    throw error;
  }
  return {
    fast,
    deep,
    async close() {
      await Promise.all([...new Set([fast, deep])].map((provider) => provider?.close()));
    },
  };
}

/** Below this many generations in flight a new fast-lane generation runs on the event loop, not on a thread. */
const LOCAL_BELOW_IN_FLIGHT = 4;

/**
 * The fast lane's provider: on worker threads when the lane asks for them (a network adapter
 * only), except while fewer than LOCAL_BELOW_IN_FLIGHT generations run: those few cost the event
 * loop little, and on a thread each would pay a hop on its first token and on its cancel.
 */
async function createFastProvider(config: LaneConfig): Promise<ModelProvider | undefined> {
  const provider = await createLaneProvider(config);
  if (provider === undefined || config.provider === 'off' || config.provider === 'embedded' || !config.threads) return provider;
  const threaded = new ThreadedProvider({
    config,
    threads: config.threads,
    description: provider.describe(),
    local: { provider, belowInFlight: LOCAL_BELOW_IN_FLIGHT },
  });
  try {
    // The server takes no request before its threads can serve it.
    await threaded.ready();
  } catch (error) {
    await threaded.close();
    throw error;
  }
  return threaded;
}
