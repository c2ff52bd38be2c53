import { bodyFields } from './bodyFields.ts';
import { openAIErrorBody } from './openAIErrorBody.ts';
import type { AnswerContext, WireEvent, WireFinishReason, WireFormat, WireToolCall } from './WireFormat.ts';

function itemId(ctx: AnswerContext): string {
  return `msg_${ctx.id.slice('resp_'.length)}`;
}

function response(ctx: AnswerContext, status: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: ctx.id,
    object: 'response',
    created_at: ctx.created,
    status,
    model: ctx.model,
    output: [],
    usage: null,
    error: null,
    incomplete_details: null,
    ...extra,
  };
}

function event(ctx: AnswerContext, type: string, fields: Record<string, unknown>): WireEvent {
  return { name: type, json: JSON.stringify({ type, sequence_number: ctx.sequence++, ...fields }) };
}

function message(ctx: AnswerContext, text: string, status: string): Record<string, unknown> {
  return {
    id: itemId(ctx),
    type: 'message',
    status,
    role: 'assistant',
    content: text === '' && status === 'in_progress' ? [] : [{ type: 'output_text', text, annotations: [] }],
  };
}

function usage(ctx: AnswerContext): Record<string, unknown> {
  return {
    input_tokens: ctx.inputTokens,
    input_tokens_details: { cached_tokens: 0 },
    output_tokens: ctx.outputTokens,
    output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: ctx.inputTokens + ctx.outputTokens,
  };
}

function functionCall(ctx: AnswerContext, call: WireToolCall, index: number, status: string, args: string): Record<string, unknown> {
  return { id: `fc_${ctx.id.slice('resp_'.length)}_${index}`, type: 'function_call', status, call_id: call.id, name: call.name, arguments: args };
}

function finalResponse(ctx: AnswerContext, text: string, finishReason: WireFinishReason, calls: readonly WireToolCall[] = []): Record<string, unknown> {
  return response(ctx, finishReason === 'length' ? 'incomplete' : 'completed', {
    output: [message(ctx, text, finishReason === 'length' ? 'incomplete' : 'completed'), ...calls.map((call, index) => functionCall(ctx, call, index, 'completed', call.arguments))],
    usage: usage(ctx),
    incomplete_details: finishReason === 'length' ? { reason: 'max_output_tokens' } : null,
  });
}

/**
 * OpenAI Responses (`POST /v1/responses` with `stream: true`, and the same events as text frames
 * over the Responses WebSocket). Named SSE events, each with a sequence number.
 */
export const responsesFormat: WireFormat = {
  route: 'responses',
  model: (body) => bodyFields.string(body, 'model') ?? 'scripted-model',
  // Over the WebSocket every answer streams; the caller decides for HTTP.
  wantsStream: (body) => body.stream === true || body.type === 'response.create',
  wantsUsage: () => true,
  maxTokens: (body) => bodyFields.number(body, 'max_output_tokens'),
  promptText: (body) => (bodyFields.string(body, 'instructions') ?? '') + bodyFields.messagesText(body.input),
  opening: (ctx) => [
    event(ctx, 'response.created', { response: response(ctx, 'in_progress') }),
    event(ctx, 'response.in_progress', { response: response(ctx, 'in_progress') }),
    event(ctx, 'response.output_item.added', { output_index: 0, item: message(ctx, '', 'in_progress') }),
    event(ctx, 'response.content_part.added', {
      item_id: itemId(ctx),
      output_index: 0,
      content_index: 0,
      part: { type: 'output_text', text: '', annotations: [] },
    }),
  ],
  delta: (ctx, text) => {
    ctx.deltaHead ??= `,"item_id":"${itemId(ctx)}","output_index":0,"content_index":0,"delta":`;
    return {
      name: 'response.output_text.delta',
      json: `{"type":"response.output_text.delta","sequence_number":${ctx.sequence++}${ctx.deltaHead}${JSON.stringify(text)},"logprobs":[]}`,
    };
  },
  // Each call is its own output item after the message (output_index 1, 2, …), its arguments streamed as deltas.
  toolCalls: (ctx, calls) =>
    calls.flatMap((call, index) => {
      const item = functionCall(ctx, call, index, 'in_progress', '');
      const where = { item_id: item.id, output_index: index + 1 };
      const half = Math.ceil(call.arguments.length / 2);
      const pieces = call.arguments.length < 2 ? [call.arguments] : [call.arguments.slice(0, half), call.arguments.slice(half)];
      return [
        event(ctx, 'response.output_item.added', { output_index: index + 1, item }),
        ...pieces.map((delta) => event(ctx, 'response.function_call_arguments.delta', { ...where, delta })),
        event(ctx, 'response.function_call_arguments.done', { ...where, arguments: call.arguments }),
        event(ctx, 'response.output_item.done', { output_index: index + 1, item: functionCall(ctx, call, index, 'completed', call.arguments) }),
      ];
    }),
  closing: (ctx, text, finishReason, calls) => [
    event(ctx, 'response.output_text.done', { item_id: itemId(ctx), output_index: 0, content_index: 0, text, logprobs: [] }),
    event(ctx, 'response.content_part.done', {
      item_id: itemId(ctx),
      output_index: 0,
      content_index: 0,
      part: { type: 'output_text', text, annotations: [] },
    }),
    event(ctx, 'response.output_item.done', { output_index: 0, item: message(ctx, text, finishReason === 'length' ? 'incomplete' : 'completed') }),
    event(ctx, finishReason === 'length' ? 'response.incomplete' : 'response.completed', { response: finalResponse(ctx, text, finishReason, calls) }),
  ],
  streamError: (ctx, messageText) => [
    event(ctx, 'response.failed', { response: response(ctx, 'failed', { error: { code: 'server_error', message: messageText } }) }),
  ],
  whole: (ctx, text, finishReason) => finalResponse(ctx, text, finishReason),
  errorBody: openAIErrorBody,
};
