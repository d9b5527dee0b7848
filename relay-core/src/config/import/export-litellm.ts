import { Document } from 'yaml';
import { findPreset } from '../presets.js';
import type { Config } from '../schema.js';
import { switchboardKeyVariable } from './import-plan.js';
import { budgetClient, litellmStrategies, providerInfoKey } from './litellm-settings.js';

// our preset ids → LiteLLM's provider prefixes
const litellmPrefixes: Record<string, string> = {
  together: 'together_ai',
  fireworks: 'fireworks_ai',
  qwen: 'dashscope',
  ollama: 'ollama_chat',
  lmstudio: 'lm_studio',
  vllm: 'hosted_vllm',
};

type Provider = Config['providers'][number];
type Deployment = {
  model_name: string;
  litellm_params: Record<string, unknown>;
  model_info?: Record<string, unknown>;
};

/** The variable the relay itself would read this provider's key from, as LiteLLM's reference. */
function keyReference(provider: Provider): string | undefined {
  const preset = findPreset(provider.preset ?? provider.id);
  if (provider.key_env) return `os.environ/${provider.key_env}`;
  if (preset?.keyless) return undefined;
  // a preset's usual variable is read only under the preset's own id
  const usual = findPreset(provider.id)?.keyEnv[0];
  return `os.environ/${usual ?? switchboardKeyVariable(provider.id)}`;
}

/** LiteLLM's api_base for a base_url: the form LiteLLM appends its own paths to. */
function apiBase(presetId: string, baseUrl: string): string {
  if (presetId === 'ollama' || presetId === 'lmstudio' || presetId === 'anthropic')
    return baseUrl.replace(/\/v1$/, '');
  if (presetId === 'azure') return baseUrl.replace(/\/openai$/, '');
  return baseUrl;
}

/** The LiteLLM exporter's state: deployments by group, fallbacks, and what could not go over. */
class LitellmWriter {
  readonly deployments: Deployment[] = [];
  readonly fallbacks: Array<Record<string, string[]>> = [];
  readonly notes: string[] = [];
  readonly strategies: string[] = [];
  private readonly groups = new Set<string>();

  constructor(private readonly config: Config) {}

  /** A deployment of `target` in `group`, or false (with a note) when it names no provider here. */
  deploy(group: string, target: string, weight?: number): boolean {
    const slash = target.indexOf('/');
    const provider = this.config.providers.find((entry) => entry.id === target.slice(0, slash));
    if (slash < 0 || !provider) {
      this.notes.push(`${group}: target '${target}' names no configured provider; left out`);
      return false;
    }
    const model = target.slice(slash + 1);
    const presetId = provider.preset ?? provider.id;
    const params: Record<string, unknown> = { model: `${litellmPrefixes[presetId] ?? presetId}/${model}` };
    if (presetId === 'bedrock' && provider.base_url) {
      const region = /bedrock-runtime\.([a-z0-9-]+)\.amazonaws\.com/.exec(provider.base_url)?.[1];
      if (region) params.aws_region_name = region;
    } else if (provider.base_url) params.api_base = apiBase(presetId, provider.base_url);
    if (provider.api_version) params.api_version = provider.api_version;
    const key = keyReference(provider);
    if (key) params.api_key = key;
    if (weight !== undefined) params.weight = weight;
    if (provider.timeout_ms !== undefined) params.timeout = provider.timeout_ms / 1000;
    if (provider.first_token_timeout_ms !== undefined)
      params.stream_timeout = provider.first_token_timeout_ms / 1000;
    const price = this.config.prices.find((entry) => entry.model === target);
    if (price) {
      params.input_cost_per_token = price.input / 1e6;
      params.output_cost_per_token = price.output / 1e6;
    }
    const deployment: Deployment = { model_name: group, litellm_params: params };
    // an id the preset alone would not give back on import travels in model_info
    if (provider.id !== presetId) deployment.model_info = { [providerInfoKey]: provider.id };
    this.deployments.push(deployment);
    this.groups.add(group);
    return true;
  }

  /** `targets` tried in order under `name`: the first as the group, the rest as its fallbacks. */
  ordered(name: string, targets: string[]): void {
    const [first, ...rest] = targets;
    if (first === undefined || !this.deploy(name, first)) return;
    this.fallback(name, rest);
  }

  /** Fallback groups, one per target, named as the target (`provider/model`). */
  fallback(name: string, targets: string[]): void {
    const groups = targets.filter((target) => this.groups.has(target) || this.deploy(target, target));
    if (groups.length > 0) this.fallbacks.push({ [name]: groups });
  }
}

function exportRoutes(writer: LitellmWriter, config: Config): void {
  const byName = new Map<string, Config['routes']>();
  for (const route of config.routes) byName.set(route.name, [...(byName.get(route.name) ?? []), route]);
  for (const [name, routes] of byName) {
    // LiteLLM has no conditions: the route every request can reach stands for the name
    const route = routes.find((entry) => !entry.when) ?? routes[0]!;
    if (routes.length > 1 || route.when)
      writer.notes.push(
        `route '${name}': conditions (when) have no LiteLLM equivalent; exported its ${route.when ? 'first' : 'unconditional'} targets`,
      );
    if (route.targets.length === 1 || route.strategy === 'ordered') {
      writer.ordered(name, route.targets);
      continue;
    }
    if (route.strategy === 'weighted') {
      const weights = route.weights ?? [];
      const picked = route.targets.filter((_, index) => (weights[index] ?? 1) > 0);
      route.targets.forEach((target, index) => {
        if ((weights[index] ?? 1) > 0) writer.deploy(name, target, weights[index] ?? 1);
      });
      writer.fallback(
        name,
        route.targets.filter((target) => !picked.includes(target)),
      );
    } else {
      for (const target of route.targets) writer.deploy(name, target);
      if (route.strategy === 'hedge')
        writer.notes.push(`route '${name}': hedging has no LiteLLM equivalent; exported as latency-based`);
    }
    writer.strategies.push(route.strategy === 'hedge' ? 'fastest' : route.strategy);
  }
  for (const [alias, targets] of Object.entries(config.aliases)) writer.ordered(alias, targets);
  if (config.auto) writer.notes.push('auto: the built-in auto route has no LiteLLM equivalent; left out');
}

/** The one routing_strategy LiteLLM allows, from the routes that spread over several targets. */
function routerSettings(writer: LitellmWriter): Record<string, unknown> {
  const counts = new Map<string, number>();
  for (const strategy of writer.strategies) counts.set(strategy, (counts.get(strategy) ?? 0) + 1);
  const [chosen] = [...counts].sort((a, b) => b[1] - a[1])[0] ?? [];
  const settings: Record<string, unknown> = {};
  const name = Object.entries(litellmStrategies).find(([, strategy]) => strategy === chosen)?.[0];
  if (name) settings.routing_strategy = name;
  if (counts.size > 1)
    writer.notes.push(
      `routing_strategy: LiteLLM has one for all groups; ${name} was chosen (routes also use ${[...counts.keys()].filter((key) => key !== chosen).join(', ')})`,
    );
  if (writer.fallbacks.length > 0) settings.fallbacks = writer.fallbacks;
  return settings;
}

/**
 * config.yaml as an equivalent LiteLLM proxy config.yaml: each route and alias a model group
 * (ordered targets as fallbacks, weights as `weight`), keys as `os.environ/<VARIABLE>` references
 * (never values), the `default` client's budget as `max_budget`. Returns the YAML and what has no
 * LiteLLM equivalent.
 */
export function exportLitellm(config: Config, now = new Date()): { yaml: string; notes: string[] } {
  const writer = new LitellmWriter(config);
  exportRoutes(writer, config);
  const file: Record<string, unknown> = { model_list: writer.deployments };
  const router = routerSettings(writer);
  if (Object.keys(router).length > 0) file.router_settings = router;
  const budget = config.clients.find((client) => client.name === budgetClient);
  if (budget?.spend_per_month_usd !== undefined || budget?.spend_per_day_usd !== undefined) {
    const monthly = budget.spend_per_month_usd !== undefined;
    file.litellm_settings = {
      max_budget: monthly ? budget.spend_per_month_usd : budget.spend_per_day_usd,
      budget_duration: monthly ? '30d' : '1d',
    };
  }
  for (const client of config.clients)
    if (client.name !== budgetClient)
      writer.notes.push(`client '${client.name}': LiteLLM keeps per-key limits in its database; left out`);
  if (config.policy.regions)
    writer.notes.push('policy.regions: data residency has no LiteLLM equivalent; left out');
  const document = new Document(file);
  document.commentBefore = ` LiteLLM proxy config exported by Switchboard on ${now.toISOString().slice(0, 10)}.\n Keys are not exported: set the os.environ/ variables below in LiteLLM's environment.`;
  return { yaml: document.toString({ flowCollectionPadding: false }), notes: writer.notes };
}
