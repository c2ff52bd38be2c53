import { describe, expect, it } from 'vitest';
import { APIError } from 'openai';
import { ParameterPolicy } from './ParameterPolicy.ts';

function badRequest(message: string, param: string | null = null, status = 400): APIError {
  return APIError.generate(status, { error: { message, type: 'invalid_request_error', param, code: 'unsupported_parameter' } }, undefined, new Headers());
}

describe('ParameterPolicy: the per-model table', () => {
  it.each(['o3-mini', 'o4-mini-2025-04-16', 'o1', 'gpt-5', 'gpt-5-mini', 'gpt-5.1-codex', 'gpt-5.3-codex-spark', 'openai/gpt-5', 'codex-mini-latest'])(
    'reasoning model %s: no temperature, top_p or stop; max_completion_tokens',
    (model) => {
      const policy = new ParameterPolicy(model);
      expect(policy.allows('temperature')).toBe(false);
      expect(policy.allows('top_p')).toBe(false);
      expect(policy.allows('stop')).toBe(false);
      expect(policy.allows('stream_options')).toBe(true);
      expect(policy.usesMaxCompletionTokens).toBe(true);
    },
  );

  it.each(['gpt-4.1-mini', 'gpt-4o', 'llama-3.3-70b', 'qwen-2.5-coder-32b', 'Qwen/Qwen2.5-Coder-7B-Instruct', 'deepseek-chat', 'llama3.1:8b'])(
    'model %s gets every parameter',
    (model) => {
      const policy = new ParameterPolicy(model);
      expect(policy.droppedParameters()).toEqual([]);
      expect(policy.usesMaxCompletionTokens).toBe(false);
    },
  );

  it('keeps sampling parameters for the GPT-5 chat model', () => {
    const policy = new ParameterPolicy('gpt-5-chat-latest');
    expect(policy.allows('temperature')).toBe(true);
    expect(policy.usesMaxCompletionTokens).toBe(true);
  });

  it('adds the configured drops; a configured max_tokens means "rename it"', () => {
    const policy = new ParameterPolicy('gpt-4.1-mini', ['stream_options', 'max_tokens']);
    expect(policy.droppedParameters()).toEqual(['stream_options']);
    expect(policy.usesMaxCompletionTokens).toBe(true);
  });
});

describe('ParameterPolicy: learning from a refusal', () => {
  it('drops a parameter the 400 names in `param`', () => {
    const policy = new ParameterPolicy('some-model');
    expect(policy.learnFrom(badRequest('Unknown parameter', 'stream_options'), ['model', 'stream_options'])).toBe(true);
    expect(policy.allows('stream_options')).toBe(false);
    // Known now: the same refusal teaches nothing more.
    expect(policy.learnFrom(badRequest('Unknown parameter', 'stream_options'), ['model'])).toBe(false);
  });

  it('drops a parameter the message names', () => {
    const policy = new ParameterPolicy('some-model');
    expect(policy.learnFrom(badRequest("Unsupported parameter: 'temperature' is not supported with this model."), ['temperature'])).toBe(true);
    expect(policy.allows('temperature')).toBe(false);
    const other = new ParameterPolicy('some-model');
    expect(other.learnFrom(badRequest('Unrecognized request argument supplied: top_p', null, 422), ['top_p'])).toBe(true);
    expect(other.allows('top_p')).toBe(false);
  });

  it('renames max_tokens instead of dropping it', () => {
    const policy = new ParameterPolicy('some-model');
    expect(policy.learnFrom(badRequest("Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.", 'max_tokens'), ['max_tokens'])).toBe(true);
    expect(policy.usesMaxCompletionTokens).toBe(true);
    expect(policy.droppedParameters()).toEqual([]);
  });

  it('learns nothing from other errors, or about parameters it did not send', () => {
    const policy = new ParameterPolicy('some-model');
    expect(policy.learnFrom(badRequest('context too long'), ['temperature'])).toBe(false);
    expect(policy.learnFrom(badRequest('x', 'temperature', 401), ['temperature'])).toBe(false);
    expect(policy.learnFrom(badRequest('x', 'temperature'), ['model'])).toBe(false);
    expect(policy.learnFrom(new Error("'temperature'"), ['temperature'])).toBe(false);
    expect(policy.droppedParameters()).toEqual([]);
  });
});
