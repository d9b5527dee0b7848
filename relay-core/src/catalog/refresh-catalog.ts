import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { request } from 'undici';
import type { Dispatcher } from 'undici';
import type { CatalogEntry, CatalogFile } from './catalog-types.js';
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

/** What one configured provider's model list gave, as discovery built it. */
export interface ProviderListing {
  source: string;
  ok: boolean;
  /** Models it listed. */
  models: number;
  /** Its models the catalog lacks, as catalog entries. */
  entries: CatalogEntry[];
  error?: string;
}

async function getJson(url: string, dispatcher: Dispatcher, source: string): Promise<unknown> {
  const reply = await request(url, { dispatcher, headersTimeout: 15_000, bodyTimeout: 30_000 });
  const text = await reply.body.text();
  if (reply.statusCode !== 200) throw new Error(`${source} answered ${reply.statusCode}`);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new Error(`${source} did not answer JSON`);
  }
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
 * 3. A configured provider's model list adds the ids the catalog does not know (after id
 *    normalisation), without a price (at $0 from a keyless server on this machine): they are
 *    routable and shown, and their requests are flagged unpriced, never $0. Ids it knows keep the
 *    bundled prices (a provider's list carries none).
 * 4. Everything else is the bundled catalog.
 *
 * A source that fails is reported with its error (redacted) and the others still count.
 */
export async function refreshCatalog(options: {
  base: Catalog;
  /** What each configured provider's model list gave (see discovery/model-discovery.ts). */
  listings: readonly ProviderListing[];
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
        await getJson(options.openRouter, options.dispatcher, 'openrouter'),
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

  for (const listing of options.listings) {
    if (!listing.ok) {
      sources.push(failedSource(listing.source, redact(listing.error ?? 'no model list')));
      continue;
    }
    let added = 0;
    for (const entry of listing.entries) {
      if (options.base.find(entry.provider, entry.model) || entries.has(keyOf(entry))) continue;
      entries.set(keyOf(entry), entry);
      added += 1;
    }
    sources.push({ source: listing.source, ok: true, models: listing.models, added, updated: 0 });
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
