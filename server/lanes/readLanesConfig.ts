import { z } from 'zod';
import { chooseFimTemplate } from '../providers/openai/chooseFimTemplate.ts';
import { fimTemplates, type FimTemplateName } from '../providers/openai/fimTemplates.ts';
import type { DroppableParameter } from '../providers/openai/modelParameterRules.ts';
import type { ReasoningEffort } from '../providers/openai/responsesRequest.ts';
import { defaultBaseURLs, laneDefaults } from './laneDefaults.ts';
import type { LaneBudgets, LaneConfig, LaneName, LanesConfig, LaneTimeouts, ProviderKind, RemoteProviderKind } from './LaneConfig.ts';
import { LaneConfigError } from './LaneConfigError.ts';
import { howToEnableLane } from './howToEnableLane.ts';

/** Where the configuration looks for a local model when no lane names one. */
export interface LocalModelFinder {
  /** Returns the path of a .gguf in `dir`, or undefined (server/providers/embedded/findLocalModel.ts). */
  findLocalModel(dir?: string): string | undefined;
  /** Default "models". */
  modelsDir?: string;
}

const providerKinds = ['openai-chat', 'openai-responses', 'openai-responses-ws', 'openai-completions', 'llamacpp-infill', 'embedded'] as const satisfies readonly ProviderKind[];
const fimTemplateNames = fimTemplates.map((template) => template.name) as [FimTemplateName, ...FimTemplateName[]];
const reasoningEfforts = ['none', 'minimal', 'low', 'medium', 'high'] as const satisfies readonly ReasoningEffort[];
const droppable = ['temperature', 'top_p', 'stop', 'stream_options', 'max_tokens'] as const satisfies readonly DroppableParameter[];

/** One variable's value parsed by a zod schema, or a problem naming the variable and what it should be. */
function field<T>(name: string, raw: string | undefined, schema: z.ZodType<T>, expected: string, problems: string[]): T | undefined {
  if (raw === undefined) return undefined;
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  problems.push(`${name} must be ${expected}, got "${raw}"`);
  return undefined;
}

const httpUrl = z.string().refine((value) => {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
});
const wholeNumber = (min: number) => z.coerce.number().int().min(min).max(Number.MAX_SAFE_INTEGER);
const commaList = <T extends string>(values: readonly [T, ...T[]]) =>
  z.string().transform((text) => text.split(',').map((item) => item.trim()).filter((item) => item !== '')).pipe(z.array(z.enum(values)));

function isOpenAIHost(baseURL: string): boolean {
  try {
    return new URL(baseURL).hostname === 'api.openai.com';
  } catch {
    return false;
  }
}

function readLane(lane: LaneName, env: NodeJS.ProcessEnv, finder: LocalModelFinder, problems: string[]): LaneConfig {
  const prefix = `PAIRLANE_${lane.toUpperCase()}_`;
  // An empty value (common in .env files) counts as unset.
  const raw = (name: string) => {
    const value = env[prefix + name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const v = (name: string) => prefix + name;
  const defaults = laneDefaults[lane];

  const provider = field(v('PROVIDER'), raw('PROVIDER'), z.enum([...providerKinds, 'off']), `one of ${[...providerKinds, 'off'].join(', ')}`, problems);
  const baseURL = field(v('BASE_URL'), raw('BASE_URL'), httpUrl, 'an http:// or https:// URL', problems);
  const model = raw('MODEL');
  const laneKey = raw('API_KEY');
  const fimTemplate = field(v('FIM_TEMPLATE'), raw('FIM_TEMPLATE'), z.enum(fimTemplateNames), `one of ${fimTemplateNames.join(', ')}`, problems);
  const reasoningEffort = field(v('REASONING_EFFORT'), raw('REASONING_EFFORT'), z.enum(reasoningEfforts), `one of ${reasoningEfforts.join(', ')}`, problems);
  const dropParameters = field(v('DROP_PARAMS'), raw('DROP_PARAMS'), commaList(droppable), `a comma-separated list of ${droppable.join(', ')}`, problems) ?? [];
  const number = (name: string, min: number, fallback: number) =>
    field(v(name), raw(name), wholeNumber(min), `a whole number of at least ${min}`, problems) ?? fallback;
  const budgets: LaneBudgets = {
    maxTokensPerRequest: number('MAX_TOKENS', 1, defaults.budgets.maxTokensPerRequest),
    tokensPerPersonPerHour: number('TOKENS_PER_PERSON_PER_HOUR', 0, defaults.budgets.tokensPerPersonPerHour),
    tokensPerRoomPerHour: number('TOKENS_PER_ROOM_PER_HOUR', 0, defaults.budgets.tokensPerRoomPerHour),
    requestsPerPersonPerMinute: number('REQUESTS_PER_MINUTE', 0, defaults.budgets.requestsPerPersonPerMinute),
  };
  const timeouts: LaneTimeouts = {
    firstTokenMs: number('FIRST_TOKEN_TIMEOUT_MS', 1, defaults.timeouts.firstTokenMs),
    idleMs: number('IDLE_TIMEOUT_MS', 1, defaults.timeouts.idleMs),
  };
  const common = { lane, budgets, timeouts };

  if (provider === 'off') {
    return { ...common, provider: 'off', reason: `${v('PROVIDER')} is "off".`, howToEnable: `Unset ${v('PROVIDER')} or set it to one of ${providerKinds.join(', ')}.` };
  }

  // Which adapter, when none is named: what the other variables imply.
  let kind: ProviderKind | undefined = provider;
  if (kind === undefined) {
    if (model !== undefined && baseURL === undefined && model.toLowerCase().endsWith('.gguf')) kind = 'embedded';
    else if (baseURL !== undefined || model !== undefined) kind = fimTemplate !== undefined ? 'openai-completions' : 'openai-chat';
  }

  if (kind === undefined || kind === 'embedded') {
    const fromEnv = kind === 'embedded' ? model : undefined;
    if (fromEnv !== undefined && !fromEnv.toLowerCase().endsWith('.gguf')) {
      problems.push(`${v('MODEL')} must be the path of a .gguf file for the embedded provider, got "${fromEnv}"`);
    }
    const found = fromEnv ?? finder.findLocalModel(finder.modelsDir ?? 'models');
    if (found !== undefined) return { ...common, provider: 'embedded', modelPath: found, modelSource: fromEnv !== undefined ? 'env' : 'models-folder' };
    if (kind === 'embedded') {
      problems.push(`${v('PROVIDER')}=embedded needs a model: set ${v('MODEL')} to a .gguf file or put one in ${finder.modelsDir ?? 'models'}/ (npm run model:pull)`);
    }
    return {
      ...common,
      provider: 'off',
      reason: `No model is configured for the ${lane} lane and there is no .gguf file in ${finder.modelsDir ?? 'models'}/.`,
      howToEnable: howToEnableLane(lane),
    };
  }

  const remote: RemoteProviderKind = kind;
  if (fimTemplate !== undefined && remote !== 'openai-completions') {
    problems.push(`${v('FIM_TEMPLATE')} only applies to ${v('PROVIDER')}=openai-completions (llama.cpp's /infill and the chat adapters bring their own)`);
  }
  if (reasoningEffort !== undefined && remote !== 'openai-responses' && remote !== 'openai-responses-ws') {
    problems.push(`${v('REASONING_EFFORT')} only applies to ${v('PROVIDER')}=openai-responses or openai-responses-ws`);
  }
  const resolvedBaseURL = baseURL ?? (remote === 'llamacpp-infill' ? defaultBaseURLs.llamacpp : defaultBaseURLs.openai);
  let resolvedModel = model;
  if (resolvedModel === undefined) {
    if (remote === 'llamacpp-infill') resolvedModel = 'model loaded by llama.cpp';
    else problems.push(`${v('MODEL')} must name the model for ${remote} (e.g. gpt-4.1-mini, or a name the server lists at ${resolvedBaseURL}/models)`);
  }
  if (remote === 'openai-completions' && resolvedModel !== undefined && chooseFimTemplate(resolvedModel, fimTemplate) === undefined) {
    problems.push(`${v('FIM_TEMPLATE')} must be set for model "${resolvedModel}": no fill-in-the-middle template is known for it (one of ${fimTemplateNames.join(', ')})`);
  }
  // OPENAI_API_KEY goes to OpenAI only: sending it to whatever host a base URL names would hand it to a third party.
  const openAIHost = isOpenAIHost(resolvedBaseURL);
  const fallbackKey = openAIHost ? env.OPENAI_API_KEY?.trim() || undefined : undefined;
  const apiKey = laneKey ?? fallbackKey;
  if (apiKey === undefined && openAIHost) problems.push(`${v('API_KEY')} (or OPENAI_API_KEY) must be set to use ${resolvedBaseURL}`);

  return {
    ...common,
    provider: remote,
    baseURL: resolvedBaseURL,
    model: resolvedModel ?? '',
    apiKey,
    apiKeySource: laneKey !== undefined ? 'lane' : fallbackKey !== undefined ? 'OPENAI_API_KEY' : undefined,
    fimTemplate: remote === 'openai-completions' ? fimTemplate : undefined,
    reasoningEffort,
    dropParameters,
    threads: number('THREADS', 0, 0),
  };
}

/**
 * Reads the fast and the deep lane from the environment (PAIRLANE_FAST_* and PAIRLANE_DEEP_*,
 * OPENAI_API_KEY as a fallback key for api.openai.com). With nothing set, a lane uses a GGUF
 * found in models/ through the embedded provider, or is off with the exact way to turn it on.
 * Throws a LaneConfigError naming every bad variable.
 */
export function readLanesConfig(env: NodeJS.ProcessEnv, finder: LocalModelFinder): LanesConfig {
  const problems: string[] = [];
  const fast = readLane('fast', env, finder, problems);
  const deep = readLane('deep', env, finder, problems);
  if (problems.length > 0) throw new LaneConfigError(problems);
  return { fast, deep };
}
