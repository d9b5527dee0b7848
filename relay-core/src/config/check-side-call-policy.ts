import { findPreset } from './presets.js';

interface ProviderEntry {
  id: string;
  preset?: string;
  region?: string;
  enabled: boolean;
}

interface SemanticEntry {
  enabled?: boolean;
  embedding_model?: string;
  rewrite_model?: string;
}

interface RouteEntry {
  name: string;
  targets: string[];
  policy?: { regions: string[] };
  gates?: { evaluator?: { model: string } };
  cache?: { semantic?: SemanticEntry };
}

/** What this check reads of a config. */
export interface SideCallConfig {
  providers: ProviderEntry[];
  routes: RouteEntry[];
  aliases: Record<string, string[]>;
  policy: { regions?: string[] };
  cache: { semantic: SemanticEntry };
}

/** A side model no provider inside its policy can serve. */
export interface SideCallIssue {
  path: Array<string | number>;
  message: string;
}

/**
 * The providers that could serve a model name, as far as config.yaml tells: `provider/model` its
 * provider, a route or alias name its targets' providers, a bare name (the catalog decides which
 * serve it, and validation has no catalog) every provider.
 */
function candidates(model: string, config: SideCallConfig, providers: Array<{ id: string; region: string }>) {
  const named = [
    ...config.routes.filter((route) => route.name === model).flatMap((route) => route.targets),
    ...(config.aliases[model] ?? []),
  ];
  const names = named.length > 0 ? named : [model];
  return names.flatMap((name) => {
    const slash = name.indexOf('/');
    const provider = slash > 0 ? providers.find((entry) => entry.id === name.slice(0, slash)) : undefined;
    return provider ? [provider] : providers;
  });
}

/**
 * Routes whose side calls (a gate's evaluator, the semantic cache's embedding and rewrite) name a
 * model that no provider inside the route's policy (or the global one) can serve: each request's
 * content would have to leave the policy for it. Refused at validation rather than skipped at
 * every request.
 */
export function checkSideCallPolicy(config: SideCallConfig): SideCallIssue[] {
  const providers = config.providers
    .filter((entry) => entry.enabled)
    .map((entry) => ({
      id: entry.id,
      region: entry.region ?? findPreset(entry.preset ?? entry.id)?.region ?? '',
    }));
  const issues: SideCallIssue[] = [];
  const check = (
    model: string | undefined,
    regions: string[] | undefined,
    path: Array<string | number>,
    what: string,
  ) => {
    if (model === undefined || regions === undefined) return;
    const serving = candidates(model, config, providers);
    if (serving.some((provider) => regions.includes(provider.region))) return;
    const where =
      serving.length > 0
        ? `it is served by ${[...new Set(serving.map((p) => `${p.id} (${p.region})`))].join(', ')}`
        : 'no configured provider serves it';
    issues.push({
      path,
      message: `${what} '${model}' would send each request's content outside the policy (regions: ${regions.join(', ')}): ${where}; name a model a provider inside the policy serves`,
    });
  };
  const semanticModels = (semantic: SemanticEntry, regions: string[] | undefined, route?: number) => {
    if (!semantic.enabled || !semantic.embedding_model) return;
    const own = (key: 'embedding_model' | 'rewrite_model') =>
      route !== undefined && config.routes[route]!.cache?.semantic?.[key] !== undefined
        ? ['routes', route, 'cache', 'semantic', key]
        : ['cache', 'semantic', key];
    const of =
      route === undefined ? 'the semantic cache' : `route '${config.routes[route]!.name}'s semantic cache`;
    check(semantic.embedding_model, regions, own('embedding_model'), `the embedding model of ${of}`);
    check(semantic.rewrite_model, regions, own('rewrite_model'), `the rewrite model of ${of}`);
  };
  config.routes.forEach((route, i) => {
    const regions = route.policy?.regions ?? config.policy.regions;
    check(
      route.gates?.evaluator?.model,
      regions,
      ['routes', i, 'gates', 'evaluator', 'model'],
      'the evaluator',
    );
    semanticModels({ ...config.cache.semantic, ...route.cache?.semantic }, regions, i);
  });
  // requests that name a model rather than a route
  semanticModels(config.cache.semantic, config.policy.regions);
  return issues;
}
