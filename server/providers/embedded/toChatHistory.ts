import type { ChatHistoryItem } from 'node-llama-cpp';
import type { ChatPrompt } from '../ModelProvider.ts';

/**
 * Our chat turns as node-llama-cpp's history. A trailing assistant turn stays the last item, so
 * LlamaChat continues it (a prefilled answer); otherwise LlamaChat appends an empty model turn.
 */
export function toChatHistory(prompt: ChatPrompt): ChatHistoryItem[] {
  return prompt.messages.map((message): ChatHistoryItem => {
    switch (message.role) {
      case 'system':
        return { type: 'system', text: message.content };
      case 'user':
        return { type: 'user', text: message.content };
      case 'assistant':
        return { type: 'model', response: [message.content] };
    }
  });
}
