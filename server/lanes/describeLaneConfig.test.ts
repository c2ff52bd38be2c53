import { describe, expect, it } from 'vitest';
import { describeLaneConfig } from './describeLaneConfig.ts';
import { readLanesConfig } from './readLanesConfig.ts';

const noModel = { findLocalModel: () => undefined };

describe('describeLaneConfig', () => {
  it('describes a remote lane with its endpoint, model, budgets and whether a key is set, never the key', () => {
    const { fast, deep } = readLanesConfig(
      {
        PAIRLANE_FAST_PROVIDER: 'openai-completions',
        PAIRLANE_FAST_BASE_URL: 'https://user:hunter2@llm.example.com/v1?api-key=sk-in-url-123456',
        PAIRLANE_FAST_MODEL: 'Qwen/Qwen2.5-Coder-7B',
        PAIRLANE_FAST_API_KEY: 'sk-lane-key-abcdef',
        PAIRLANE_FAST_DROP_PARAMS: 'stream_options',
        PAIRLANE_DEEP_MODEL: 'gpt-5',
        OPENAI_API_KEY: 'sk-openai-key-abcdef',
      },
      noModel,
    );
    const description = describeLaneConfig(fast);
    expect(description).toMatchObject({
      lane: 'fast',
      enabled: true,
      provider: 'openai-completions',
      model: 'Qwen/Qwen2.5-Coder-7B',
      endpoint: 'https://llm.example.com/v1',
      apiKey: 'set',
      dropParameters: ['stream_options'],
    });
    expect(description.summary).toBe(
      'fast lane: openai-completions, model "Qwen/Qwen2.5-Coder-7B" at https://llm.example.com/v1, key set, never sends stream_options; ' +
        '128 tokens/request, 200,000 tokens/person/hour, 1,000,000 tokens/room/hour, 120 requests/person/minute; first token within 10000 ms',
    );
    expect(describeLaneConfig(deep).apiKey).toBe('set (OPENAI_API_KEY)');
    const everything = JSON.stringify([description, describeLaneConfig(deep)]);
    for (const secret of ['sk-lane-key', 'sk-openai-key', 'hunter2', 'sk-in-url']) expect(everything).not.toContain(secret);
  });

  it('describes an off lane with why and how to turn it on', () => {
    const { fast } = readLanesConfig({ PAIRLANE_FAST_TOKENS_PER_ROOM_PER_HOUR: '0' }, noModel);
    const description = describeLaneConfig(fast);
    expect(description).toMatchObject({ enabled: false, provider: 'off' });
    expect(description.summary).toMatch(/^fast lane: off\. No model is configured .* Run `npm run model:pull`/);
  });

  it('describes an embedded lane by the model’s file name', () => {
    const { deep } = readLanesConfig({}, { findLocalModel: () => '/home/me/pairlane/models/qwen2.5-coder-0.5b.gguf' });
    expect(describeLaneConfig(deep)).toMatchObject({ enabled: true, provider: 'embedded', model: 'qwen2.5-coder-0.5b.gguf' });
    expect(describeLaneConfig(deep).summary).toMatch(/^deep lane: embedded, qwen2\.5-coder-0\.5b\.gguf \(found in models\/\); 4096 tokens\/request/);
  });
});
