/** Token prices are USD per token; undefined means unknown (never read as $0). */
export interface TokenPrices {
  input?: number;
  output?: number;
  cacheRead?: number;
  /** A prompt-cache write with the default lifetime (Anthropic's 5 minutes). */
  cacheWrite?: number;
  /** A prompt-cache write kept for one hour (Anthropic's `ttl: "1h"`); else `cacheWrite` applies. */
  cacheWrite1h?: number;
  /** Price of reasoning tokens when it differs from output. */
  reasoning?: number;
}

/** Prices that apply to a whole request when its input tokens exceed a threshold. */
export interface PriceTier extends TokenPrices {
  /** Applies when the request's input tokens exceed this many. */
  aboveInputTokens: number;
}

/** Every price of one price list: per token, per request and per web search. */
export interface Prices extends TokenPrices {
  /** USD per request, whatever its tokens (Perplexity's request fee). */
  perRequest?: number;
  /** USD per web search the provider ran for the request (a server-side search tool). */
  webSearch?: number;
  tiers?: PriceTier[];
}

/** The price fields a source can give, for provenance (`priceFieldSources`). */
export type PriceField = keyof Prices;

/** Every price field, in the order catalog.json writes them. */
export const priceFields: readonly PriceField[] = [
  'input',
  'output',
  'cacheRead',
  'cacheWrite',
  'cacheWrite1h',
  'reasoning',
  'perRequest',
  'webSearch',
  'tiers',
];

/**
 * Prices that replace an entry's own from a date on, or within a daily window (DeepSeek's peak
 * hours). Of an entry's conditions, the last that applies wins; none applies: the entry's own.
 */
export interface PriceCondition {
  /** The first UTC day (YYYY-MM-DD) these prices apply. */
  from?: string;
  /** A daily UTC window, start included and end excluded ('HH:MM'); it may wrap past midnight. */
  utcWindow?: [string, string];
  prices: Prices;
}

/** One figure a source gives, for a disagreement. */
export interface SourceFigure {
  source: string;
  /** The source's date (YYYY-MM-DD). */
  date: string;
  /** The id under which the source lists the model. */
  model: string;
  value: number;
}

/** Sources that price a model more than 5 % apart, or give it different context windows. */
export interface Disagreement {
  field: 'input' | 'output' | 'contextWindow';
  /** Every source's figure, the one the catalog uses first. */
  figures: SourceFigure[];
}

/** One model of one provider: prices (USD per token), limits, capabilities and provenance. */
export interface CatalogEntry extends Prices {
  /** Our provider id (presets' `catalogProvider`). */
  provider: string;
  /** Model id without the provider prefix. */
  model: string;
  /** Other ids the sources list for this model (dated snapshots, `-latest`, regional ids, …). */
  aliases?: string[];
  mode: 'chat' | 'responses' | 'completion' | 'embedding';
  /** Prices that apply from a date or within a daily window instead of the entry's own. */
  conditions?: PriceCondition[];
  contextWindow?: number;
  maxOutput?: number;
  /** What the sources say the model takes; a capability no source speaks of is absent (unknown). */
  capabilities: {
    tools?: boolean;
    parallelTools?: boolean;
    vision?: boolean;
    reasoning?: boolean;
    jsonSchema?: boolean;
    promptCaching?: boolean;
    audioIn?: boolean;
    pdf?: boolean;
  };
  deprecationDate?: string;
  /** When the model was released (YYYY-MM-DD), if a source says. */
  releaseDate?: string;
  /** Where the prices come from ('genai-prices', 'litellm', 'models.dev', 'openrouter', 'user', …). */
  source: string;
  /** The date of that source's prices (YYYY-MM-DD). */
  priceDate: string;
  /** Price fields another source filled in, by field (its base prices agree with `source`'s). */
  priceFieldSources?: Partial<Record<PriceField, string>>;
  /** Where `contextWindow` and `maxOutput` come from, when not from `source`. */
  limitsSource?: string;
  disagreements?: Disagreement[];
}

/** One source the catalog was built from. */
export interface CatalogSource {
  /** The id entries name in `source` ('litellm', 'genai-prices', 'models.dev'). */
  id: string;
  name: string;
  /** Package version or commit of the snapshot. */
  version: string;
  /** The date of the snapshot (YYYY-MM-DD). */
  date: string;
  license: string;
  url: string;
}

/** The shape of resources/catalog.json, written by scripts/build-catalog.ts. */
export interface CatalogFile {
  sources: CatalogSource[];
  entries: CatalogEntry[];
}

/** Every capability a catalog entry can state. */
export const capabilityNames: ReadonlyArray<keyof CatalogEntry['capabilities']> = [
  'tools',
  'parallelTools',
  'vision',
  'reasoning',
  'jsonSchema',
  'promptCaching',
  'audioIn',
  'pdf',
];

/** Orders entries by provider, then model id (catalog.json's order: its diff stays readable). */
export const byProviderAndModel = (a: CatalogEntry, b: CatalogEntry): number =>
  a.provider < b.provider
    ? -1
    : a.provider > b.provider
      ? 1
      : a.model < b.model
        ? -1
        : a.model > b.model
          ? 1
          : 0;

/** Capabilities of an entry the catalog knows nothing about (a user's own price, a listed id): none known. */
export const noCapabilities: CatalogEntry['capabilities'] = {};
