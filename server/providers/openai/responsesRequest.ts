import type { ResponseCreateParamsBase } from 'openai/resources/responses/responses';
import type { ChatPrompt, GenerateRequest } from '../ModelProvider.ts';
import type { ParameterPolicy } from './ParameterPolicy.ts';

/** OpenAI's Responses API refuses a max_output_tokens under 16. */
export const RESPONSES_MIN_OUTPUT_TOKENS = 16;

/** Reasoning effort for reasoning models; lower is faster, which is what the fast lane wants. */
export type ReasoningEffort = 'none' | 'minimal' | 'low' | 'medium' | 'high';

/**
 * The body of a Responses request (HTTP or WebSocket) for a chat prompt: system messages become
 * `instructions`, the rest `input`. `store: false`, because a pair-programming session's code has
 * no business being kept upstream, and nothing here chains on a stored response.
 */
export function responsesRequest(
  model: string,
  chat: ChatPrompt,
  request: GenerateRequest,
  policy: ParameterPolicy,
  reasoningEffort?: ReasoningEffort,
): ResponseCreateParamsBase {
  const instructions = chat.messages.filter((message) => message.role === 'system').map((message) => message.content).join('\n\n');
  const body: ResponseCreateParamsBase = {
    model,
    input: chat.messages
      .filter((message) => message.role !== 'system')
      .map((message) => ({ type: 'message' as const, role: message.role as 'user' | 'assistant', content: message.content })),
    max_output_tokens: Math.max(RESPONSES_MIN_OUTPUT_TOKENS, request.maxTokens),
    store: false,
  };
  if (instructions !== '') body.instructions = instructions;
  if (request.temperature !== undefined && policy.allows('temperature')) body.temperature = request.temperature;
  if (reasoningEffort !== undefined) body.reasoning = { effort: reasoningEffort };
  return body;
}
