import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { request } from 'undici';
import type { Dispatcher } from 'undici';
import type { ResolvedProvider } from '../providers/types.js';
import type { CatalogEntry, CatalogFile } from './catalog-types.js';
import { noCapabilities } from './catalog-types.js';
import type { Catalog } from './load-catalog.js';
import { parseOpenRouterModels } from './parse-openrouter-models.js';

/** What one source of a refresh gave. */
export interface RefreshSource {
  /** `openrouter`, or a configured provider's id. */
  source: string;
  ok: boolean;
  /** Models the source listed. */
  models: number;
  /** Models the catalog did not know, added (from a provider's list: without a price). */
  added: number;
  /** Known models whose prices the source replaced (OpenRouter only). */
  updated: number;
  error?: string;
}

/** The stored result of a refresh (`catalog-refresh.json` in the data folder). */
export interface RefreshedCatalog {
  refreshedAt: string;
  sources: RefreshSource[];
  entries: CatalogEntry[];
}

export const openRouterModelsUrl = 'https://openrouter.ai/api/v1/models';
const fileName = 'catalog-refresh.json';

/** Ids in a provider's /models that are not chat or embedding models (audio, images, moderation). */
const notText =
  /whisper|tts|dall-e|davinci-00|babbage|moderation|realtime|transcribe|audio|image|sora|veo|imagen/i;

async function getJson(
  url: string,
  headers: Record<string, string>,
  dispatcher: Dispatcher,
  source: string,
): Promise<unknown> {
  const reply = await request(url, { headers, dispatcher, headersTimeout: 15_000, bodyTimeout: 30_000 });
  const text = await reply.body.text();
  if (reply.statusCode !== 200) throw new Error(`${source} answered ${reply.statusCode}`);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new Error(`${source} did not answer JSON`);
  }
}

/** How each API family lists its models: the path, the key's header, and where the ids are. */
const modelLists: Partial<
  Record<
    ResolvedProvider['preset']['adapter'],
    {
      path: string;
      auth(key: string): Record<string, string>;
      field: 'data' | 'models';
      id: 'id' | 'name';
      prefix?: string;
      headers?: Record<string, string>;
    }
  >
> = {
  'openai-compatible': {
    path: '/models',
    auth: (key) => ({ authorization: `Bearer ${key}` }),
    field: 'data',
    id: 'id',
  },
  anthropic: {
    path: '/models?limit=1000',
    headers: { 'anthropic-version': '2023-06-01' },
    auth: (key) => ({ 'x-api-key': key }),
    field: 'data',
    id: 'id',
  },
  gemini: {
    prefix: 'models/',
    path: '/models?pageSize=1000',
    auth: (key) => ({ 'x-goog-api-key': key }),
    field: 'models',
    id: 'name',
  },
};

/** The model ids a provider lists, by its API family; undefined when the family has no list we read. */
async function listProviderModels(
  provider: ResolvedProvider,
  apiKey: string | undefined,
  dispatcher: Dispatcher,
): Promise<string[] | undefined> {
  const list = modelLists[provider.preset.adapter];
  if (!list) return undefined;
  const body = await getJson(
    `${provider.baseUrl.replace(/\/+$/, '')}${list.path}`,
    { ...provider.headers, ...list.headers, ...(apiKey ? list.auth(apiKey) : {}) },
    dispatcher,
    provider.id,
  );
  const items = (body as Record<string, unknown>)[list.field];
  if (!Array.isArray(items)) throw new Error(`${provider.id}: /models has no '${list.field}' array`);
  return (items as Array<Record<string, unknown>>).flatMap((item) => {
    const id = item[list.id];
    if (typeof id !== 'string') return [];
    // Gemini names its models `models/gemini-…`
    return [list.prefix && id.startsWith(list.prefix) ? id.slice(list.prefix.length) : id];
  });
}

/** A source that gave nothing, and why. */
const failedSource = (source: string, error: string): RefreshSource => ({
  source,
  ok: false,
  models: 0,
  added: 0,
  updated: 0,
  error,
});

/**
 * Refreshes the catalog from what is online (issue 6). Merge rules, in order of precedence:
 *
 * 1. User price overrides in config.yaml win over everything (applied at pricing time, not here).
 * 2. OpenRouter's public list (optional) replaces the prices of `openrouter/*` models it lists
 *    and adds the ones the bundled catalog lacks, dated today.
 * 3. A configured provider's /models adds the ids the catalog does not know (after id
 *    normalisation), without a price: they are routable and shown, and their requests are
 *    flagged unpriced, never $0. Ids it knows keep the bundled prices (a provider's list carries
 *    none).
 * 4. Everything else is the bundled catalog.
 *
 * A source that fails is reported with its error (redacted) and the others still count.
 */
export async function refreshCatalog(options: {
  base: Catalog;
  providers: readonly ResolvedProvider[];
  getKey(provider: ResolvedProvider): Promise<string | undefined>;
  dispatcher: Dispatcher;
  /** OpenRouter's list URL; false leaves it out. */
  openRouter: string | false;
  now?: () => Date;
  redact?: (text: string) => string;
}): Promise<RefreshedCatalog> {
  const now = (options.now ?? (() => new Date()))();
  const date = now.toISOString().slice(0, 10);
  const redact = options.redact ?? ((text: string) => text);
  const sources: RefreshSource[] = [];
  const entries = new Map<string, CatalogEntry>();
  const keyOf = (entry: Pick<CatalogEntry, 'provider' | 'model'>) =>
    `${entry.provider}\u0000${entry.model.toLowerCase()}`;

  if (options.openRouter) {
    try {
      const listed = parseOpenRouterModels(
        await getJson(options.openRouter, {}, options.dispatcher, 'openrouter'),
        date,
      );
      let added = 0;
      let updated = 0;
      for (const entry of listed) {
        if (options.base.find('openrouter', entry.model)) updated += 1;
        else added += 1;
        entries.set(keyOf(entry), entry);
      }
      sources.push({ source: 'openrouter', ok: true, models: listed.length, added, updated });
    } catch (error) {
      sources.push(failedSource('openrouter', redact((error as Error).message)));
    }
  }

  for (const provider of options.providers) {
    try {
      const apiKey = await options.getKey(provider);
      if (apiKey === undefined && !provider.preset.keyless) throw new Error(`${provider.id}: no API key`);
      const ids = await listProviderModels(provider, apiKey, options.dispatcher);
      if (!ids) {
        sources.push(
          failedSource(
            provider.id,
            `${provider.id}: the ${provider.preset.adapter} API has no model list the relay reads`,
          ),
        );
        continue;
      }
      let added = 0;
      const catalogProvider = provider.preset.catalogProvider;
      for (const id of ids) {
        if (notText.test(id)) continue;
        const candidate = { provider: catalogProvider, model: id };
        if (options.base.find(catalogProvider, id) || entries.has(keyOf(candidate))) continue;
        entries.set(keyOf(candidate), {
          ...candidate,
          mode: /embed/i.test(id) ? 'embedding' : 'chat',
          capabilities: noCapabilities,
          source: `${provider.id} /models`,
          priceDate: date,
        });
        added += 1;
      }
      sources.push({ source: provider.id, ok: true, models: ids.length, added, updated: 0 });
    } catch (error) {
      sources.push(failedSource(provider.id, redact((error as Error).message)));
    }
  }
  return { refreshedAt: now.toISOString(), sources, entries: [...entries.values()] };
}

/**
 * The bundled catalog with a refresh laid over it: a refreshed entry replaces the bundled one
 * listed under its id (as its model or an alias) and keeps that one's aliases, so every name that
 * found the model still does.
 */
export function mergeRefreshed(bundled: CatalogFile, refreshed: RefreshedCatalog | undefined): CatalogFile {
  if (!refreshed || refreshed.entries.length === 0) return bundled;
  const keyOf = (provider: string, model: string) => `${provider}\u0000${model.toLowerCase()}`;
  const bundledByName = new Map<string, CatalogEntry>();
  for (const entry of bundled.entries) {
    for (const name of [entry.model, ...(entry.aliases ?? [])]) {
      const key = keyOf(entry.provider, name);
      if (!bundledByName.has(key)) bundledByName.set(key, entry);
    }
  }
  const replaced = new Set<CatalogEntry>();
  const entries = refreshed.entries.map((entry) => {
    const previous = bundledByName.get(keyOf(entry.provider, entry.model));
    if (!previous) return entry;
    replaced.add(previous);
    const aliases = [previous.model, ...(previous.aliases ?? [])].filter(
      (name) => name.toLowerCase() !== entry.model.toLowerCase(),
    );
    return aliases.length > 0 ? { ...entry, aliases } : entry;
  });
  return {
    sources: bundled.sources,
    entries: [...entries, ...bundled.entries.filter((entry) => !replaced.has(entry))],
  };
}

/** Stores a refresh in the data folder (written aside, then renamed: never half a file). */
export function saveRefreshed(home: string, refreshed: RefreshedCatalog): void {
  const path = join(home, fileName);
  writeFileSync(`${path}.tmp`, JSON.stringify(refreshed), { mode: 0o600 });
  renameSync(`${path}.tmp`, path);
}

/** The stored refresh, or undefined when there is none or it cannot be read (then `onError`). */
export function loadRefreshed(
  home: string,
  onError: (message: string) => void,
): RefreshedCatalog | undefined {
  const path = join(home, fileName);
  if (!existsSync(path)) return undefined;
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as RefreshedCatalog;
    if (typeof parsed.refreshedAt !== 'string' || !Array.isArray(parsed.entries))
      throw new Error('unexpected shape');
    return parsed;
  } catch (error) {
    onError(`catalog: ignoring ${path}: ${(error as Error).message}`);
    return undefined;
  }
}
