import { encodeGguf, type GgufF32Tensor, type GgufValue } from './encodeGguf.ts';
import { seededRandom } from './seededRandom.ts';
import { trainByteLevelBpe } from './trainByteLevelBpe.ts';

/** Shape and content of a generated test model. Every field has a small default. */
export interface TinyGgufOptions {
  /** Seeds every weight: the same options give the same bytes. Default 1. */
  seed?: number;
  /** Default 32. Must be a multiple of `headCount`. */
  embeddingLength?: number;
  /** Transformer blocks. Default 2. */
  blockCount?: number;
  /** Default 4 (head size 8). */
  headCount?: number;
  /** Grouped-query attention: key/value heads. Default 2. */
  headCountKv?: number;
  /** Default 64. */
  feedForwardLength?: number;
  /** Trained context length the file declares. Default 4096. */
  contextLength?: number;
  /** BPE merges learned on top of the 256 byte tokens. Default 64. */
  mergeCount?: number;
  /**
   * Include the fill-in-the-middle tokens (Qwen2.5-Coder spelling) and their
   * `tokenizer.ggml.fim_*_token_id` keys. Default true; false gives a chat-only model.
   */
  fim?: boolean;
  /** Written as `general.name`. Default "pairlane-tiny-llama". */
  name?: string;
}

/** ChatML, the template Qwen's instruct models ship; node-llama-cpp recognises it. */
const CHATML_TEMPLATE =
  "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n'}}" +
  "{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

/** Code-shaped text for the merges, so common code fragments become single tokens as in a real coder vocabulary. */
const MERGE_CORPUS = `export function add(a: number, b: number): number {
  return a + b;
}

export const items = [1, 2, 3].map((item) => item * 2);

for (let index = 0; index < items.length; index++) {
  if (items[index] === 4) {
    console.log('found', index);
  }
}

function greet(name) {
  return "Hello, " + name + "!";
}
`;

const TOKEN_TYPE_NORMAL = 1;
const TOKEN_TYPE_CONTROL = 3;

/**
 * Builds a valid GGUF v3 `llama` model of random weights (well under 1 MB with the defaults):
 * a byte-level BPE vocabulary, BOS/EOS, a ChatML chat template and, unless `fim: false`,
 * FIM prefix/suffix/middle tokens so llama.cpp and node-llama-cpp treat it as an infill model.
 *
 * Its output is noise, but real noise: it runs through llama.cpp like any model. The output
 * rows of control tokens and of non-printable bytes are zero, so the model never picks them
 * over the printable tokens' random logits: it streams printable ASCII until `maxTokens` or a
 * stop string, never an accidental end-of-text.
 */
export function buildTinyGguf(options: TinyGgufOptions = {}): Uint8Array {
  const nEmbd = options.embeddingLength ?? 32;
  const nLayer = options.blockCount ?? 2;
  const nHead = options.headCount ?? 4;
  const nHeadKv = options.headCountKv ?? 2;
  const nFf = options.feedForwardLength ?? 64;
  const fim = options.fim ?? true;
  if (nEmbd % nHead !== 0 || nHead % nHeadKv !== 0) {
    throw new Error(`buildTinyGguf: embeddingLength ${nEmbd}, headCount ${nHead}, headCountKv ${nHeadKv} do not divide`);
  }
  const headSize = nEmbd / nHead;

  const bpe = trainByteLevelBpe(MERGE_CORPUS, options.mergeCount ?? 64);
  const special = [
    '<|endoftext|>',
    '<|im_start|>',
    '<|im_end|>',
    ...(fim ? ['<|fim_prefix|>', '<|fim_middle|>', '<|fim_suffix|>', '<|fim_pad|>', '<|repo_name|>', '<|file_sep|>'] : []),
  ];
  const tokens = [...bpe.tokens, ...special];
  const idOf = (text: string): number => tokens.indexOf(text);
  const tokenTypes = tokens.map((_, id) => (id < bpe.tokens.length ? TOKEN_TYPE_NORMAL : TOKEN_TYPE_CONTROL));
  const nVocab = tokens.length;

  const metadata: (readonly [string, GgufValue])[] = [
    ['general.architecture', { type: 'string', value: 'llama' }],
    ['general.name', { type: 'string', value: options.name ?? 'pairlane-tiny-llama' }],
    ['llama.context_length', { type: 'u32', value: options.contextLength ?? 4096 }],
    ['llama.embedding_length', { type: 'u32', value: nEmbd }],
    ['llama.block_count', { type: 'u32', value: nLayer }],
    ['llama.feed_forward_length', { type: 'u32', value: nFf }],
    ['llama.attention.head_count', { type: 'u32', value: nHead }],
    ['llama.attention.head_count_kv', { type: 'u32', value: nHeadKv }],
    ['llama.attention.layer_norm_rms_epsilon', { type: 'f32', value: 1e-5 }],
    ['llama.rope.dimension_count', { type: 'u32', value: headSize }],
    ['llama.rope.freq_base', { type: 'f32', value: 10000 }],
    ['llama.vocab_size', { type: 'u32', value: nVocab }],
    ['tokenizer.ggml.model', { type: 'string', value: 'gpt2' }],
    ['tokenizer.ggml.pre', { type: 'string', value: 'gpt-2' }],
    ['tokenizer.ggml.tokens', { type: 'string[]', value: tokens }],
    ['tokenizer.ggml.token_type', { type: 'i32[]', value: tokenTypes }],
    ['tokenizer.ggml.merges', { type: 'string[]', value: bpe.merges }],
    ['tokenizer.ggml.bos_token_id', { type: 'u32', value: idOf('<|endoftext|>') }],
    ['tokenizer.ggml.eos_token_id', { type: 'u32', value: idOf('<|endoftext|>') }],
    ['tokenizer.ggml.eot_token_id', { type: 'u32', value: idOf('<|im_end|>') }],
    ['tokenizer.ggml.padding_token_id', { type: 'u32', value: idOf('<|endoftext|>') }],
    ['tokenizer.ggml.add_bos_token', { type: 'bool', value: false }],
    ['tokenizer.chat_template', { type: 'string', value: CHATML_TEMPLATE }],
  ];
  if (fim) {
    // The keys the bundled llama.cpp reads (llama-arch.cpp); the older prefix/suffix/middle_token_id are deprecated.
    metadata.push(
      ['tokenizer.ggml.fim_pre_token_id', { type: 'u32', value: idOf('<|fim_prefix|>') }],
      ['tokenizer.ggml.fim_suf_token_id', { type: 'u32', value: idOf('<|fim_suffix|>') }],
      ['tokenizer.ggml.fim_mid_token_id', { type: 'u32', value: idOf('<|fim_middle|>') }],
      ['tokenizer.ggml.fim_pad_token_id', { type: 'u32', value: idOf('<|fim_pad|>') }],
      ['tokenizer.ggml.fim_rep_token_id', { type: 'u32', value: idOf('<|repo_name|>') }],
      ['tokenizer.ggml.fim_sep_token_id', { type: 'u32', value: idOf('<|file_sep|>') }],
    );
  }

  const random = seededRandom(options.seed ?? 1);
  const gaussian = (): number => {
    // Box–Muller; 1 - random() keeps the logarithm's argument above zero.
    const u = 1 - random();
    const v = random();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
  const randomTensor = (name: string, dims: readonly number[], scale: number): GgufF32Tensor => {
    const data = new Float32Array(dims.reduce((a, b) => a * b, 1));
    for (let i = 0; i < data.length; i++) data[i] = gaussian() * scale;
    return { name, dims, data };
  };
  const onesTensor = (name: string, length: number): GgufF32Tensor => ({ name, dims: [length], data: new Float32Array(length).fill(1) });

  const projectionScale = 1 / Math.sqrt(nEmbd);
  const tensors: GgufF32Tensor[] = [randomTensor('token_embd.weight', [nEmbd, nVocab], 1), onesTensor('output_norm.weight', nEmbd)];
  const output = randomTensor('output.weight', [nEmbd, nVocab], 1);
  for (let id = 0; id < nVocab; id++) {
    if (!isEmittable(id, bpe.tokens.length)) output.data.fill(0, id * nEmbd, (id + 1) * nEmbd);
  }
  tensors.push(output);
  for (let block = 0; block < nLayer; block++) {
    const prefix = `blk.${block}`;
    tensors.push(
      onesTensor(`${prefix}.attn_norm.weight`, nEmbd),
      randomTensor(`${prefix}.attn_q.weight`, [nEmbd, nEmbd], projectionScale),
      randomTensor(`${prefix}.attn_k.weight`, [nEmbd, headSize * nHeadKv], projectionScale),
      randomTensor(`${prefix}.attn_v.weight`, [nEmbd, headSize * nHeadKv], projectionScale),
      randomTensor(`${prefix}.attn_output.weight`, [nEmbd, nEmbd], projectionScale),
      onesTensor(`${prefix}.ffn_norm.weight`, nEmbd),
      randomTensor(`${prefix}.ffn_gate.weight`, [nEmbd, nFf], projectionScale),
      randomTensor(`${prefix}.ffn_up.weight`, [nEmbd, nFf], projectionScale),
      randomTensor(`${prefix}.ffn_down.weight`, [nFf, nEmbd], 1 / Math.sqrt(nFf)),
    );
  }
  return encodeGguf({ metadata, tensors });
}

/** Printable ASCII and newline byte tokens, and every merged token (learned from ASCII text). */
function isEmittable(id: number, normalTokenCount: number): boolean {
  if (id >= normalTokenCount) return false;
  if (id >= 256) return true;
  return id === 0x0a || (id >= 0x20 && id <= 0x7e);
}
