import type { Dispatcher } from 'undici';
import { noCapabilities } from '../catalog/catalog-types.js';
import type { CatalogEntry } from '../catalog/catalog-types.js';
import type { Catalog } from '../catalog/load-catalog.js';
import type { ProviderListing } from '../catalog/refresh-catalog.js';
import type { ResolvedProvider } from '../providers/types.js';
import { listProviderModels, ModelListError } from './list-provider-models.js';
import type { ListedModel } from './list-provider-models.js';

/**
 * What the last look at a provider's model list found: `listed`; `down` (nothing answered);
 * `failed` (it answered, but not with a list: a refused key, an error page); `no-key`;
 * `no-list` (its API has no list the relay reads).
 */
export type DiscoveryState = 'listed' | 'down' | 'failed' | 'no-key' | 'no-list';

/** One provider's discovery, as /admin/status shows it. */
export interface ProviderDiscovery {
  provider: string;
  state: DiscoveryState;
  /** What it lists (empty unless `listed`). */
  models: ListedModel[];
  /** Wall-clock time of the look. */
  checkedAt: number;
  /** Why it is not `listed`, redacted. */
  error?: string;
}

export interface ModelDiscoveryOptions {
  getKey(provider: ResolvedProvider): Promise<string | undefined>;
  dispatcher: Dispatcher;
  /** One line when a provider's state changes (never once per request). */
  log(line: string): void;
  /** How long a list may take; local servers get a much shorter wait, as they answer at once or never. */
  timeoutMs?: number;
  localTimeoutMs?: number;
  redact?(text: string): string;
  now?(): number;
}

/** A provider on this machine that needs no key (Ollama, LM Studio): its models cost nothing. */
export function isLocalServer(provider: ResolvedProvider): boolean {
  return provider.preset.keyless === true && provider.region === 'local';
}

/** Errors that mean nothing is listening (or nothing answered in time), as opposed to a bad answer. */
const downCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_ABORTED',
  'ABORT_ERR',
]);

function isDown(error: unknown): boolean {
  if (error instanceof ModelListError) return false;
  const { code, name, cause } = error as { code?: string; name?: string; cause?: unknown };
  return (
    (code !== undefined && downCodes.has(code)) ||
    name === 'TimeoutError' ||
    name === 'AbortError' ||
    (cause !== undefined && isDown(cause))
  );
}

/**
 * Lists each configured provider's models (on start, after a config change, on demand) and keeps
 * what each said, so the relay can list and show models the catalog lacks. A provider that is
 * down is reported once when it goes down and once when it is back, however often it is asked.
 */
export class ModelDiscovery {
  private readonly found = new Map<string, ProviderDiscovery>();
  private running: Promise<ProviderDiscovery[]> = Promise.resolve([]);
  private readonly listeners: Array<() => void> = [];
  private readonly stopping = new AbortController();

  constructor(private readonly options: ModelDiscoveryOptions) {}

  /** Calls `listener` after each look that changed what some provider lists. */
  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  /** Looks at every provider's list now (all at once); resolves when each has answered or timed out. */
  discover(providers: readonly ResolvedProvider[]): Promise<ProviderDiscovery[]> {
    // the demo replays other providers' recordings under names its config already lists
    const listable = providers.filter((provider) => provider.preset.id !== 'demo');
    const run = Promise.all(listable.map((provider) => this.look(provider)));
    this.running = run;
    return run;
  }

  /** Forgets providers no longer configured. */
  private keepOnly(providers: readonly ResolvedProvider[]): void {
    for (const id of [...this.found.keys()])
      if (!providers.some((provider) => provider.id === id)) this.found.delete(id);
  }

  /**
   * Follows a config change: forgets providers no longer configured and looks, in the background,
   * at those that are new or whose address or headers changed. When none is, the listeners hear
   * of the change at once, since the forgotten providers' models are gone.
   */
  followChange(before: readonly ResolvedProvider[], after: readonly ResolvedProvider[]): void {
    const signatureOf = (provider: ResolvedProvider) =>
      JSON.stringify([provider.id, provider.preset.id, provider.baseUrl, provider.headers]);
    const known = new Set(before.map(signatureOf));
    this.keepOnly(after);
    const changed = after.filter((provider) => !known.has(signatureOf(provider)));
    if (changed.length > 0) void this.discover(changed);
    else for (const listener of this.listeners) listener();
  }

  /** The models a provider serves, for GET /v1/models: its configured list and catalog, with its own list. */
  servedModels(provider: ResolvedProvider, catalog: Catalog): string[] {
    // a local server lists what it has pulled, not every model the catalog knows of its kind
    const known =
      provider.models.length > 0
        ? provider.models
        : isLocalServer(provider)
          ? []
          : catalog.modelsFor(provider.preset.catalogProvider);
    const listed = this.ownChatModels(provider, catalog);
    return listed ? [...new Set([...known, ...listed])] : known;
  }

  /** Stops the looks in progress (the relay is closing); their providers keep their last state. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await this.running.catch(() => undefined);
  }

  /** Records a list obtained elsewhere (the first start's probe), as if discovered now. */
  remember(provider: string, models: ListedModel[]): void {
    this.found.set(provider, { provider, state: 'listed', models, checkedAt: this.now() });
  }

  /** The latest look in progress (or done): start-up and tests wait on it. */
  settled(): Promise<ProviderDiscovery[]> {
    return this.running;
  }

  /** What each provider said at its last look. */
  snapshot(): ProviderDiscovery[] {
    return [...this.found.values()];
  }

  /** A provider's last look, if it had one. */
  of(providerId: string): ProviderDiscovery | undefined {
    return this.found.get(providerId);
  }

  /** Chat model ids a provider listed at its last look (undefined unless it was listed). */
  chatModels(providerId: string): string[] | undefined {
    const found = this.found.get(providerId);
    if (found?.state !== 'listed') return undefined;
    return found.models.filter((model) => model.mode === 'chat').map((model) => model.id);
  }

  /**
   * The chat models a provider listed that are its own: the catalog describes them under its
   * catalog provider (discovered entries included), or it is a local server. A gateway's list
   * also names other providers' models, which those providers' catalog entries already show.
   */
  ownChatModels(provider: ResolvedProvider, catalog: Catalog): string[] | undefined {
    return this.chatModels(provider.id)?.filter(
      (id) => isLocalServer(provider) || catalog.find(provider.preset.catalogProvider, id) !== undefined,
    );
  }

  /**
   * Catalog entries for listed models the catalog does not know: without a price (requests are
   * recorded unpriced, never $0), or at $0 from a keyless server on this machine.
   */
  entriesBeyond(catalog: Catalog, providers: readonly ResolvedProvider[]): CatalogEntry[] {
    const added = new Map<string, CatalogEntry>();
    for (const provider of providers) {
      const found = this.found.get(provider.id);
      if (found?.state !== 'listed') continue;
      for (const model of found.models) {
        const entry = discoveredEntry(provider, model, found.checkedAt);
        const key = `${entry.provider}\u0000${entry.model.toLowerCase()}`;
        if (added.has(key) || !lacks(catalog, provider, entry)) continue;
        added.set(key, entry);
      }
    }
    return [...added.values()];
  }

  /** Each provider's last look in the shape a catalog refresh reports and stores. */
  listings(catalog: Catalog, providers: readonly ResolvedProvider[]): ProviderListing[] {
    return providers.flatMap((provider) => {
      // the demo is not looked at (see discover): it lists what its config names, nothing new
      if (provider.preset.id === 'demo')
        return [{ source: provider.id, ok: true, models: provider.models.length, entries: [] }];
      const found = this.found.get(provider.id);
      if (!found) return [];
      const why: Record<DiscoveryState, string | undefined> = {
        listed: undefined,
        down: found.error,
        failed: found.error,
        'no-key': `${provider.id}: no API key`,
        'no-list': `${provider.id}: the ${provider.preset.adapter} API has no model list the relay reads`,
      };
      return [
        {
          source: provider.id,
          ok: found.state === 'listed',
          models: found.models.length,
          entries: found.models
            .map((model) => discoveredEntry(provider, model, found.checkedAt))
            .filter((entry) => lacks(catalog, provider, entry)),
          ...(why[found.state] ? { error: why[found.state] } : {}),
        },
      ];
    });
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  private async look(provider: ResolvedProvider): Promise<ProviderDiscovery> {
    const before = this.found.get(provider.id);
    const checkedAt = this.now();
    let result: ProviderDiscovery;
    try {
      const key = await this.options.getKey(provider);
      if (key === undefined && provider.preset.keyless !== true) {
        result = { provider: provider.id, state: 'no-key', models: [], checkedAt };
      } else {
        const timeoutMs = isLocalServer(provider)
          ? (this.options.localTimeoutMs ?? 1500)
          : (this.options.timeoutMs ?? 15_000);
        const models = await listProviderModels(provider, key, {
          dispatcher: this.options.dispatcher,
          timeoutMs,
          signal: this.stopping.signal,
        });
        result = models
          ? { provider: provider.id, state: 'listed', models, checkedAt }
          : { provider: provider.id, state: 'no-list', models: [], checkedAt };
      }
    } catch (error) {
      if (this.stopping.signal.aborted)
        return before ?? { provider: provider.id, state: 'down', models: [], checkedAt };
      const message = (this.options.redact ?? ((text: string) => text))(describe(error));
      result = {
        provider: provider.id,
        state: isDown(error) ? 'down' : 'failed',
        models: [],
        checkedAt,
        error: message,
      };
    }
    this.found.set(provider.id, result);
    this.report(provider, before, result);
    return result;
  }

  private report(provider: ResolvedProvider, before: ProviderDiscovery | undefined, now: ProviderDiscovery) {
    const sameModels =
      before?.state === now.state &&
      before.models.length === now.models.length &&
      before.models.every((model, i) => model.id === now.models[i]?.id);
    if (sameModels && before?.error === now.error) return;
    if (now.state === 'down')
      this.options.log(
        `discovery: ${provider.id} (${provider.baseUrl}) is down: ${now.error}; its models are listed again once it answers`,
      );
    else if (now.state === 'failed') this.options.log(`discovery: ${provider.id}: ${now.error}`);
    else if (now.state === 'listed')
      this.options.log(
        `discovery: ${provider.id} lists ${now.models.length} model${now.models.length === 1 ? '' : 's'}${before?.state === 'down' ? ' (it is back)' : ''}`,
      );
    if (!sameModels) for (const listener of this.listeners) listener();
  }
}

function describe(error: unknown): string {
  const { code, message, cause } = error as { code?: string; message?: string; cause?: unknown };
  if (error instanceof ModelListError) return error.message;
  if (code === 'ECONNREFUSED' || (cause as { code?: string } | undefined)?.code === 'ECONNREFUSED')
    return 'connection refused';
  if ((error as { name?: string }).name === 'TimeoutError' || code?.includes('TIMEOUT'))
    return 'no answer in time';
  return message || String(error);
}

const listSource = ' model list';

/**
 * Whether the catalog lacks a listed model. A gateway's list names other providers' models (an
 * OpenAI-compatible proxy serving `deepseek-chat`): the catalog's own entry describes those. A
 * local server's model is its own, free there whoever else serves it.
 */
function lacks(catalog: Catalog, provider: ResolvedProvider, entry: CatalogEntry): boolean {
  if (catalog.find(entry.provider, entry.model)) return false;
  return isLocalServer(provider) || catalog.findAnyProvider(entry.model).length === 0;
}

/** Whether a catalog entry comes only from a provider's own model list (no source describes it). */
export function isDiscoveredEntry(entry: Pick<CatalogEntry, 'source'>, providerId?: string): boolean {
  return providerId === undefined
    ? entry.source.endsWith(listSource)
    : entry.source === `${providerId}${listSource}`;
}

/** The catalog entry of a model only a provider's own list names. */
export function discoveredEntry(
  provider: ResolvedProvider,
  model: ListedModel,
  checkedAt: number,
): CatalogEntry {
  const free = isLocalServer(provider);
  return {
    provider: provider.preset.catalogProvider,
    model: model.id,
    mode: model.mode,
    capabilities: noCapabilities,
    ...(model.contextWindow ? { contextWindow: model.contextWindow } : {}),
    ...(free ? { input: 0, output: 0 } : {}),
    source: `${provider.id}${listSource}`,
    priceDate: new Date(checkedAt).toISOString().slice(0, 10),
  };
}
