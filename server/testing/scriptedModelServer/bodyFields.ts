/** Readers for the fields of a JSON request body whose shape the scripted server does not trust. */
export const bodyFields = {
  string(body: Record<string, unknown>, key: string): string | undefined {
    const value = body[key];
    return typeof value === 'string' ? value : undefined;
  },

  number(body: Record<string, unknown>, key: string): number | undefined {
    const value = body[key];
    return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
  },

  /** The text of a chat message list or a Responses `input` (string or items), for usage estimates. */
  messagesText(messages: unknown): string {
    if (typeof messages === 'string') return messages;
    if (!Array.isArray(messages)) return '';
    let text = '';
    for (const message of messages) {
      if (typeof message !== 'object' || message === null) continue;
      const content = (message as Record<string, unknown>).content;
      if (typeof content === 'string') text += content;
      else if (Array.isArray(content)) {
        for (const part of content) {
          const partText = typeof part === 'object' && part !== null ? (part as Record<string, unknown>).text : undefined;
          if (typeof partText === 'string') text += partText;
        }
      }
    }
    return text;
  },
};
