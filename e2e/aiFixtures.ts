import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { createServer, type PairlaneServer } from '../server/createServer.ts';
import { createLaneProviders, type LaneProviders } from '../server/lanes/createLaneProviders.ts';
import { readLanesConfig } from '../server/lanes/readLanesConfig.ts';
import { startScriptedModelServer, type ScriptedModelServer } from '../server/testing/scriptedModelServer/startScriptedModelServer.ts';
import { openPgliteClient } from '../server/store/PgliteClient.ts';
import type { RoomStore } from '../server/store/RoomStore.ts';
import { openSqlRoomStore } from '../server/store/openSqlRoomStore.ts';
import { freshPgliteDataDir } from '../server/store/testing/freshPgliteDataDir.ts';
import { test as base } from './fixtures.ts';

/** A Pairlane server whose fast and deep lanes talk to a scripted OpenAI-compatible model server. */
export interface AiServer {
  /** The Pairlane server's base URL (serving the built client). */
  readonly url: string;
  /** The scripted upstream: queue answers, read the requests it saw (with their aborts). */
  readonly model: ScriptedModelServer;
  /** The server's rooms (PGlite in a temporary data folder of this worker's, removed at the end). */
  readonly rooms: PairlaneServer['rooms'];
  readonly store: RoomStore;
}

async function startAiServer(env: NodeJS.ProcessEnv): Promise<{ ai: AiServer; close(): Promise<void> }> {
  const model = await startScriptedModelServer({});
  let providers: LaneProviders | undefined;
  let server: PairlaneServer | undefined;
  let store: RoomStore | undefined;
  const dataDir = await freshPgliteDataDir();
  try {
    // The same configuration path the production server takes (env → lanes → providers), pointed at the double.
    const lanes = readLanesConfig(
      {
        PAIRLANE_FAST_PROVIDER: 'openai-chat',
        PAIRLANE_FAST_BASE_URL: model.baseURL,
        PAIRLANE_FAST_MODEL: 'scripted-coder',
        PAIRLANE_FAST_API_KEY: 'sk-e2e-not-a-real-key',
        PAIRLANE_DEEP_PROVIDER: 'openai-chat',
        PAIRLANE_DEEP_BASE_URL: model.baseURL,
        PAIRLANE_DEEP_MODEL: 'scripted-deep',
        PAIRLANE_DEEP_API_KEY: 'sk-e2e-not-a-real-key',
        ...env,
      },
      { findLocalModel: () => undefined, modelsDir: 'models' },
    );
    providers = await createLaneProviders(lanes);
    const clientDir = path.resolve(process.env.PAIRLANE_CLIENT_DIR || 'dist/client');
    store = await openSqlRoomStore(await openPgliteClient(dataDir));
    server = await createServer({
      host: '127.0.0.1',
      port: 0,
      clientDir,
      ai: { lanes, fastProvider: providers.fast, deepProvider: providers.deep },
      rooms: { store, secret: randomBytes(32) },
    });
  } catch (error) {
    await providers?.close();
    await store?.close();
    await model.close();
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  const started = server;
  const lanesProviders = providers;
  const roomStore = store;
  return {
    ai: { url: started.url, model, rooms: started.rooms, store: roomStore },
    async close() {
      await started.close();
      await roomStore.close();
      await lanesProviders.close();
      await model.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * e2e tests of the AI lanes: each worker starts its own scripted model server and a Pairlane
 * server whose two lanes point at it (models "scripted-coder" and "scripted-deep") (in the worker's process, so a test can queue answers and read what the
 * upstream saw); `baseURL` is that server. Every test starts with an empty script.
 * `aiEnv` overrides lane variables (e.g. `PAIRLANE_FAST_PROVIDER`) for a whole file via `test.use`.
 */
export const test = base.extend<{ ai: AiServer }, { aiEnv: NodeJS.ProcessEnv; aiServer: AiServer }>({
  aiEnv: [{}, { scope: 'worker', option: true }],
  aiServer: [
    async ({ aiEnv }, use) => {
      const started = await startAiServer(aiEnv);
      await use(started.ai);
      await started.close();
    },
    { scope: 'worker' },
  ],
  baseURL: async ({ aiServer }, use) => {
    await use(aiServer.url);
  },
  ai: async ({ aiServer }, use) => {
    aiServer.model.reset();
    await use(aiServer);
  },
});

export { expect } from './fixtures.ts';
