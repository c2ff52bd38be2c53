import type { ChatHistoryItem, ChatModelFunctionCall, ChatModelFunctions, GbnfJsonSchema } from 'node-llama-cpp';
import type { AgentMessage, ToolDefinition } from '../ModelProvider.ts';

/**
 * A conversation with tools as node-llama-cpp's history: an assistant turn's tool calls become
 * `functionCall` items of its model response, each carrying the result that the following
 * `tool` message gave it (node-llama-cpp renders call and result together, in the model's own
 * function-calling syntax). A model response with calls that ends the history is continued
 * by LlamaChat, as LlamaChatSession does after running functions.
 */
export function toFunctionCallingHistory(messages: readonly AgentMessage[]): ChatHistoryItem[] {
  const results = new Map<string, string>();
  for (const message of messages) if (message.role === 'tool') results.set(message.toolCallId, message.content);
  const history: ChatHistoryItem[] = [];
  for (const message of messages) {
    switch (message.role) {
      case 'system':
        history.push({ type: 'system', text: message.content });
        break;
      case 'user':
        history.push({ type: 'user', text: message.content });
        break;
      case 'assistant': {
        const response: (string | ChatModelFunctionCall)[] = message.content === '' ? [] : [message.content];
        for (const call of message.toolCalls ?? []) {
          response.push({ type: 'functionCall', name: call.name, params: parseArguments(call.arguments), result: results.get(call.id) ?? '(no result)' });
        }
        history.push({ type: 'model', response });
        break;
      }
      case 'tool':
        // Carried by the call it answers (above).
        break;
    }
  }
  return history;
}

/** Our tool definitions as node-llama-cpp's functions (their parameter schemas are a GBNF-compatible subset by design). */
export function toModelFunctions(tools: readonly ToolDefinition[]): ChatModelFunctions {
  const functions: Record<string, { description: string; params: GbnfJsonSchema }> = {};
  for (const tool of tools) functions[tool.name] = { description: tool.description, params: tool.parameters as GbnfJsonSchema };
  return functions;
}

function parseArguments(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
