import type { ResponseCreateParamsBase, ResponseInputItem } from 'openai/resources/responses/responses';
import type { ToolGenerateRequest } from '../ModelProvider.ts';
import type { ParameterPolicy } from './ParameterPolicy.ts';
import { RESPONSES_MIN_OUTPUT_TOKENS, type ReasoningEffort } from './responsesRequest.ts';

/**
 * The body of a Responses request (HTTP or WebSocket) for a conversation with tools: system
 * messages become `instructions`; an assistant's tool calls become `function_call` items and
 * their results `function_call_output` items, so the whole conversation goes each turn
 * (`store: false`: nothing is chained on a stored response, as in responsesRequest).
 */
export function responsesToolRequest(
  model: string,
  request: ToolGenerateRequest,
  policy: ParameterPolicy,
  reasoningEffort?: ReasoningEffort,
): ResponseCreateParamsBase {
  const instructions: string[] = [];
  const input: ResponseInputItem[] = [];
  for (const message of request.messages) {
    switch (message.role) {
      case 'system':
        instructions.push(message.content);
        break;
      case 'user':
        input.push({ type: 'message', role: 'user', content: message.content });
        break;
      case 'assistant':
        if (message.content !== '') input.push({ type: 'message', role: 'assistant', content: message.content });
        for (const call of message.toolCalls ?? []) input.push({ type: 'function_call', call_id: call.id, name: call.name, arguments: call.arguments });
        break;
      case 'tool':
        input.push({ type: 'function_call_output', call_id: message.toolCallId, output: message.content });
        break;
    }
  }
  const body: ResponseCreateParamsBase = {
    model,
    input,
    tools: request.tools.map((tool) => ({
      type: 'function' as const,
      name: tool.name,
      description: tool.description,
      parameters: tool.parameters as unknown as Record<string, unknown>,
      // Strict mode demands every property be required; ours has optional ones, validated on our side.
      strict: false,
    })),
    max_output_tokens: Math.max(RESPONSES_MIN_OUTPUT_TOKENS, request.maxTokens),
    store: false,
  };
  if (instructions.length > 0) body.instructions = instructions.join('\n\n');
  if (request.temperature !== undefined && policy.allows('temperature')) body.temperature = request.temperature;
  if (reasoningEffort !== undefined) body.reasoning = { effort: reasoningEffort };
  return body;
}
