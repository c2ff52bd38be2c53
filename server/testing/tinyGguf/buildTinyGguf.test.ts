import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readGgufFileInfo } from 'node-llama-cpp';
import { describe, expect, it } from 'vitest';
import { buildTinyGguf } from './buildTinyGguf.ts';
import { trainByteLevelBpe } from './trainByteLevelBpe.ts';
import { writeTinyGguf } from './writeTinyGguf.ts';

describe('buildTinyGguf', () => {
  it('is the same bytes for the same seed, other bytes for another, and under 1 MB', () => {
    const first = buildTinyGguf({ seed: 3 });
    expect(Buffer.from(buildTinyGguf({ seed: 3 })).equals(Buffer.from(first))).toBe(true);
    expect(Buffer.from(buildTinyGguf({ seed: 4 })).equals(Buffer.from(first))).toBe(false);
    expect(first.length).toBeLessThan(1024 * 1024);
    expect(Buffer.from(first.subarray(0, 4)).toString('latin1')).toBe('GGUF');
  });

  it('writes a GGUF v3 llama model that node-llama-cpp reads: vocabulary, template, FIM ids, tensors', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pairlane-tiny-gguf-'));
    try {
      const path = await writeTinyGguf(join(dir, 'nested', 'tiny.gguf'), { blockCount: 2, embeddingLength: 32 });
      const info = await readGgufFileInfo(path, { logWarnings: false });
      expect(info.version).toBe(3);
      expect(info.metadata.general.architecture).toBe('llama');
      expect(info.architectureMetadata).toMatchObject({ block_count: 2, embedding_length: 32, context_length: 4096 });
      const ggml = info.metadata.tokenizer?.ggml;
      const tokens = ggml?.tokens ?? [];
      expect(ggml?.model).toBe('gpt2');
      expect(tokens[ggml?.fim_pre_token_id ?? -1]).toBe('<|fim_prefix|>');
      expect(tokens[ggml?.fim_suf_token_id ?? -1]).toBe('<|fim_suffix|>');
      expect(tokens[ggml?.fim_mid_token_id ?? -1]).toBe('<|fim_middle|>');
      expect(tokens[ggml?.eos_token_id ?? -1]).toBe('<|endoftext|>');
      expect(info.metadata.tokenizer?.chat_template).toContain('<|im_start|>');
      // token_embd, output_norm, output, then 9 tensors per block.
      expect(info.tensorInfo?.map((tensor) => tensor.name)).toHaveLength(3 + 2 * 9);
      expect(info.tensorInfo?.find((tensor) => tensor.name === 'token_embd.weight')?.dimensions).toEqual([32, tokens.length]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('leaves the FIM tokens and keys out of a chat-only model', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pairlane-tiny-gguf-'));
    try {
      const info = await readGgufFileInfo(await writeTinyGguf(join(dir, 'chat.gguf'), { fim: false }), { logWarnings: false });
      expect(info.metadata.tokenizer?.ggml.fim_pre_token_id).toBeUndefined();
      expect(info.metadata.tokenizer?.ggml.tokens.some((token) => token.includes('fim'))).toBe(false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses head counts that do not divide the embedding', () => {
    expect(() => buildTinyGguf({ embeddingLength: 30, headCount: 4 })).toThrow(/do not divide/);
  });
});

describe('trainByteLevelBpe', () => {
  it('starts with the 256 byte tokens in GPT-2 spelling and only merges tokens it already has', () => {
    const { tokens, merges } = trainByteLevelBpe('return a + b;\nreturn a - b;\n', 10);
    expect(tokens).toHaveLength(256 + merges.length);
    expect(tokens[0x20]).toBe('Ġ');
    expect(tokens[0x0a]).toBe('Ċ');
    expect(tokens[0x41]).toBe('A');
    const known = new Set<string>();
    for (const token of tokens.slice(0, 256)) known.add(token);
    for (const merge of merges) {
      const [left = '', right = ''] = merge.split(' ');
      expect(known.has(left) && known.has(right)).toBe(true);
      known.add(left + right);
    }
    // Seven pairs occur twice (r e, e t, t u, u r, r n, Ġ a, Ġ b); the tie goes to the first by text.
    expect(merges[0]).toBe('e t');
  });

  it('stops when no pair is left to merge', () => {
    expect(trainByteLevelBpe('ab', 50).merges).toEqual(['a b']);
  });
});
