/**
 * A GPT-2 style byte-level BPE vocabulary learned from a small corpus: the 256 byte tokens
 * (spelled with GPT-2's byte-to-unicode table, as llama.cpp's "gpt2" tokenizer expects) and
 * `mergeCount` merges, most frequent pair first, ties broken by text so the result is the same
 * on every run.
 */
export interface ByteLevelBpe {
  /** Byte tokens first (token id = byte value), then one token per new merged string. */
  tokens: string[];
  /** "left right" pairs in merge rank order. */
  merges: string[];
}

/** The pre-tokenizer llama.cpp applies for `tokenizer.ggml.pre = "gpt-2"`; merges never cross its pieces. */
const GPT2_PRE_TOKENIZER = /'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+/gu;

export function trainByteLevelBpe(corpus: string, mergeCount: number): ByteLevelBpe {
  const byteToChar = gpt2ByteToUnicode();
  const tokens = [...byteToChar];
  const known = new Set(tokens);

  const wordCounts = new Map<string, number>();
  for (const piece of corpus.match(GPT2_PRE_TOKENIZER) ?? []) {
    const spelled = [...new TextEncoder().encode(piece)].map((byte) => byteToChar[byte] ?? '').join('');
    wordCounts.set(spelled, (wordCounts.get(spelled) ?? 0) + 1);
  }
  const words = [...wordCounts].map(([word, count]) => ({ symbols: [...word], count }));

  const merges: string[] = [];
  while (merges.length < mergeCount) {
    const pairCounts = new Map<string, number>();
    for (const { symbols, count } of words) {
      for (let i = 0; i + 1 < symbols.length; i++) {
        const pair = `${symbols[i]} ${symbols[i + 1]}`;
        pairCounts.set(pair, (pairCounts.get(pair) ?? 0) + count);
      }
    }
    let best: string | undefined;
    let bestCount = 0;
    for (const [pair, count] of pairCounts) {
      if (count > bestCount || (count === bestCount && best !== undefined && pair < best)) {
        best = pair;
        bestCount = count;
      }
    }
    if (best === undefined) break; // every word is a single symbol: nothing left to merge
    const [left = '', right = ''] = best.split(' ');
    merges.push(best);
    const merged = left + right;
    if (!known.has(merged)) {
      known.add(merged);
      tokens.push(merged);
    }
    for (const word of words) {
      const next: string[] = [];
      for (let i = 0; i < word.symbols.length; i++) {
        if (word.symbols[i] === left && word.symbols[i + 1] === right) {
          next.push(merged);
          i++;
        } else {
          next.push(word.symbols[i] ?? '');
        }
      }
      word.symbols = next;
    }
  }
  return { tokens, merges };
}

/**
 * GPT-2's reversible byte → printable character table: printable Latin-1 bytes map to
 * themselves, the rest to U+0100 onwards (so a space is "Ġ" and a newline "Ċ").
 */
function gpt2ByteToUnicode(): string[] {
  const table: string[] = [];
  let next = 256;
  for (let byte = 0; byte < 256; byte++) {
    const printable = (byte >= 0x21 && byte <= 0x7e) || (byte >= 0xa1 && byte <= 0xac) || (byte >= 0xae && byte <= 0xff);
    table.push(String.fromCodePoint(printable ? byte : next++));
  }
  return table;
}
