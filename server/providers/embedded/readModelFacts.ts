import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { readGgufFileInfo } from 'node-llama-cpp';
import { ProviderError } from '../ModelProvider.ts';

/** What the server can know about a GGUF before loading its weights. */
export interface ModelFacts {
  /** `general.name`, else the file name without `.gguf`. */
  name: string;
  fileName: string;
  /** The vocabulary has FIM prefix and suffix tokens, by key or by the token texts llama.cpp recognises. */
  supportsInfill: boolean;
}

/** Token texts llama.cpp (llama-vocab.cpp) takes as FIM prefix / suffix when the GGUF names no id. */
const FIM_PREFIX_TEXTS = ['<|fim_prefix|>', '<fim-prefix>', '<fim_prefix>', '<｜fim▁begin｜>', '<PRE>', '▁<PRE>', '<|code_prefix|>', '<|prefix|>'];
const FIM_SUFFIX_TEXTS = ['<|fim_suffix|>', '<fim-suffix>', '<fim_suffix>', '<｜fim▁hole｜>', '<SUF>', '▁<SUF>', '<|code_suffix|>', '<|suffix|>'];

/**
 * Reads a GGUF's header (milliseconds: the tensor data is not touched), so a wrong path or a
 * file that is not a GGUF fails when the server starts, with a message a person can act on.
 */
export async function readModelFacts(modelPath: string): Promise<ModelFacts> {
  const fileName = basename(modelPath);
  try {
    const info = await stat(modelPath);
    if (!info.isFile()) throw new ProviderError('misconfigured', `The model path ${modelPath} is not a file.`);
  } catch (error) {
    if (error instanceof ProviderError) throw error;
    throw new ProviderError('misconfigured', `No model file at ${modelPath}. Put a .gguf file there or run "npm run model:pull".`);
  }
  try {
    const { metadata } = await readGgufFileInfo(modelPath, { readTensorInfo: false, logWarnings: false, sourceType: 'filesystem' });
    const ggml = metadata.tokenizer?.ggml;
    const tokens = new Set(ggml?.tokens ?? []);
    const hasPrefix = ggml?.fim_pre_token_id !== undefined || ggml?.prefix_token_id !== undefined || FIM_PREFIX_TEXTS.some((text) => tokens.has(text));
    const hasSuffix = ggml?.fim_suf_token_id !== undefined || ggml?.suffix_token_id !== undefined || FIM_SUFFIX_TEXTS.some((text) => tokens.has(text));
    return { name: metadata.general.name ?? fileName.replace(/\.gguf$/i, ''), fileName, supportsInfill: hasPrefix && hasSuffix };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ProviderError('misconfigured', `${fileName} is not a readable GGUF model file (${reason}).`);
  }
}
