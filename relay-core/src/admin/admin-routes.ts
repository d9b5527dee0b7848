import type { AdminRoute } from '../server/create-server.js';
import { RelayError } from '../canonical/errors.js';
import { capabilityNames } from '../catalog/catalog-types.js';
import type { CatalogEntry } from '../catalog/load-catalog.js';
import { findOverride, findPriceEntry, withUserPrices } from '../catalog/price-overrides.js';
import { entryAt } from '../catalog/prices-at.js';
import { describeProvenance } from '../catalog/price-provenance.js';
import { queryCatalog } from '../catalog/query-catalog.js';
import { isDiscoveredEntry } from '../discovery/model-discovery.js';
import { resolveTargets } from '../routing/resolve-targets.js';
import type { Capability, CatalogQuery } from '../catalog/query-catalog.js';
import { countClientKeys } from '../store/client-keys.js';
import type { AdminDeps } from './admin-deps.js';
import { createConfigRoutes } from './config-routes.js';
import { createImportRoutes } from './import-routes.js';
import { createConnectRoutes } from './connect-routes.js';
import { createHistoryRoutes } from './history-routes.js';
import { createKeyRoutes, keyHint } from './key-routes.js';
import type { KeyTests } from './key-routes.js';
import { explainRouting } from './explain-routing.js';
import { measuredSorts, measuresByEntry, parseMeasureWindow } from './catalog-measures.js';
import { parseHistoryFilter } from './parse-history-filter.js';

export type { AdminDeps } from './admin-deps.js';

const circuitRank = { closed: 0, 'half-open': 1, open: 2 } as const;

/** The worst circuit among a provider's tracked targets, and how many are not closed. */
function providerHealth(deps: AdminDeps, providerId: string) {
  const tracked = deps.runtime.health.snapshot().filter((entry) => entry.target.startsWith(`${providerId}/`));
  const worst = tracked.reduce<keyof typeof circuitRank>(
    (state, entry) => (circuitRank[entry.state] > circuitRank[state] ? entry.state : state),
    'closed',
  );
  return { circuit: worst, failingTargets: tracked.filter((entry) => entry.state !== 'closed').length };
}

/**
 * What a provider's model list said at its last look: a state (`listed`, `down`, `failed`,
 * `no-key`, `no-list`), how many models it lists and how many of those the catalog lacks.
 */
function discoveryOf(deps: AdminDeps, providerId: string) {
  const found = deps.discovery?.of(providerId);
  const provider = deps.runtime.providers.find((candidate) => candidate.id === providerId);
  if (!found || !provider) return {};
  const catalogProvider = provider.preset.catalogProvider;
  const unknown = found.models.filter((model) => {
    const entry = deps.catalog.find(catalogProvider, model.id);
    return entry === undefined || isDiscoveredEntry(entry, providerId);
  });
  return {
    discovery: {
      state: found.state,
      models: found.models.length,
      notInCatalog: unknown.length,
      checkedAt: found.checkedAt,
      ...(found.error ? { error: found.error } : {}),
    },
  };
}

const capabilities = new Set<string>(capabilityNames);

function numberParam(url: URL, name: string): number | undefined {
  const value = url.searchParams.get(name);
  if (value === null || value === '') return undefined;
  const parsed = Number(value);
  if (!Number.isFinite(parsed))
    throw new RelayError('BAD_REQUEST', `${name} must be a number`, { param: name });
  return parsed;
}

const version = '0.1.0';

/**
 * The catalog entries each configured provider lists (what `GET /v1/models` lists for it: its own
 * model list when config gives one, as the demo's does, else its catalog's), with the ids of the
 * providers listing each, and those a provider that can answer lists (it has a key or needs none).
 */
async function listedEntries(deps: AdminDeps) {
  const providerIds = new Map<CatalogEntry, string[]>();
  const available = new Set<CatalogEntry>();
  for (const provider of deps.runtime.providers) {
    const answering = provider.preset.keyless === true || (await deps.runtime.getKey(provider)) !== undefined;
    const seen = new Set<CatalogEntry>();
    for (const model of deps.runtime.listModels(provider)) {
      // a name the provider's own catalog lacks (the demo serves DeepSeek's) is every catalog's entry of it
      const own = deps.catalog.find(provider.preset.catalogProvider, model);
      for (const entry of own ? [own] : deps.catalog.findAnyProvider(model)) {
        if (seen.has(entry)) continue;
        seen.add(entry);
        providerIds.set(entry, [...(providerIds.get(entry) ?? []), provider.id]);
        if (answering) available.add(entry);
      }
    }
  }
  return { providerIds, available };
}

/** Every catalog provider with a model of this mode, for the model browser's provider menu. */
function catalogProviders(catalog: AdminDeps['catalog'], mode: CatalogEntry['mode']): string[] {
  return [
    ...new Set(catalog.entries.filter((entry) => entry.mode === mode).map((entry) => entry.provider)),
  ].sort();
}

/** Names that mark a model as not yet stable: previews, experiments, betas. */
const previewName = /preview|experimental|(^|[-_.:])exp($|[-_.:\d])|beta|alpha/i;

/** What the model browser marks beside a price: free, preview, unpriced. */
function priceMarks(entry: Pick<CatalogEntry, 'model' | 'input' | 'output'>) {
  const unpriced = entry.input === undefined || entry.output === undefined;
  return {
    unpriced,
    free: !unpriced && entry.input === 0 && entry.output === 0,
    preview: previewName.test(entry.model),
  };
}

/** The price a what-if target would pay: a route's first target, a configured provider, or a catalog provider. */
function priceFor(deps: AdminDeps, target: string): CatalogEntry | undefined {
  try {
    const [first] = resolveTargets(target, deps.runtime.providers, deps.runtime.routes, deps.runtime.serves);
    if (first) return findPriceEntry(deps.catalog, deps.overrides(), first.provider, first.model);
  } catch {
    // not a configured provider or route: try the catalog's own provider ids below
  }
  const slash = target.indexOf('/');
  return slash > 0
    ? deps.catalog.find(target.slice(0, slash), target.slice(slash + 1))
    : deps.catalog.findAnyProvider(target)[0];
}

/**
 * The entry `provider/model` is priced at, as `x-relay-cost-usd` prices it (findPriceEntry), shown
 * whole: `provider` is a configured provider's id (the `x-relay-provider` header) or a catalog
 * provider's, `model` any name of the model (the `x-relay-model` header).
 */
function pricedEntry(deps: AdminDeps, provider: string, model: string): CatalogEntry | undefined {
  const configured = deps.runtime.providers.find((candidate) => candidate.id === provider);
  const entry = deps.catalog.find(configured?.preset.catalogProvider ?? provider, model);
  const priced = configured ? findPriceEntry(deps.catalog, deps.overrides(), configured, model) : entry;
  return priced && entry && priced !== entry ? withUserPrices(entry, priced) : priced;
}

/** The admin API the UI uses (`/admin/*`, admin token required). Keys are never returned. */
export function createAdminRoutes(deps: AdminDeps): Record<string, AdminRoute> {
  const keyTests: KeyTests = new Map();
  return {
    ...createHistoryRoutes(deps),
    ...createConfigRoutes(deps),
    ...createImportRoutes(deps),
    ...createKeyRoutes(deps, keyTests),
    ...createConnectRoutes(deps),
    'GET /admin/status': async () => {
      const providers = await Promise.all(
        deps.runtime.providers.map(async (provider) => {
          // a provider's first key in its strategy's order: `default`, unless only named ones exist
          const keys = await deps.runtime.keys.keysOf(provider);
          const found = keys[0];
          return {
            id: provider.id,
            preset: provider.preset.id,
            baseUrl: provider.baseUrl,
            region: provider.region,
            hasKey: found !== undefined || provider.preset.keyless === true,
            keySource: found?.source ?? (provider.preset.keyless ? 'none needed' : undefined),
            ...(found ? { keyHint: keyHint(found.key) } : {}),
            keyNames: keys.map((key) => key.name),
            displayName: provider.preset.displayName,
            ...providerHealth(deps, provider.id),
            ...(keyTests.has(provider.id) ? { keyTest: keyTests.get(provider.id) } : {}),
            ...discoveryOf(deps, provider.id),
          };
        }),
      );
      const configProblem = deps.configProblem?.();
      // the demo preset is the built-in emulator: its answers, tokens and costs are replays
      const demo = deps.runtime.providers.filter((provider) => provider.preset.id === 'demo');
      return {
        version,
        endpoint: deps.url(),
        providers,
        ...(demo.length > 0 ? { demoProviders: demo.map((provider) => provider.id) } : {}),
        clientKeys: countClientKeys(deps.db),
        state: deps.runtime.state.status(),
        history: { store: deps.history.engine, ...deps.historyStatus?.() },
        ...(configProblem ? { configProblem } : {}),
      };
    },
    // lists every provider's models again now (they are listed on start and after config changes)
    'POST /admin/models/discover': async () => {
      if (!deps.discovery) throw new RelayError('NOT_FOUND', 'model discovery is not available here');
      const results = await deps.discovery.discover(deps.runtime.providers);
      return {
        providers: results.map((result) => ({
          ...discoveryOf(deps, result.provider).discovery,
          id: result.provider,
        })),
      };
    },
    'POST /admin/catalog/refresh': async (_url, body) => {
      if (!deps.refreshCatalog) throw new RelayError('NOT_FOUND', 'catalog refresh is not available here');
      const withOpenRouter = (body as { openrouter?: unknown } | undefined)?.openrouter !== false;
      const { refreshedAt, sources, entries } = await deps.refreshCatalog(withOpenRouter);
      return { refreshedAt, sources, entries: entries.length };
    },
    'GET /admin/catalog': async (url) => {
      const capability = url.searchParams.getAll('capability');
      const unknown = capability.find((name) => !capabilities.has(name));
      if (unknown)
        throw new RelayError('BAD_REQUEST', `unknown capability '${unknown}'`, { param: 'capability' });
      const sort = url.searchParams.get('sort') || undefined;
      const mode = (url.searchParams.get('mode') as CatalogEntry['mode'] | null) ?? 'chat';
      const measuredSort = sort === undefined ? undefined : measuredSorts[sort];
      if (sort && !measuredSort && !['model', 'provider', 'input', 'output', 'context'].includes(sort)) {
        throw new RelayError('BAD_REQUEST', `cannot sort by '${sort}'`, { param: 'sort' });
      }
      const listing = await listedEntries(deps);
      const at = Date.now();
      // the user's own figures from the history, beside the catalog's prices
      const measureWindow = parseMeasureWindow(url);
      const measured = await measuresByEntry(deps, measureWindow, at);
      const exact = url.searchParams.get('model');
      const provider = url.searchParams.get('provider') ?? undefined;
      // one model by any of its names, priced as x-relay-cost-usd prices it
      const found = exact && provider ? pricedEntry(deps, provider, exact) : undefined;
      const result: { total: number; entries: CatalogEntry[] } =
        exact && provider
          ? { total: found ? 1 : 0, entries: found ? [found] : [] }
          : queryCatalog(deps.catalog, {
              q: url.searchParams.get('q') ?? undefined,
              provider,
              mode,
              capability: capability as Capability[],
              minContext: numberParam(url, 'min_context'),
              maxInputPrice: numberParam(url, 'max_input_price'),
              maxOutputPrice: numberParam(url, 'max_output_price'),
              within: url.searchParams.get('available') === '1' ? listing.available : undefined,
              sort: measuredSort ? undefined : (sort as CatalogQuery['sort']),
              sortValue: measuredSort
                ? (entry) => {
                    const measures = measured.get(entry);
                    return measures && measuredSort(measures);
                  }
                : undefined,
              order: url.searchParams.get('order') === 'desc' ? 'desc' : 'asc',
              limit: numberParam(url, 'limit'),
              offset: numberParam(url, 'offset'),
              at,
            });
      const overrides = deps.overrides();
      const { sources } = deps.catalog;
      return {
        total: result.total,
        priceDate:
          sources
            .map((source) => source.date)
            .sort()
            .at(-1) ?? null,
        source: sources.map((source) => source.id).join(', '),
        sources,
        providers: catalogProviders(deps.catalog, mode),
        refreshedAt: deps.catalog.refreshedAt ?? null,
        window: measureWindow,
        entries: result.entries.map((entry) => {
          const providerIds = listing.providerIds.get(entry) ?? [];
          // a row of the browser shows a user's price of any provider serving it; a lookup is priced already
          const override = found
            ? undefined
            : providerIds.map((id) => findOverride(overrides, id, entry.model)).find(Boolean);
          // the prices in force now (a price change, peak hours), as requests are charged
          const shown = override ? withUserPrices(entry, override) : entryAt(entry, at);
          return {
            ...shown,
            available: listing.available.has(entry),
            providerIds,
            provenance: describeProvenance(shown, sources),
            ...priceMarks(shown),
            // a model only a provider's own list names: served there, not described by any source
            ...(isDiscoveredEntry(shown) ? { discovered: true } : {}),
            ...(measured.has(entry) ? { measured: measured.get(entry) } : {}),
          };
        }),
      };
    },
    // the history page's filters ride in the query string, as for its other calls
    'POST /admin/history/reprice': async (url, body) => {
      const { target, from, to } = (body ?? {}) as { target?: unknown; from?: unknown; to?: unknown };
      if (typeof target !== 'string' || target === '') {
        throw new RelayError('BAD_REQUEST', "target must be 'provider/model' or a route name", {
          param: 'target',
        });
      }
      for (const [name, value] of [
        ['from', from],
        ['to', to],
      ] as const) {
        if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value))) {
          throw new RelayError('BAD_REQUEST', `${name} must be a time in milliseconds`, { param: name });
        }
      }
      const entry = priceFor(deps, target);
      if (!entry || entry.input === undefined || entry.output === undefined) {
        throw new RelayError('BAD_REQUEST', `no price is known for '${target}'`, { param: 'target' });
      }
      const filter = parseHistoryFilter(url);
      const days = await deps.history.reprice(
        {
          ...filter,
          from: (from as number | undefined) ?? filter.from,
          to: (to as number | undefined) ?? filter.to,
        },
        entry,
      );
      const sum = (key: 'recordedCostUsd' | 'whatIfCostUsd') =>
        Math.round(days.reduce((total, day) => total + day[key], 0) * 1e10) / 1e10;
      return {
        target,
        priced: {
          provider: entry.provider,
          model: entry.model,
          source: entry.source,
          priceDate: entry.priceDate,
        },
        days,
        totals: {
          requests: days.reduce((total, day) => total + day.requests, 0),
          recordedCostUsd: sum('recordedCostUsd'),
          unpricedRequests: days.reduce((total, day) => total + day.unpricedRequests, 0),
          whatIfCostUsd: sum('whatIfCostUsd'),
        },
      };
    },
    // what the playground estimates a streaming answer's cost with, until the relay records it
    'GET /admin/price': (url) => {
      const model = url.searchParams.get('model') ?? '';
      const entry = model === '' ? undefined : priceFor(deps, model);
      if (!entry || entry.input === undefined || entry.output === undefined) return { model, unpriced: true };
      return { model, unpriced: false, input: entry.input, output: entry.output, source: entry.source };
    },
    'GET /admin/routing/health': () => ({
      targets: deps.runtime.health.snapshot(),
      latency: deps.runtime.latency.snapshot(),
    }),
    'POST /admin/routing/explain': async (_url, body) => explainRouting(deps, body),
    'GET /admin/history/summary': async (url) => ({
      ...(await deps.history.summarizeCost({ since: numberParam(url, 'since') })),
      cache: { bytes: deps.runtime.cache?.store.size() ?? 0, vectorSearch: deps.runtime.cache?.index.kind },
    }),
    'POST /admin/cache/clear': () => {
      return { cleared: true, freedBytes: deps.runtime.cache?.clear() ?? 0 };
    },
    'GET /admin/requests': async (url) => {
      const limit = Math.min(1000, Math.max(1, Number(url.searchParams.get('limit') ?? 100) || 100));
      return { requests: await deps.history.listRequests({ limit }) };
    },
  };
}
