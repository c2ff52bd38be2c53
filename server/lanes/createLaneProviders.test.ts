import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProviderError } from '../providers/ModelProvider.ts';
import { collectGeneration, testRequest } from '../providers/openai/collectGeneration.ts';
import { startScriptedModelServer, type ScriptedModelServer } from '../testing/scriptedModelServer/startScriptedModelServer.ts';
import { writeTinyGguf } from '../testing/tinyGguf/writeTinyGguf.ts';
import { createLaneProviders } from './createLaneProviders.ts';
import { readLanesConfig } from './readLanesConfig.ts';

let server: ScriptedModelServer;
let dir: string;
beforeAll(async () => {
  server = await startScriptedModelServer();
  dir = await mkdtemp(join(tmpdir(), 'pairlane-lanes-'));
});
afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

const noModel = { findLocalModel: () => undefined };

describe('createLaneProviders', () => {
  it('builds each lane’s adapter from its configuration, with the lane’s timeouts and key', async () => {
    const config = readLanesConfig(
      {
        PAIRLANE_FAST_PROVIDER: 'llamacpp-infill',
        PAIRLANE_FAST_BASE_URL: server.url,
        PAIRLANE_FAST_FIRST_TOKEN_TIMEOUT_MS: '100',
        PAIRLANE_DEEP_PROVIDER: 'openai-responses-ws',
        PAIRLANE_DEEP_BASE_URL: server.baseURL,
        PAIRLANE_DEEP_MODEL: 'gpt-5.3-codex-spark',
        PAIRLANE_DEEP_API_KEY: 'sk-deep-lane-key-0000',
      },
      noModel,
    );
    const lanes = await createLaneProviders(config);
    try {
      expect(lanes.fast?.describe()).toMatchObject({ adapter: 'llamacpp-infill', supportsInfill: true });
      expect(lanes.deep?.describe()).toMatchObject({ adapter: 'openai-responses-ws', model: 'gpt-5.3-codex-spark' });

      server.enqueue({ route: 'infill', text: 'late', firstTokenDelayMs: 5_000 }, { route: 'responses', text: 'deep answer' });
      const slow = await collectGeneration(lanes.fast!.generate(testRequest({ kind: 'infill', prefix: 'a', suffix: 'b' }))).catch((e: unknown) => e);
      expect(slow).toBeInstanceOf(ProviderError);
      expect((slow as ProviderError).code).toBe('timeout');

      const deep = await collectGeneration(lanes.deep!.generate(testRequest({ kind: 'chat', messages: [{ role: 'user', content: 'go' }] })));
      expect(deep.text).toBe('deep answer');
      expect(server.requests.find((r) => r.transport === 'websocket')?.sentCredentials).toBe(true);
    } finally {
      await lanes.close();
    }
  });

  it('runs the fast lane on worker threads when PAIRLANE_FAST_THREADS asks, with the same adapter', async () => {
    const config = readLanesConfig(
      {
        PAIRLANE_FAST_PROVIDER: 'openai-chat',
        PAIRLANE_FAST_BASE_URL: server.baseURL,
        PAIRLANE_FAST_MODEL: 'scripted-coder',
        PAIRLANE_FAST_THREADS: '2',
        PAIRLANE_DEEP_PROVIDER: 'off',
      },
      noModel,
    );
    expect(config.fast).toMatchObject({ threads: 2 });
    const lanes = await createLaneProviders(config);
    try {
      expect(lanes.fast?.constructor.name).toBe('ThreadedProvider');
      expect(lanes.fast?.describe()).toMatchObject({ adapter: 'openai-chat', model: 'scripted-coder', supportsInfill: false });
      server.enqueue({ route: 'chat', text: 'one two three' });
      const answer = await collectGeneration(lanes.fast!.generate(testRequest({ kind: 'chat', messages: [{ role: 'user', content: 'go' }] })));
      expect(answer.text).toBe('one two three');
      expect(answer.done?.finishReason).toBe('stop');
    } finally {
      await lanes.close();
    }
  });

  it('gives an off lane no provider', async () => {
    const lanes = await createLaneProviders(readLanesConfig({}, noModel));
    expect(lanes).toMatchObject({ fast: undefined, deep: undefined });
    await lanes.close();
  });

  it('shares one embedded provider between lanes that run the same GGUF', async () => {
    const path = await writeTinyGguf(join(dir, 'models', 'tiny.gguf'), {});
    const lanes = await createLaneProviders(readLanesConfig({}, { findLocalModel: () => path }));
    try {
      expect(lanes.fast).toBeDefined();
      expect(lanes.deep).toBe(lanes.fast);
      expect(lanes.fast?.describe().adapter).toBe('embedded');
    } finally {
      await lanes.close();
    }
  });

  it('fails with the embedded provider’s error for a GGUF that is not there', async () => {
    const config = readLanesConfig({ PAIRLANE_FAST_MODEL: join(dir, 'missing.gguf'), PAIRLANE_DEEP_PROVIDER: 'off' }, noModel);
    await expect(createLaneProviders(config)).rejects.toBeInstanceOf(ProviderError);
  });
});
