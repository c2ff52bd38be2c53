import { describe, expect, it } from 'vitest';
import type { InfillPrompt } from '../ModelProvider.ts';
import { chooseFimTemplate } from './chooseFimTemplate.ts';
import { fimTemplates, type FimTemplateName } from './fimTemplates.ts';

const plain: InfillPrompt = { kind: 'infill', prefix: 'def add(a, b):\n    return ', suffix: '\n\nprint(add(1, 2))\n', path: 'math.py' };
const withContext: InfillPrompt = { ...plain, context: [{ path: 'util.py', text: 'def sub(a, b):\n    return a - b' }] };

function render(name: FimTemplateName, prompt: InfillPrompt) {
  const template = fimTemplates.find((t) => t.name === name);
  if (!template) throw new Error(`no template ${name}`);
  return template.render(prompt);
}

describe('FIM templates', () => {
  it.each<[FimTemplateName, string]>([
    ['qwen', '<|fim_prefix|>def add(a, b):\n    return <|fim_suffix|>\n\nprint(add(1, 2))\n<|fim_middle|>'],
    ['deepseek', '<｜fim▁begin｜>def add(a, b):\n    return <｜fim▁hole｜>\n\nprint(add(1, 2))\n<｜fim▁end｜>'],
    ['starcoder', '<fim_prefix>def add(a, b):\n    return <fim_suffix>\n\nprint(add(1, 2))\n<fim_middle>'],
    ['codestral', '[SUFFIX]\n\nprint(add(1, 2))\n[PREFIX]def add(a, b):\n    return '],
    ['codellama', '<PRE> def add(a, b):\n    return  <SUF>\n\nprint(add(1, 2))\n <MID>'],
  ])('%s lays out prefix and suffix in its own tokens', (name, expected) => {
    const fim = render(name, plain);
    expect(fim.prompt).toBe(expected);
    expect(fim.suffix).toBeUndefined();
    expect(fim.stops.length).toBeGreaterThan(0);
  });

  it('suffix-param leaves the template to the server and sends the suffix apart', () => {
    expect(render('suffix-param', plain)).toEqual({ prompt: plain.prefix, suffix: plain.suffix, stops: [] });
  });

  it('puts other files in as files for templates with file separators (Qwen2.5-Coder, StarCoder2)', () => {
    expect(render('qwen', withContext).prompt).toBe(
      '<|file_sep|>util.py\ndef sub(a, b):\n    return a - b\n<|file_sep|>math.py\n<|fim_prefix|>def add(a, b):\n    return <|fim_suffix|>\n\nprint(add(1, 2))\n<|fim_middle|>',
    );
    expect(render('starcoder', withContext).prompt).toMatch(/^<file_sep>util\.py\ndef sub[\s\S]*<file_sep>math\.py\n<fim_prefix>def add/);
  });

  it('puts other files in as comments of the file’s language for the other templates', () => {
    expect(render('deepseek', withContext).prompt).toBe(
      '<｜fim▁begin｜># util.py\n# def sub(a, b):\n#     return a - b\ndef add(a, b):\n    return <｜fim▁hole｜>\n\nprint(add(1, 2))\n<｜fim▁end｜>',
    );
    const ts: InfillPrompt = { ...withContext, path: 'src/a.ts' };
    expect(render('codestral', ts).prompt).toContain('[PREFIX]// util.py\n// def sub(a, b):');
  });
});

describe('chooseFimTemplate', () => {
  it.each([
    ['Qwen/Qwen2.5-Coder-1.5B', 'qwen'],
    ['qwen2.5-coder:7b-base', 'qwen'],
    ['deepseek-ai/deepseek-coder-6.7b-base', 'deepseek'],
    ['deepseek-coder-v2-lite-base', 'deepseek'],
    ['bigcode/starcoder2-3b', 'starcoder'],
    ['stable-code-3b', 'starcoder'],
    ['codestral-latest', 'codestral'],
    ['codellama/CodeLlama-7b-hf', 'codellama'],
    ['codellama:7b-code', 'codellama'],
  ])('picks a template from the model name %s', (model, name) => {
    expect(chooseFimTemplate(model)?.name).toBe(name);
  });

  it('picks none for a model it does not know, and the configured one when there is one', () => {
    expect(chooseFimTemplate('gpt-3.5-turbo-instruct')).toBeUndefined();
    expect(chooseFimTemplate('gpt-3.5-turbo-instruct', 'suffix-param')?.name).toBe('suffix-param');
    expect(chooseFimTemplate('Qwen/Qwen2.5-Coder-1.5B', 'starcoder')?.name).toBe('starcoder');
  });
});
