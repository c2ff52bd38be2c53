import { describe, expect, it } from 'vitest';
import { readLanesConfig, type LocalModelFinder } from './readLanesConfig.ts';
import { LaneConfigError } from './LaneConfigError.ts';
import { laneDefaults } from './laneDefaults.ts';

const noModel: LocalModelFinder = { findLocalModel: () => undefined };
const localModel: LocalModelFinder = { findLocalModel: (dir = 'models') => `${dir}/qwen2.5-coder-0.5b-q8_0.gguf` };

function problems(env: NodeJS.ProcessEnv, finder: LocalModelFinder = noModel): string[] {
  try {
    readLanesConfig(env, finder);
  } catch (error) {
    if (error instanceof LaneConfigError) return [...error.problems];
    throw error;
  }
  return [];
}

describe('readLanesConfig with nothing set', () => {
  it('uses a GGUF found in models/ for both lanes through the embedded provider', () => {
    const { fast, deep } = readLanesConfig({}, localModel);
    expect(fast).toMatchObject({ provider: 'embedded', modelPath: 'models/qwen2.5-coder-0.5b-q8_0.gguf', modelSource: 'models-folder' });
    expect(deep).toMatchObject({ provider: 'embedded', modelSource: 'models-folder' });
    expect(fast.budgets).toEqual(laneDefaults.fast.budgets);
    expect(deep.timeouts).toEqual(laneDefaults.deep.timeouts);
  });

  it('looks in the folder it is given', () => {
    const seen: (string | undefined)[] = [];
    readLanesConfig({}, { findLocalModel: (dir) => (seen.push(dir), undefined), modelsDir: '/data/models' });
    expect(seen).toEqual(['/data/models', '/data/models']);
  });

  it('turns AI off with the exact way to turn it on when there is no model', () => {
    const { fast, deep } = readLanesConfig({}, noModel);
    expect(fast).toMatchObject({
      provider: 'off',
      reason: 'No model is configured for the fast lane and there is no .gguf file in models/.',
      howToEnable:
        'Run `npm run model:pull` (needs internet) to put a small model in models/, or set PAIRLANE_FAST_BASE_URL and PAIRLANE_FAST_MODEL (and PAIRLANE_FAST_API_KEY if the endpoint needs one).',
    });
    expect(deep.provider === 'off' && deep.howToEnable).toContain('PAIRLANE_DEEP_BASE_URL and PAIRLANE_DEEP_MODEL');
  });

  it('treats empty values as unset', () => {
    expect(readLanesConfig({ PAIRLANE_FAST_PROVIDER: '', PAIRLANE_FAST_MODEL: ' ', PAIRLANE_FAST_MAX_TOKENS: '' }, noModel).fast.provider).toBe('off');
  });
});

describe('readLanesConfig for remote models', () => {
  it('reads PAIRLANE_FAST_THREADS: the adapter on worker threads, 0 (the event loop) when unset', () => {
    const env = { PAIRLANE_FAST_BASE_URL: 'http://h/v1', PAIRLANE_FAST_MODEL: 'm' };
    expect(readLanesConfig(env, noModel).fast).toMatchObject({ provider: 'openai-chat', threads: 0 });
    expect(readLanesConfig({ ...env, PAIRLANE_FAST_THREADS: '2' }, noModel).fast).toMatchObject({ threads: 2 });
    expect(problems({ ...env, PAIRLANE_FAST_THREADS: 'many' })).toEqual(['PAIRLANE_FAST_THREADS must be a whole number of at least 0, got "many"']);
  });

  it('reads each lane separately: a hosted fast model and a self-hosted deep one', () => {
    const { fast, deep } = readLanesConfig(
      {
        PAIRLANE_FAST_PROVIDER: 'openai-responses-ws',
        PAIRLANE_FAST_MODEL: 'gpt-5.3-codex-spark',
        PAIRLANE_FAST_REASONING_EFFORT: 'low',
        OPENAI_API_KEY: 'sk-from-env-123456',
        PAIRLANE_FAST_MAX_TOKENS: '96',
        PAIRLANE_FAST_FIRST_TOKEN_TIMEOUT_MS: '1500',
        PAIRLANE_DEEP_BASE_URL: 'http://127.0.0.1:8000/v1',
        PAIRLANE_DEEP_MODEL: 'Qwen/Qwen2.5-Coder-32B-Instruct',
        PAIRLANE_DEEP_TOKENS_PER_ROOM_PER_HOUR: '0',
        PAIRLANE_DEEP_DROP_PARAMS: 'stream_options, top_p',
      },
      localModel,
    );
    expect(fast).toMatchObject({
      provider: 'openai-responses-ws',
      baseURL: 'https://api.openai.com/v1',
      model: 'gpt-5.3-codex-spark',
      apiKey: 'sk-from-env-123456',
      apiKeySource: 'OPENAI_API_KEY',
      reasoningEffort: 'low',
      budgets: { ...laneDefaults.fast.budgets, maxTokensPerRequest: 96 },
      timeouts: { firstTokenMs: 1500, idleMs: laneDefaults.fast.timeouts.idleMs },
    });
    expect(deep).toMatchObject({
      provider: 'openai-chat',
      baseURL: 'http://127.0.0.1:8000/v1',
      apiKey: undefined,
      dropParameters: ['stream_options', 'top_p'],
      budgets: { tokensPerRoomPerHour: 0 },
    });
  });

  it('never sends OPENAI_API_KEY to another host', () => {
    const { fast } = readLanesConfig({ PAIRLANE_FAST_BASE_URL: 'https://api.groq.com/openai/v1', PAIRLANE_FAST_MODEL: 'llama-3.3-70b', OPENAI_API_KEY: 'sk-openai-only' }, noModel);
    expect(fast).toMatchObject({ provider: 'openai-chat', apiKey: undefined });
    const withOwnKey = readLanesConfig({ PAIRLANE_FAST_BASE_URL: 'https://api.groq.com/openai/v1', PAIRLANE_FAST_MODEL: 'llama-3.3-70b', PAIRLANE_FAST_API_KEY: 'gsk-lane' }, noModel);
    expect(withOwnKey.fast).toMatchObject({ apiKey: 'gsk-lane', apiKeySource: 'lane' });
  });

  it('infers the adapter: completions when a FIM template is set, embedded for a .gguf path', () => {
    const env = {
      PAIRLANE_FAST_BASE_URL: 'http://127.0.0.1:11434/v1',
      PAIRLANE_FAST_MODEL: 'qwen2.5-coder:1.5b-base',
      PAIRLANE_FAST_FIM_TEMPLATE: 'qwen',
      PAIRLANE_DEEP_MODEL: '/srv/models/deepseek-coder.gguf',
    };
    const { fast, deep } = readLanesConfig(env, noModel);
    expect(fast).toMatchObject({ provider: 'openai-completions', fimTemplate: 'qwen' });
    expect(deep).toMatchObject({ provider: 'embedded', modelPath: '/srv/models/deepseek-coder.gguf', modelSource: 'env' });
  });

  it('points llama.cpp at its default port and needs no model name for it', () => {
    expect(readLanesConfig({ PAIRLANE_FAST_PROVIDER: 'llamacpp-infill' }, noModel).fast).toMatchObject({
      provider: 'llamacpp-infill',
      baseURL: 'http://127.0.0.1:8080',
      model: 'model loaded by llama.cpp',
    });
  });

  it('honours an explicit off', () => {
    expect(readLanesConfig({ PAIRLANE_DEEP_PROVIDER: 'off' }, localModel).deep).toMatchObject({ provider: 'off', reason: 'PAIRLANE_DEEP_PROVIDER is "off".' });
  });
});

describe('readLanesConfig refusing bad values', () => {
  it('names every bad variable, what it should be and what it got, in one error', () => {
    expect(
      problems({
        PAIRLANE_FAST_PROVIDER: 'openai',
        PAIRLANE_FAST_BASE_URL: 'localhost:8000',
        PAIRLANE_FAST_MAX_TOKENS: '12.5',
        PAIRLANE_DEEP_REQUESTS_PER_MINUTE: '-1',
        PAIRLANE_DEEP_FIM_TEMPLATE: 'santa',
        PAIRLANE_DEEP_DROP_PARAMS: 'temperature,seed',
      }),
    ).toEqual([
      'PAIRLANE_FAST_PROVIDER must be one of openai-chat, openai-responses, openai-responses-ws, openai-completions, llamacpp-infill, embedded, off, got "openai"',
      'PAIRLANE_FAST_BASE_URL must be an http:// or https:// URL, got "localhost:8000"',
      'PAIRLANE_FAST_MAX_TOKENS must be a whole number of at least 1, got "12.5"',
      'PAIRLANE_DEEP_FIM_TEMPLATE must be one of qwen, deepseek, starcoder, codestral, codellama, suffix-param, got "santa"',
      'PAIRLANE_DEEP_DROP_PARAMS must be a comma-separated list of temperature, top_p, stop, stream_options, max_tokens, got "temperature,seed"',
      'PAIRLANE_DEEP_REQUESTS_PER_MINUTE must be a whole number of at least 0, got "-1"',
    ]);
  });

  it('asks for what a provider needs', () => {
    expect(problems({ PAIRLANE_FAST_PROVIDER: 'openai-chat', PAIRLANE_FAST_API_KEY: 'k' })).toEqual([
      'PAIRLANE_FAST_MODEL must name the model for openai-chat (e.g. gpt-4.1-mini, or a name the server lists at https://api.openai.com/v1/models)',
    ]);
    expect(problems({ PAIRLANE_FAST_MODEL: 'gpt-4.1-mini' })).toEqual(['PAIRLANE_FAST_API_KEY (or OPENAI_API_KEY) must be set to use https://api.openai.com/v1']);
    expect(problems({ PAIRLANE_FAST_PROVIDER: 'openai-completions', PAIRLANE_FAST_BASE_URL: 'http://h/v1', PAIRLANE_FAST_MODEL: 'mystery-7b' })).toEqual([
      'PAIRLANE_FAST_FIM_TEMPLATE must be set for model "mystery-7b": no fill-in-the-middle template is known for it (one of qwen, deepseek, starcoder, codestral, codellama, suffix-param)',
    ]);
    expect(problems({ PAIRLANE_FAST_PROVIDER: 'embedded' })).toEqual([
      'PAIRLANE_FAST_PROVIDER=embedded needs a model: set PAIRLANE_FAST_MODEL to a .gguf file or put one in models/ (npm run model:pull)',
    ]);
    expect(problems({ PAIRLANE_FAST_PROVIDER: 'embedded', PAIRLANE_FAST_MODEL: 'model.bin' }, localModel)[0]).toMatch(/must be the path of a \.gguf file/);
  });

  it('refuses settings that do not apply to the chosen adapter instead of ignoring them', () => {
    expect(problems({ PAIRLANE_FAST_BASE_URL: 'http://h/v1', PAIRLANE_FAST_MODEL: 'm', PAIRLANE_FAST_PROVIDER: 'openai-chat', PAIRLANE_FAST_FIM_TEMPLATE: 'qwen' })).toEqual([
      "PAIRLANE_FAST_FIM_TEMPLATE only applies to PAIRLANE_FAST_PROVIDER=openai-completions (llama.cpp's /infill and the chat adapters bring their own)",
    ]);
    expect(problems({ PAIRLANE_FAST_BASE_URL: 'http://h/v1', PAIRLANE_FAST_MODEL: 'm', PAIRLANE_FAST_REASONING_EFFORT: 'low' })).toEqual([
      'PAIRLANE_FAST_REASONING_EFFORT only applies to PAIRLANE_FAST_PROVIDER=openai-responses or openai-responses-ws',
    ]);
  });

  it('never puts a key in an error', () => {
    const error = (() => {
      try {
        readLanesConfig({ PAIRLANE_FAST_API_KEY: 'sk-secret-in-env-000', PAIRLANE_FAST_PROVIDER: 'nope', OPENAI_API_KEY: 'sk-other-secret-000' }, noModel);
      } catch (e) {
        return e as Error;
      }
      return undefined;
    })();
    expect(error?.message).toContain('PAIRLANE_FAST_PROVIDER');
    expect(error?.message).not.toContain('sk-');
  });
});
