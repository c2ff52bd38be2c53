import type { ModelProvider } from '../providers/ModelProvider.ts';
import { createLaneProvider } from './createLaneProvider.ts';
import type { LanesConfig } from './LaneConfig.ts';

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
  const fast = await createLaneProvider(config.fast);
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
