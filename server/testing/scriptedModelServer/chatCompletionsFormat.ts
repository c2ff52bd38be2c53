import { openAIErrorBody } from './openAIErrorBody.ts';
import type { AnswerContext, WireEvent, WireFormat, WireToolCall } from './WireFormat.ts';

/** The arguments go out in two pieces, as real endpoints split them, so clients must join them. */
function argumentPieces(text: string): string[] {
  const half = Math.ceil(text.length / 2);
  return text.length < 2 ? [text] : [text.slice(0, half), text.slice(half)];
}
import { bodyFields } from './bodyFields.ts';

function chunk(ctx: AnswerContext, choices: string, usage = ''): string {
  return `{"id":"${ctx.id}","object":"chat.completion.chunk","created":${ctx.created},"model":${JSON.stringify(ctx.model)},"choices":${choices}${usage}}`;
}

function usageJson(ctx: AnswerContext): string {
  return `{"prompt_tokens":${ctx.inputTokens},"completion_tokens":${ctx.outputTokens},"total_tokens":${ctx.inputTokens + ctx.outputTokens}}`;
}

/** OpenAI Chat Completions (`POST /v1/chat/completions`), as vLLM, Groq, Cerebras, Ollama and LM Studio also speak it. */
export const chatCompletionsFormat: WireFormat = {
  route: 'chat',
  model: (body) => bodyFields.string(body, 'model') ?? 'scripted-model',
  wantsStream: (body) => body.stream === true,
  wantsUsage: (body) => {
    const options = body.stream_options;
    return typeof options === 'object' && options !== null && (options as Record<string, unknown>).include_usage === true;
  },
  maxTokens: (body) => bodyFields.number(body, 'max_completion_tokens') ?? bodyFields.number(body, 'max_tokens'),
  promptText: (body) => bodyFields.messagesText(body.messages),
  opening: (ctx) => [{ json: chunk(ctx, '[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]') }],
  delta: (ctx, text) => {
    ctx.deltaHead ??= chunk(ctx, '[{"index":0,"delta":{"content":').slice(0, -1);
    return { json: `${ctx.deltaHead}${JSON.stringify(text)}},"finish_reason":null}]}` };
  },
  toolCalls: (ctx, calls: readonly WireToolCall[]) =>
    calls.flatMap((call, index) => [
      {
        json: chunk(
          ctx,
          `[{"index":0,"delta":{"tool_calls":[{"index":${index},"id":${JSON.stringify(call.id)},"type":"function","function":{"name":${JSON.stringify(call.name)},"arguments":""}}]},"finish_reason":null}]`,
        ),
      },
      ...argumentPieces(call.arguments).map((piece) => ({
        json: chunk(ctx, `[{"index":0,"delta":{"tool_calls":[{"index":${index},"function":{"arguments":${JSON.stringify(piece)}}}]},"finish_reason":null}]`),
      })),
    ]),
  closing: (ctx, _text, finishReason) => {
    const events: WireEvent[] = [{ json: chunk(ctx, `[{"index":0,"delta":{},"finish_reason":"${finishReason}"}]`) }];
    if (ctx.includeUsage) events.push({ json: chunk(ctx, '[]', `,"usage":${usageJson(ctx)}`) });
    return events;
  },
  streamError: (_ctx, message) => [{ json: JSON.stringify({ error: { message, type: 'server_error', param: null, code: 'server_error' } }) }],
  terminator: '[DONE]',
  whole: (ctx, text, finishReason) => ({
    id: ctx.id,
    object: 'chat.completion',
    created: ctx.created,
    model: ctx.model,
    choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: finishReason }],
    usage: JSON.parse(usageJson(ctx)) as unknown,
  }),
  errorBody: openAIErrorBody,
};
