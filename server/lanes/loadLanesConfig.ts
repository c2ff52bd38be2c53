import { findLocalModel } from '../providers/embedded/findLocalModel.ts';
import type { LanesConfig } from './LaneConfig.ts';
import { readLanesConfig } from './readLanesConfig.ts';

/**
 * The lanes as the server starts them: from the process environment, looking for a local GGUF
 * in `modelsDir` (default models/ under the working directory) when a lane names no model.
 * Throws a LaneConfigError naming every bad variable.
 */
export function loadLanesConfig(env: NodeJS.ProcessEnv = process.env, modelsDir = 'models'): LanesConfig {
  return readLanesConfig(env, { findLocalModel, modelsDir });
}
