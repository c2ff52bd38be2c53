import { describe, expect, it } from 'vitest';
import { SuggestMessage } from './clientMessage.ts';
import { SUGGEST_WINDOW_CHARS, toSuggestMessage } from './toSuggestMessage.ts';

describe('toSuggestMessage', () => {
  it('cuts the windows around the cursor and passes the schema', () => {
    const text = `${'a'.repeat(10_000)}|${'b'.repeat(10_000)}`;
    const message = toSuggestMessage(
      { requestId: 'f1', trigger: 'auto', cursor: { path: 'a.ts', offset: 10_001, before: '', lineSuffix: '' } },
      text,
      { language: 'typescript', snippets: [{ path: 'b.ts', text: 'export {}' }] },
    );
    expect(SuggestMessage.parse(message)).toEqual(message);
    expect(message.context).toEqual({ kind: 'windows', prefix: `${'a'.repeat(SUGGEST_WINDOW_CHARS.prefix - 1)}|`, suffix: 'b'.repeat(SUGGEST_WINDOW_CHARS.suffix) });
    expect(message).toMatchObject({ requestId: 'f1', path: 'a.ts', trigger: 'auto', language: 'typescript' });
  });

  it('keeps a cursor past the end inside the document', () => {
    const message = toSuggestMessage({ requestId: 'f2', trigger: 'explicit', cursor: { path: 'a.ts', offset: 99, before: '', lineSuffix: '' } }, 'abc');
    expect(message.context).toEqual({ kind: 'windows', prefix: 'abc', suffix: '' });
    expect(message.snippets).toBeUndefined();
  });
});
