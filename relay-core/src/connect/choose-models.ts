import type { CatalogEntry } from '../catalog/catalog-types.js';
import type { Catalog } from '../catalog/load-catalog.js';
import type { ResolvedProvider } from '../providers/types.js';
import { identifyAgent } from '../routing/identify-agent.js';
import type { RequestFeatures } from '../routing/match-route.js';
import { resolveTargets } from '../routing/resolve-targets.js';
import type { RouteEntry, ServesModel } from '../routing/resolve-targets.js';
import type { ModelLimits } from './coding-tool.js';
import { ConnectError } from './connect-error.js';
import { suggestModels } from './suggest-models.js';
import type { ModelPair } from './suggest-models.js';

/** The relay's configuration as far as model names go: what a tool may be pointed at. */
export interface ModelSource {
  providers: readonly ResolvedProvider[];
  routes: readonly RouteEntry[];
  serves: ServesModel;
  catalog: Catalog;
  /** The data-residency policy (unset: any region). */
  regions?: readonly string[];
  /** Whether a key is configured for the provider (keychain, environment or encrypted file). */
  hasKey(provider: ResolvedProvider): Promise<boolean>;
  /** Names clients got answers to lately, the most used first. */
  recent: readonly string[];
}

/** How far back the history counts toward names that are in use. */
export const recentWindowMs = 30 * 86_400_000;

/** A name the relay answers a coding tool's requests for, and where it came from. */
export interface WorkingModel {
  name: string;
  kind: 'route' | 'recent' | 'provider';
  /** The model for the tool's quick side tasks that goes with it: a provider's smaller model, else itself. */
  smallModel: string;
}

/** What a coding agent's request looks like to routing: long, with tools, from the tool's own key. */
function agentRequest(client: string): RequestFeatures {
  return {
    inputTokens: 20_000,
    tools: true,
    images: false,
    jsonSchema: false,
    reasoning: false,
    lastUserText: '',
    client,
    complexity: 'complex',
    complexityReasons: [],
    ...agentOf(client),
    purposes: [{ purpose: 'main', why: "a coding tool's main loop" }],
  };
}

/** The agent the tool's own key names, as routing reads it. */
function agentOf(client: string): Pick<RequestFeatures, 'agent'> {
  const found = identifyAgent(undefined, client);
  return found ? { agent: { id: found.agent, source: found.source } } : {};
}

/**
 * Why `name` would not answer a coding tool sending through the client key `client`: it names no
 * route, provider or catalog model; or no route entry of that name matches such a request; or no
 * provider of its targets is inside the policy with a key. Undefined when it works.
 */
export async function whyNotWorking(
  source: ModelSource,
  name: string,
  client: string,
): Promise<string | undefined> {
  let targets;
  try {
    targets = resolveTargets(name, source.providers, source.routes, source.serves, agentRequest(client));
  } catch (error) {
    return (error as Error).message;
  }
  const route = source.routes.find((entry) => entry.name === targets[0]?.route);
  const regions = route?.policy?.regions ?? source.regions;
  const allowed = targets.filter((target) => !regions || regions.includes(target.provider.region));
  if (allowed.length === 0)
    return `every target of '${name}' is outside the region policy (${regions?.join(', ')})`;
  for (const target of allowed)
    if (target.provider.preset.keyless || (await source.hasKey(target.provider))) return undefined;
  const ids = [...new Set(allowed.map((target) => target.provider.id))];
  return `no key is configured for ${ids.join(', ')}`;
}

/**
 * The context window and output limit a tool connected with `name` can count on: the smallest of
 * those the catalog knows among the targets a coding tool's request is routed to (a failover may
 * land on any of them). Empty where it knows none.
 */
export function modelLimits(
  source: Pick<ModelSource, 'providers' | 'routes' | 'serves'>,
  entryOf: (provider: ResolvedProvider, model: string) => CatalogEntry | undefined,
  name: string,
  client: string,
): ModelLimits {
  let targets;
  try {
    targets = resolveTargets(name, source.providers, source.routes, source.serves, agentRequest(client));
  } catch {
    return {};
  }
  const entries = targets.map((target) => entryOf(target.provider, target.model));
  const smallest = (values: Array<number | undefined>) => {
    const known = values.filter((value): value is number => value !== undefined && value > 0);
    return known.length > 0 ? Math.min(...known) : undefined;
  };
  const contextWindow = smallest(entries.map((entry) => entry?.contextWindow));
  const maxOutput = smallest(entries.map((entry) => entry?.maxOutput));
  return {
    ...(contextWindow === undefined ? {} : { contextWindow }),
    ...(maxOutput === undefined ? {} : { maxOutput }),
  };
}

/**
 * Names that work for a coding tool now, best first: the user's routes (the built-in `auto` only
 * when its tiers are configured), then what clients used lately, then each configured provider's
 * suggested model. Each is checked as a request of the tool would be routed.
 */
export async function workingModels(source: ModelSource, client: string): Promise<WorkingModel[]> {
  const found: WorkingModel[] = [];
  const offer = async (name: string, kind: WorkingModel['kind'], smallModel = name) => {
    if (found.some((model) => model.name === name)) return;
    if ((await whyNotWorking(source, name, client)) !== undefined) return;
    const small = smallModel !== name && (await whyNotWorking(source, smallModel, client)) !== undefined;
    found.push({ name, kind, smallModel: small ? name : smallModel });
  };
  for (const name of new Set(source.routes.map((route) => route.name))) await offer(name, 'route');
  for (const name of source.recent) await offer(name, 'recent');
  for (const provider of source.providers) {
    const pair = suggestModels(provider, source.catalog);
    if (pair) await offer(`${provider.id}/${pair.model}`, 'provider', `${provider.id}/${pair.smallModel}`);
  }
  return found;
}

/**
 * The models to connect a tool with: the ones asked for when they work (else a ConnectError
 * saying why, with names that do), or the first working name. The small model is the asked one,
 * the provider's smaller model where the default is a provider's, else the model itself.
 */
export async function chooseModels(
  source: ModelSource,
  client: string,
  asked: { model?: string; smallModel?: string } = {},
): Promise<ModelPair & { working: WorkingModel[] }> {
  const working = await workingModels(source, client);
  const hint = () =>
    working.length > 0
      ? `names that work here: ${working.map((model) => model.name).join(', ')}`
      : 'no model works yet: add a provider and its key (npm run relay -- secrets set <provider>), or define a route';
  for (const name of [asked.model, asked.smallModel]) {
    if (name === undefined) continue;
    const reason = await whyNotWorking(source, name, client);
    if (reason)
      throw new ConnectError(
        'NO_WORKING_MODEL',
        `'${name}' does not work with this relay: ${reason}; ${hint()}`,
      );
  }
  const model = asked.model ?? working[0]?.name;
  if (model === undefined) throw new ConnectError('NO_WORKING_MODEL', hint());
  const smallModel = asked.smallModel ?? working.find((entry) => entry.name === model)?.smallModel ?? model;
  return { model, smallModel, working };
}
