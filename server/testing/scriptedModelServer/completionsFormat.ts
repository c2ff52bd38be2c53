import { bodyFields } from './bodyFields.ts';
import { openAIErrorBody } from './openAIErrorBody.ts';
import type { AnswerContext, WireEvent, WireFormat } from './WireFormat.ts';

function chunk(ctx: AnswerContext, choices: string, usage = ''): string {
  return `{"id":"${ctx.id}","object":"text_completion","created":${ctx.created},"model":${JSON.stringify(ctx.model)},"choices":${choices}${usage}}`;
}

function usageJson(ctx: AnswerContext): string {
  return `{"prompt_tokens":${ctx.inputTokens},"completion_tokens":${ctx.outputTokens},"total_tokens":${ctx.inputTokens + ctx.outputTokens}}`;
}

/** OpenAI legacy Completions (`POST /v1/completions`): what base coder models behind vLLM, Ollama or LM Studio serve. */
export const completionsFormat: WireFormat = {
  route: 'completions',
  model: (body) => bodyFields.string(body, 'model') ?? 'scripted-model',
  wantsStream: (body) => body.stream === true,
  wantsUsage: (body) => {
    const options = body.stream_options;
    return typeof options === 'object' && options !== null && (options as Record<string, unknown>).include_usage === true;
  },
  maxTokens: (body) => bodyFields.number(body, 'max_tokens'),
  promptText: (body) => (bodyFields.string(body, 'prompt') ?? '') + (bodyFields.string(body, 'suffix') ?? ''),
  opening: () => [],
  delta: (ctx, text) => {
    ctx.deltaHead ??= chunk(ctx, '[{"index":0,"text":').slice(0, -1);
    return { json: `${ctx.deltaHead}${JSON.stringify(text)},"logprobs":null,"finish_reason":null}]}` };
  },
  closing: (ctx, _text, finishReason) => {
    const events: WireEvent[] = [{ json: chunk(ctx, `[{"index":0,"text":"","logprobs":null,"finish_reason":"${finishReason}"}]`) }];
    if (ctx.includeUsage) events.push({ json: chunk(ctx, '[]', `,"usage":${usageJson(ctx)}`) });
    return events;
  },
  streamError: (_ctx, message) => [{ json: JSON.stringify({ error: { message, type: 'server_error', param: null, code: 'server_error' } }) }],
  terminator: '[DONE]',
  whole: (ctx, text, finishReason) => ({
    id: ctx.id,
    object: 'text_completion',
    created: ctx.created,
    model: ctx.model,
    choices: [{ index: 0, text, logprobs: null, finish_reason: finishReason }],
    usage: JSON.parse(usageJson(ctx)) as unknown,
  }),
  errorBody: openAIErrorBody,
};
