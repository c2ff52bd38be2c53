import type { InfillPrompt } from '../ModelProvider.ts';

/** The fill-in-the-middle prompt formats the completions adapter knows. */
export type FimTemplateName = 'qwen' | 'deepseek' | 'starcoder' | 'codestral' | 'codellama' | 'suffix-param';

/** A legacy Completions request body for an infill prompt. */
export interface FimRequest {
  prompt: string;
  /** Only for `suffix-param`: the server applies the model's own template. */
  suffix?: string;
  /** Stop sequences the template needs (tokens that mean "the middle is over"). */
  stops: readonly string[];
}

export interface FimTemplate {
  name: FimTemplateName;
  /** Which model names it is chosen for when none is configured. */
  models: RegExp;
  render(prompt: InfillPrompt): FimRequest;
}

/** A line comment for the file's language, to carry other files' snippets inside the prefix. */
function commentFor(path: string | undefined): string {
  const ext = path?.split('.').pop()?.toLowerCase() ?? '';
  if (['py', 'sh', 'bash', 'rb', 'yaml', 'yml', 'toml', 'r', 'pl', 'ex', 'exs', 'nim', 'jl'].includes(ext)) return '#';
  if (['sql', 'lua', 'hs', 'elm'].includes(ext)) return '--';
  if (['clj', 'cljs', 'lisp', 'scm', 'el'].includes(ext)) return ';;';
  return '//';
}

/** Other files' snippets as comments, for templates without file-separator tokens. */
function contextAsComments(prompt: InfillPrompt): string {
  if (!prompt.context?.length) return '';
  const mark = commentFor(prompt.path);
  return prompt.context
    .map((file) => `${mark} ${file.path}\n${file.text.split('\n').map((line) => `${mark} ${line}`).join('\n')}\n`)
    .join('');
}

/**
 * The templates, in the order the automatic choice tries them. Qwen2.5-Coder and StarCoder2 have
 * file-separator tokens, so other files go in as files (their repo-level format); the others get
 * them as comments at the top of the prefix.
 */
export const fimTemplates: readonly FimTemplate[] = [
  {
    name: 'qwen',
    models: /qwen.*coder|codeqwen/i,
    render(prompt) {
      const files = (prompt.context ?? []).map((file) => `<|file_sep|>${file.path}\n${file.text}\n`).join('');
      const here = prompt.path !== undefined && files !== '' ? `<|file_sep|>${prompt.path}\n` : '';
      return {
        prompt: `${files}${here}<|fim_prefix|>${prompt.prefix}<|fim_suffix|>${prompt.suffix}<|fim_middle|>`,
        stops: ['<|endoftext|>', '<|fim_prefix|>', '<|fim_suffix|>', '<|fim_middle|>', '<|fim_pad|>', '<|file_sep|>', '<|repo_name|>', '<|im_end|>'],
      };
    },
  },
  {
    name: 'deepseek',
    models: /deepseek.*coder/i,
    render(prompt) {
      return {
        prompt: `<｜fim▁begin｜>${contextAsComments(prompt)}${prompt.prefix}<｜fim▁hole｜>${prompt.suffix}<｜fim▁end｜>`,
        stops: ['<｜end▁of▁sentence｜>', '<｜fim▁begin｜>', '<｜fim▁hole｜>', '<｜fim▁end｜>', '<|EOT|>'],
      };
    },
  },
  {
    name: 'starcoder',
    models: /starcoder|santacoder|bigcode|stable-?code/i,
    render(prompt) {
      const files = (prompt.context ?? []).map((file) => `<file_sep>${file.path}\n${file.text}\n`).join('');
      const here = prompt.path !== undefined && files !== '' ? `<file_sep>${prompt.path}\n` : '';
      return {
        prompt: `${files}${here}<fim_prefix>${prompt.prefix}<fim_suffix>${prompt.suffix}<fim_middle>`,
        stops: ['<|endoftext|>', '<fim_prefix>', '<fim_suffix>', '<fim_middle>', '<file_sep>', '<|end_of_text|>'],
      };
    },
  },
  {
    name: 'codestral',
    models: /codestral|mistral.*code|devstral/i,
    render(prompt) {
      return {
        prompt: `[SUFFIX]${prompt.suffix}[PREFIX]${contextAsComments(prompt)}${prompt.prefix}`,
        stops: ['</s>', '[SUFFIX]', '[PREFIX]', '[MIDDLE]'],
      };
    },
  },
  {
    name: 'codellama',
    models: /code-?llama/i,
    render(prompt) {
      return {
        prompt: `<PRE> ${contextAsComments(prompt)}${prompt.prefix} <SUF>${prompt.suffix} <MID>`,
        stops: ['<EOT>', '</s>', '<PRE>', '<SUF>', '<MID>'],
      };
    },
  },
  {
    name: 'suffix-param',
    // Chosen only when configured: OpenAI's instruct models and Ollama apply their own template to `suffix`.
    models: /^$/,
    render(prompt) {
      return { prompt: `${contextAsComments(prompt)}${prompt.prefix}`, suffix: prompt.suffix, stops: [] };
    },
  },
];
