import { bodyFields } from './bodyFields.ts';
import type { WireFormat } from './WireFormat.ts';

function extraText(extra: unknown): string {
  if (!Array.isArray(extra)) return '';
  return extra.map((item) => (typeof item === 'object' && item !== null ? String((item as Record<string, unknown>).text ?? '') : '')).join('');
}

function errorType(status: number): string {
  if (status === 503) return 'unavailable_error';
  if (status === 401) return 'authentication_error';
  if (status === 404) return 'not_found_error';
  return status < 500 ? 'invalid_request_error' : 'server_error';
}

/**
 * llama.cpp server's `POST /infill`: SSE `data:` lines, one per token batch, the last one with
 * `stop: true`, the stop type and the token counts; no `[DONE]`.
 */
export const infillFormat: WireFormat = {
  route: 'infill',
  model: (body) => bodyFields.string(body, 'model') ?? 'scripted-model.gguf',
  wantsStream: (body) => body.stream === true,
  wantsUsage: () => true,
  maxTokens: (body) => {
    const n = bodyFields.number(body, 'n_predict');
    return n !== undefined && n >= 0 ? n : undefined;
  },
  promptText: (body) =>
    (bodyFields.string(body, 'input_prefix') ?? '') + (bodyFields.string(body, 'input_suffix') ?? '') + extraText(body.input_extra),
  opening: () => [],
  delta: (ctx, text) => ({
    json: `{"index":0,"content":${JSON.stringify(text)},"tokens":[],"stop":false,"id_slot":0,"tokens_predicted":${ctx.outputTokens},"tokens_evaluated":${ctx.inputTokens}}`,
  }),
  closing: (ctx, _text, finishReason) => [
    {
      json: JSON.stringify({
        index: 0,
        content: '',
        tokens: [],
        id_slot: 0,
        stop: true,
        model: ctx.model,
        tokens_predicted: ctx.outputTokens,
        tokens_evaluated: ctx.inputTokens,
        stop_type: finishReason === 'length' ? 'limit' : 'eos',
        stopping_word: '',
        tokens_cached: 0,
        truncated: false,
        timings: { prompt_n: ctx.inputTokens, predicted_n: ctx.outputTokens },
      }),
    },
  ],
  streamError: (_ctx, message) => [{ json: JSON.stringify({ error: { code: 500, message, type: 'server_error' } }) }],
  whole: (ctx, text, finishReason) => ({
    index: 0,
    content: text,
    stop: true,
    model: ctx.model,
    tokens_predicted: ctx.outputTokens,
    tokens_evaluated: ctx.inputTokens,
    stop_type: finishReason === 'length' ? 'limit' : 'eos',
  }),
  errorBody: (status, message) => ({ error: { code: status, message, type: errorType(status) } }),
};
