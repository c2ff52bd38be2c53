/**
 * The benches' reference reader: a streamed Chat Completions body read with nothing but a
 * TextDecoder and a split on blank lines, calling `onContent` with each delta's text. It is the
 * floor the adapter's own reading is measured against, so it stays minimal (no generator layer).
 */
export async function readPlainSse(body: ReadableStream<Uint8Array>, onContent: (content: string) => void): Promise<void> {
  const decoder = new TextDecoder();
  let buffered = '';
  for await (const bytes of body) {
    buffered += decoder.decode(bytes, { stream: true });
    let start = 0;
    for (let end = buffered.indexOf('\n\n'); end !== -1; end = buffered.indexOf('\n\n', start)) {
      const data = buffered.slice(start + 'data: '.length, end);
      start = end + 2;
      if (data === '[DONE]') continue;
      const content = (JSON.parse(data) as { choices?: { delta?: { content?: string } }[] }).choices?.[0]?.delta?.content;
      if (content) onContent(content);
    }
    buffered = buffered.slice(start);
  }
}
