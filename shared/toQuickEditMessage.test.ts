import { describe, expect, it } from 'vitest';
import { QuickEditMessage } from './clientMessage.ts';
import { toQuickEditMessage } from './toQuickEditMessage.ts';

describe('toQuickEditMessage', () => {
  it('sends the last turn as the instruction and the earlier ones as the conversation', () => {
    const message = toQuickEditMessage(
      {
        requestId: 'q3',
        path: 'a.ts',
        documentText: 'let a = 1;',
        selection: { start: 4, end: 5 },
        turns: [
          { role: 'user', text: 'rename to b' },
          { role: 'assistant', text: 'bb', partial: true },
          { role: 'user', text: 'no, to c' },
        ],
      },
      'typescript',
    );
    expect(QuickEditMessage.parse(message)).toEqual(message);
    expect(message).toMatchObject({
      instruction: 'no, to c',
      turns: [
        { role: 'user', text: 'rename to b' },
        { role: 'assistant', text: 'bb', partial: true },
      ],
      language: 'typescript',
    });
  });
});
