import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type PairlaneServer } from '../createServer.ts';
import { createLaneProviders, type LaneProviders } from '../lanes/createLaneProviders.ts';
import { readLanesConfig } from '../lanes/readLanesConfig.ts';
import { renameAcrossFiles } from '../testing/scriptedModelServer/deepLaneScripts.ts';
import { writeTinyGguf } from '../testing/tinyGguf/writeTinyGguf.ts';
import { DeepTestClient } from './testing/DeepTestClient.ts';

// The deep lane on the embedded backend (node-llama-cpp function calling), with the tiny
// random-weight GGUF: what it says is noise, so this checks only that a task starts, streams
// and stops cleanly when interrupted.

let dir: string;
let providers: LaneProviders;
let server: PairlaneServer;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pairlane-deep-embedded-'));
  const modelPath = await writeTinyGguf(join(dir, 'tiny-deep.gguf'), { fim: false, seed: 5 });
  const lanes = readLanesConfig({ PAIRLANE_DEEP_PROVIDER: 'embedded', PAIRLANE_DEEP_MODEL: modelPath }, { findLocalModel: () => undefined });
  providers = await createLaneProviders(lanes);
  server = await createServer({ host: '127.0.0.1', port: 0, ai: { lanes, fastProvider: providers.fast, deepProvider: providers.deep } });
});
afterAll(async () => {
  await server.close();
  await providers.close();
  await rm(dir, { recursive: true, force: true });
});

describe('deep lane on the embedded model', () => {
  it('starts a task, streams the first turn, and ends with "interrupted" when interrupted', async () => {
    const person = new DeepTestClient(server.url, { files: renameAcrossFiles.files });
    await person.ready();
    person.start('e1', renameAcrossFiles.instruction);
    expect(await person.waitFor('e1', 'started')).toMatchObject({ adapter: 'embedded', model: 'pairlane-tiny-llama' });
    // The noise may come out as text or as a (client-run) tool call: either shows the turn is streaming.
    await person.waitFor('e1', 'turn');
    const streamed = [person.waitFor('e1', 'text', () => true, 30_000), person.waitFor('e1', 'tool-call', () => true, 30_000)];
    // The one that loses the race times out later; nothing waits for it.
    for (const waiting of streamed) waiting.catch(() => undefined);
    await Promise.any(streamed);
    person.socket.emit('deep-interrupt', { type: 'deep-interrupt', taskId: 'e1' });
    const ending = await person.ending('e1', 30_000);
    expect(ending).toMatchObject({ kind: 'interrupted', figures: { adapter: 'embedded' } });
    person.close();
  }, 60_000);
});
