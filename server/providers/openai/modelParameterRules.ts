/** Request parameters some models or endpoints refuse (`max_tokens` is only ever renamed, never left out). */
export type DroppableParameter = 'temperature' | 'top_p' | 'stop' | 'stream_options' | 'max_tokens';

/** One row of the table: models whose name matches, and what to change for them. */
export interface ModelParameterRule {
  pattern: RegExp;
  /** Parameters to leave out. */
  drop: readonly DroppableParameter[];
  /** Send the output limit as `max_completion_tokens` (Chat Completions) instead of `max_tokens`. */
  maxCompletionTokens?: boolean;
  why: string;
}

/**
 * Models known to refuse parameters. First matching row wins; a model that matches none gets
 * every parameter. Endpoints that refuse something for every model are covered by the
 * PAIRLANE_*_DROP_PARAMS setting and by the adapters learning from a 400 that names the parameter.
 */
export const modelParameterRules: readonly ModelParameterRule[] = [
  {
    // gpt-5-chat-latest is the non-reasoning chat model of the family: it takes sampling parameters.
    pattern: /^(openai\/)?gpt-5[\w.-]*-chat/i,
    drop: [],
    maxCompletionTokens: true,
    why: 'GPT-5 chat models take sampling parameters but only max_completion_tokens',
  },
  {
    pattern: /^(openai\/)?(o\d+(-[\w.-]+)?|gpt-5[\w.-]*|[\w.-]*codex[\w.-]*)$/i,
    drop: ['temperature', 'top_p', 'stop'],
    maxCompletionTokens: true,
    why: 'OpenAI reasoning models (o-series, GPT-5, Codex) reject temperature, top_p and stop, and max_tokens in favour of max_completion_tokens',
  },
];
