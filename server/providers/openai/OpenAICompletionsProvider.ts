import type OpenAI from 'openai';
import type { CompletionCreateParamsStreaming } from 'openai/resources/completions';
import { ProviderError, type GenerateEvent, type GenerateRequest, type ModelProvider, type ProviderDescription } from '../ModelProvider.ts';
import { chooseFimTemplate } from './chooseFimTemplate.ts';
import { createOpenAIClient } from './createOpenAIClient.ts';
import { endpointForDisplay } from './endpointForDisplay.ts';
import { fimTemplates, type FimRequest, type FimTemplate, type FimTemplateName } from './fimTemplates.ts';
import { DEFAULT_GENERATION_TIMEOUTS, type OpenAIAdapterOptions } from './OpenAIAdapterOptions.ts';
import { OpenAIChatProvider } from './OpenAIChatProvider.ts';
import { ParameterPolicy } from './ParameterPolicy.ts';
import { streamGeneration, type GenerationTimeouts, type UpstreamPiece } from './streamGeneration.ts';
import { toProviderError } from './toProviderError.ts';
import type { UpstreamIdentity } from './UpstreamIdentity.ts';

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
export class OpenAICompletionsProvider implements ModelProvider {
  private readonly client: OpenAI;
  private readonly policy: ParameterPolicy;
  private readonly timeouts: GenerationTimeouts;
  private readonly identity: UpstreamIdentity;
  private readonly template: FimTemplate | undefined;
  private readonly chat: OpenAIChatProvider;

  constructor(private readonly options: OpenAICompletionsOptions) {
    this.client = createOpenAIClient(options);
    this.policy = new ParameterPolicy(options.model, options.dropParameters);
    this.timeouts = { ...DEFAULT_GENERATION_TIMEOUTS, ...options.timeouts };
    this.identity = {
      name: `model "${options.model}" at ${endpointForDisplay(options.baseURL)}`,
      hasKey: options.apiKey !== undefined,
      secrets: [options.apiKey],
    };
    this.template = chooseFimTemplate(options.model, options.fimTemplate);
    this.chat = new OpenAIChatProvider(options);
  }

  describe(): ProviderDescription {
    return { adapter: 'openai-completions', model: this.options.model, endpoint: endpointForDisplay(this.options.baseURL), supportsInfill: true };
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

  async close(): Promise<void> {
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

  private async *stream(fim: FimRequest, request: GenerateRequest, signal: AbortSignal): AsyncGenerator<UpstreamPiece> {
    for (let attempt = 0; ; attempt++) {
      const body = this.body(fim, request);
      let stream;
      try {
        stream = await this.client.completions.create(body, { signal });
      } catch (error) {
        if (attempt === 0 && this.policy.learnFrom(error, Object.keys(body))) continue;
        throw error;
      }
      for await (const chunk of stream) {
        let shown = false;
        for (const choice of chunk.choices ?? []) {
          if (choice.text) {
            shown = true;
            yield { type: 'text', text: choice.text };
          }
          if (choice.finish_reason) yield { type: 'finish', reason: choice.finish_reason === 'length' ? 'length' : 'stop' };
        }
        if (chunk.usage) yield { type: 'usage', inputTokens: chunk.usage.prompt_tokens, outputTokens: chunk.usage.completion_tokens };
        else if (!shown) yield { type: 'progress' };
      }
      return;
    }
  }
}

