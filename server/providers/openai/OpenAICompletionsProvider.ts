import type { Completion, CompletionCreateParamsStreaming } from 'openai/resources/completions';
import { ProviderError, type GenerateEvent, type GenerateRequest } from '../ModelProvider.ts';
import { chooseFimTemplate } from './chooseFimTemplate.ts';
import { fimTemplates, type FimRequest, type FimTemplate, type FimTemplateName } from './fimTemplates.ts';
import { OpenAIAdapterBase } from './OpenAIAdapterBase.ts';
import type { OpenAIAdapterOptions } from './OpenAIAdapterOptions.ts';
import { OpenAIChatProvider } from './OpenAIChatProvider.ts';
import { sseJsonBatches } from './sseJsonBatches.ts';
import { streamGeneration, type UpstreamPiece } from './streamGeneration.ts';
import { toProviderError } from './toProviderError.ts';

export interface OpenAICompletionsOptions extends OpenAIAdapterOptions {
  /** The FIM template; by default chosen from the model name (see fimTemplates). */
  fimTemplate?: FimTemplateName | undefined;
}

/**
 * Legacy Completions (`POST /completions`, streamed) with a fill-in-the-middle prompt template,
 * for base coder models served by vLLM, Ollama, LM Studio or llama.cpp: Qwen2.5-Coder,
 * DeepSeek-Coder, StarCoder, Codestral, CodeLlama. Chat prompts (quick edit) go to the same
 * endpoint's Chat Completions, which those servers also speak.
 */
export class OpenAICompletionsProvider extends OpenAIAdapterBase {
  private readonly template: FimTemplate | undefined;
  private readonly chat: OpenAIChatProvider;

  constructor(protected override readonly options: OpenAICompletionsOptions) {
    super(options, { adapter: 'openai-completions', supportsInfill: true });
    this.template = chooseFimTemplate(options.model, options.fimTemplate);
    this.chat = new OpenAIChatProvider(options);
  }

  /** The template in use, for the startup log. */
  get fimTemplate(): FimTemplateName | undefined {
    return this.template?.name;
  }

  generate(request: GenerateRequest): AsyncIterable<GenerateEvent> {
    if (request.prompt.kind === 'chat') return this.chat.generate(request);
    const template = this.template;
    if (template === undefined) return this.noTemplate();
    const fim = template.render(request.prompt);
    return streamGeneration({
      request,
      timeouts: this.timeouts,
      upstreamName: this.identity.name,
      stops: [...fim.stops, ...(request.stop ?? [])],
      promptText: fim.prompt + (fim.suffix ?? ''),
      open: (signal) => this.stream(fim, request, signal),
      toError: (error) => toProviderError(this.identity, error),
    });
  }

  override async close(): Promise<void> {
    await this.chat.close();
  }

  private noTemplate(): AsyncIterable<GenerateEvent> {
    const error = new ProviderError(
      'misconfigured',
      `No fill-in-the-middle template is known for model "${this.options.model}". Set the lane's FIM template to one of: ${fimTemplates.map((t) => t.name).join(', ')}.`,
    );
    return {
      [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(error) }),
    };
  }

  private body(fim: FimRequest, request: GenerateRequest): CompletionCreateParamsStreaming {
    const body: CompletionCreateParamsStreaming = { model: this.options.model, prompt: fim.prompt, max_tokens: request.maxTokens, stream: true };
    if (fim.suffix !== undefined) body.suffix = fim.suffix;
    if (this.policy.allows('stream_options')) body.stream_options = { include_usage: true };
    if (request.temperature !== undefined && this.policy.allows('temperature')) body.temperature = request.temperature;
    const stops = [...fim.stops, ...(request.stop ?? [])];
    if (stops.length > 0 && this.policy.allows('stop')) body.stop = stops;
    return body;
  }

  private stream(fim: FimRequest, request: GenerateRequest, signal: AbortSignal): AsyncGenerator<UpstreamPiece[]> {
    const send = () =>
      this.policy.send(
        () => this.body(fim, request),
        (body) => this.client.completions.create(body, { signal }).asResponse(),
      );
    return sseJsonBatches<UpstreamPiece>(send, signal, ({ data }, pieces) => {
      const chunk = data as Completion;
      let shown = false;
      for (const choice of chunk.choices ?? []) {
        if (choice.text) {
          shown = true;
          pieces.push({ type: 'text', text: choice.text });
        }
        if (choice.finish_reason) pieces.push({ type: 'finish', reason: choice.finish_reason === 'length' ? 'length' : 'stop' });
      }
      if (chunk.usage) pieces.push({ type: 'usage', inputTokens: chunk.usage.prompt_tokens, outputTokens: chunk.usage.completion_tokens });
      else if (!shown) pieces.push({ type: 'progress' });
    });
  }
}
