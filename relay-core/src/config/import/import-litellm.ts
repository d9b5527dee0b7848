import { parse } from 'yaml';
import { mapLitellmProvider } from '../../catalog/map-litellm-provider.js';
import { findPreset } from '../presets.js';
import type { AdapterKind } from '../presets.js';
import { isPlainObject } from '../../shared/is-plain-object.js';
import { addEndpoint } from './add-endpoint.js';
import { ImportPlanBuilder, readCredential } from './import-plan.js';
import type { ImportPlan, ImportedRoute } from './import-plan.js';
import { addBudget, providerInfoKey, routeStrategyOf } from './litellm-settings.js';

// LiteLLM provider prefixes whose preset differs from mapLitellmProvider's catalog id
const presetAliases: Record<string, string> = {
  ollama_chat: 'ollama',
  lm_studio: 'lmstudio',
  hosted_vllm: 'vllm',
  custom_openai: 'openai',
  'text-completion-openai': 'openai',
  bedrock_converse: 'bedrock',
  azure_text: 'azure',
};

// LiteLLM picks the provider of a bare model name by its family
const bareFamilies: Array<[RegExp, string]> = [
  [/^(gpt-|o\d|chatgpt|text-embedding|dall-e|davinci|babbage|whisper|tts-|omni-)/, 'openai'],
  [/^claude/, 'anthropic'],
  [/^gemini/, 'gemini'],
];

const handledParams = new Set([
  'model',
  'api_key',
  'api_base',
  'api_version',
  'rpm',
  'tpm',
  'weight',
  'timeout',
  'stream_timeout',
  'aws_region_name',
]);

interface Deployment {
  group: string;
  target?: string;
  provider?: string;
  weight?: number;
  timeouts?: { timeout_ms?: number; first_token_timeout_ms?: number };
}

function number(value: unknown): number | undefined {
  const parsed = typeof value === 'string' ? Number(value) : value;
  return typeof parsed === 'number' && Number.isFinite(parsed) ? parsed : undefined;
}

/** The preset and model of LiteLLM's `provider/model` string, or why there is none. */
function splitModel(model: string): { preset: string; model: string } | { problem: string } {
  const slash = model.indexOf('/');
  if (slash < 0) {
    const family = bareFamilies.find(([pattern]) => pattern.test(model));
    return family
      ? { preset: family[1], model }
      : { problem: `cannot tell which provider serves '${model}'` };
  }
  const prefix = model.slice(0, slash);
  const preset = presetAliases[prefix] ?? mapLitellmProvider(prefix);
  if (!findPreset(preset) || preset === 'demo')
    return { problem: `LiteLLM provider '${prefix}' has no preset here` };
  return { preset, model: model.slice(slash + 1) };
}

function readDeployment(builder: ImportPlanBuilder, item: unknown, index: number): Deployment | undefined {
  const where = `model_list[${index}]`;
  if (!isPlainObject(item) || typeof item.model_name !== 'string' || !isPlainObject(item.litellm_params)) {
    builder.untranslated(`${where}: not a deployment (model_name and litellm_params)`);
    return undefined;
  }
  const group = item.model_name;
  const params = item.litellm_params;
  const label = `${where} (${group})`;
  if (typeof params.model !== 'string') {
    builder.untranslated(`${label}: litellm_params.model is missing`);
    return { group };
  }
  const split = splitModel(params.model);
  if ('problem' in split) {
    builder.untranslated(`${label}: ${split.problem}`);
    return { group };
  }
  if (split.model === '') {
    builder.untranslated(`${label}: litellm_params.model names no model`);
    return { group };
  }
  const preset = findPreset(split.preset)!;
  const region = typeof params.aws_region_name === 'string' ? params.aws_region_name : undefined;
  const url =
    typeof params.api_base === 'string' && !params.api_base.startsWith('os.environ/')
      ? params.api_base
      : preset.adapter === 'bedrock' && region
        ? `https://bedrock-runtime.${region}.amazonaws.com`
        : undefined;
  if (typeof params.api_base === 'string' && params.api_base.startsWith('os.environ/'))
    builder.untranslated(`${label}: api_base from ${params.api_base.slice(11)} (set base_url yourself)`);
  const adapter: AdapterKind = preset.adapter;
  const credential = readCredential(params.api_key);
  // a provider exported from here keeps its id
  const info = isPlainObject(item.model_info) ? item.model_info[providerInfoKey] : undefined;
  const exported = typeof info === 'string' ? info : undefined;
  const id = addEndpoint(builder, {
    adapter,
    url,
    preset: preset.id,
    // OpenAI- and Anthropic-compatible servers are named after their host, others after the preset
    name: url && (preset.id === 'openai' || preset.id === 'anthropic') ? '' : preset.id,
    ...(exported ? { id: exported } : {}),
    credential,
    apiVersion: typeof params.api_version === 'string' ? params.api_version : undefined,
  });
  const provider = builder.plan.providers.find((entry) => entry.id === id)!;
  const seconds = (value: unknown) => {
    const parsed = number(value);
    return parsed === undefined ? undefined : Math.round(parsed * 1000);
  };
  for (const key of Object.keys(params))
    if (!handledParams.has(key)) builder.untranslated(`${label}: litellm_params.${key} is not translated`);
  if (split.model === '*' || split.model.endsWith('/*')) {
    builder.note(`${label}: every ${id} model is served as ${id}/<model> and by its catalog name`);
    return { group };
  }
  // an endpoint the catalog does not describe lists what it serves, so bare names find it
  if (provider.base_url) builder.models(id, [split.model]);
  const weight =
    number(params.weight) ?? number(params.rpm) ?? number(item.rpm) ?? number(params.tpm) ?? number(item.tpm);
  return {
    group,
    target: `${id}/${split.model}`,
    provider: provider.id,
    timeouts: { timeout_ms: seconds(params.timeout), first_token_timeout_ms: seconds(params.stream_timeout) },
    ...(weight !== undefined ? { weight } : {}),
  };
}

/**
 * A deployment's `timeout`/`stream_timeout` (seconds) become its provider's deadlines when every
 * deployment of that provider gives the same; otherwise they are listed as untranslated.
 */
function applyTimeouts(builder: ImportPlanBuilder, deployments: Deployment[]): void {
  for (const provider of builder.plan.providers) {
    const own = deployments.filter((deployment) => deployment.provider === provider.id);
    for (const key of ['timeout_ms', 'first_token_timeout_ms'] as const) {
      const values = new Set(own.map((deployment) => deployment.timeouts?.[key]));
      const [value] = [...values];
      if (values.size === 1 && value !== undefined) provider[key] = value;
      else if (values.size > 1)
        builder.untranslated(
          `${provider.id}: its deployments set different ${key === 'timeout_ms' ? 'timeout' : 'stream_timeout'}s; set ${key} yourself`,
        );
    }
  }
}

/** `[{a: [b, c]}]` (LiteLLM's fallback lists) as pairs. */
function fallbackPairs(value: unknown): Array<[string, string[]]> {
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry) =>
    isPlainObject(entry)
      ? Object.entries(entry).map(([from, to]): [string, string[]] => [
          from,
          (Array.isArray(to) ? to : [to]).filter((name): name is string => typeof name === 'string'),
        ])
      : [],
  );
}

/**
 * Translates a LiteLLM proxy config.yaml: each model group becomes a route of its deployments
 * (several: the router's strategy, weights from `weight`/`rpm`/`tpm`), fallbacks are appended to
 * the route's targets, `model_group_alias` becomes aliases, `max_budget` a client budget.
 */
export function importLitellm(text: string): ImportPlan {
  const builder = new ImportPlanBuilder('litellm');
  const file: unknown = parse(text);
  if (!isPlainObject(file) || !Array.isArray(file.model_list))
    throw new Error('not a LiteLLM config: it has no model_list');
  const deployments = file.model_list
    .map((item, index) => readDeployment(builder, item, index))
    .filter((deployment): deployment is Deployment => deployment !== undefined);
  applyTimeouts(builder, deployments);
  const groups = new Map<string, Deployment[]>();
  for (const deployment of deployments) {
    if (!deployment.target) continue;
    groups.set(deployment.group, [...(groups.get(deployment.group) ?? []), deployment]);
  }
  const targetsOf = (group: string) => groups.get(group)?.map((deployment) => deployment.target!) ?? [];
  const router = isPlainObject(file.router_settings) ? file.router_settings : {};
  const settings = isPlainObject(file.litellm_settings) ? file.litellm_settings : {};
  const strategy = routeStrategyOf(builder, router.routing_strategy);

  const routes = new Map<string, ImportedRoute>();
  for (const [name, members] of groups) {
    const targets = members.map((member) => member.target!);
    if (name.includes('/')) {
      // `openai/gpt-4o` named after its one deployment is just how this relay addresses a model
      if (!(targets.length === 1 && targets[0] === name))
        builder.untranslated(
          `model group '${name}': a route name may not contain '/'; its models stay reachable as provider/model`,
        );
      continue;
    }
    const route: ImportedRoute = { name, targets };
    if (targets.length > 1) {
      route.strategy = strategy;
      if (strategy === 'weighted') route.weights = members.map((member) => member.weight ?? 1);
    }
    routes.set(name, route);
  }

  const fallbackKeys = ['fallbacks', 'context_window_fallbacks', 'content_policy_fallbacks'];
  const pairs = fallbackKeys.flatMap((key) => [
    ...fallbackPairs(router[key]),
    ...fallbackPairs(settings[key]),
  ]);
  const defaults = [router.default_fallbacks, settings.default_fallbacks]
    .flatMap((list) => (Array.isArray(list) ? list : []))
    .filter((name): name is string => typeof name === 'string');
  for (const name of routes.keys()) if (defaults.length > 0) pairs.push([name, defaults]);
  for (const [from, to] of pairs) {
    const route = routes.get(from);
    if (!route) {
      builder.untranslated(`fallbacks of '${from}': no model group of that name was translated`);
      continue;
    }
    for (const group of to) {
      const extra = targetsOf(group);
      if (extra.length === 0)
        builder.untranslated(`fallbacks of '${from}': '${group}' has no translated deployment`);
      for (const target of extra) {
        if (route.targets.includes(target)) continue;
        route.targets.push(target);
        // a fallback is tried after the group's own deployments, never picked first
        route.weights?.push(0);
      }
    }
    if (route.strategy === 'cheapest' || route.strategy === 'fastest')
      builder.note(`route '${from}': its fallbacks join the ${route.strategy} choice among its targets`);
  }
  builder.plan.routes.push(...routes.values());

  const aliases = isPlainObject(router.model_group_alias) ? router.model_group_alias : {};
  for (const [alias, value] of Object.entries(aliases)) {
    const group = typeof value === 'string' ? value : isPlainObject(value) ? value.model : undefined;
    const targets = typeof group === 'string' ? targetsOf(group) : [];
    if (targets.length === 0 || alias.includes('/'))
      builder.untranslated(`model_group_alias '${alias}': no translated model group to point at`);
    else builder.plan.aliases[alias] = targets;
  }
  addBudget(builder, settings);
  reportSettings(builder, file, router, settings, fallbackKeys);
  return builder.plan;
}

function reportSettings(
  builder: ImportPlanBuilder,
  file: Record<string, unknown>,
  router: Record<string, unknown>,
  settings: Record<string, unknown>,
  fallbackKeys: string[],
): void {
  const routerHandled = new Set([
    'routing_strategy',
    'model_group_alias',
    'default_fallbacks',
    ...fallbackKeys,
  ]);
  for (const key of Object.keys(router))
    if (!routerHandled.has(key)) builder.untranslated(`router_settings.${key} is not translated`);
  const settingsHandled = new Set(['max_budget', 'budget_duration', 'default_fallbacks', ...fallbackKeys]);
  for (const key of Object.keys(settings))
    if (!settingsHandled.has(key)) builder.untranslated(`litellm_settings.${key} is not translated`);
  const general = isPlainObject(file.general_settings) ? file.general_settings : {};
  for (const key of Object.keys(general))
    builder.untranslated(
      key === 'master_key'
        ? 'general_settings.master_key is not imported: create client keys with `npm run relay -- keys create <name>`'
        : `general_settings.${key} is not translated`,
    );
  if (isPlainObject(file.environment_variables))
    builder.untranslated(
      `environment_variables (${Object.keys(file.environment_variables).length}) are not imported: set them in the relay's environment`,
    );
  const known = new Set([
    'model_list',
    'router_settings',
    'litellm_settings',
    'general_settings',
    'environment_variables',
  ]);
  for (const key of Object.keys(file)) if (!known.has(key)) builder.untranslated(`${key} is not translated`);
}
