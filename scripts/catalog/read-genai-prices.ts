import type { MatchLogic, ModelInfo, ModelPrice, Provider } from '@pydantic/genai-prices';
import type {
  PriceCondition,
  PriceTier,
  Prices,
  TokenPrices,
} from '../../relay-core/src/catalog/catalog-types.js';
import type { SourceModel } from './source-model.js';
import { perUnit } from './source-model.js';
import { genaiPricesProviderFor, providerFromGenaiPrices } from './source-providers.js';

export const genaiPricesSource = 'genai-prices';

/** genai-prices' per-million token price keys → ours. Other media (audio, images) are not modelled. */
const tokenKeys: Record<string, keyof TokenPrices> = {
  input_mtok: 'input',
  output_mtok: 'output',
  cache_read_mtok: 'cacheRead',
  cache_write_mtok: 'cacheWrite',
  cache_write_1h_mtok: 'cacheWrite1h',
  output_reasoning_mtok: 'reasoning',
};

type Tiered = { base: number; tiers: Array<{ start: number; price: number }> };
const isTiered = (value: unknown): value is Tiered =>
  typeof value === 'object' && value !== null && Array.isArray((value as Tiered).tiers);

/** A price at a request's input size, by genai-prices' rule: the last tier whose start it exceeds. */
function priceAtInput(value: number | Tiered, inputTokens: number): number {
  if (!isTiered(value)) return value;
  let price = value.base;
  for (const tier of [...value.tiers].sort((a, b) => a.start - b.start))
    if (inputTokens > tier.start) price = tier.price;
  return price;
}

/**
 * One genai-prices price list as ours. Its per-field tiers become whole-request tiers: one at each
 * start any field names, holding every token price at that size, so the two rules charge alike.
 */
export function convertGenaiPrices(price: ModelPrice): Prices {
  const prices: Prices = {};
  const fields: Array<[keyof TokenPrices, number | Tiered]> = [];
  for (const [key, value] of Object.entries(price)) {
    const field = tokenKeys[key];
    if (field && (typeof value === 'number' || isTiered(value))) fields.push([field, value]);
  }
  for (const [field, value] of fields) prices[field] = perUnit(priceAtInput(value, 0), 1e6);
  if (typeof price.requests_kcount === 'number') prices.perRequest = perUnit(price.requests_kcount, 1e3);
  if (typeof price.web_searches_kcount === 'number')
    prices.webSearch = perUnit(price.web_searches_kcount, 1e3);
  const starts = [
    ...new Set(fields.flatMap(([, value]) => (isTiered(value) ? value.tiers.map((tier) => tier.start) : []))),
  ].sort((a, b) => a - b);
  if (starts.length > 0) {
    prices.tiers = starts.map((start) => {
      const tier: PriceTier = { aboveInputTokens: start };
      for (const [field, value] of fields) tier[field] = perUnit(priceAtInput(value, start + 1), 1e6);
      return tier;
    });
  }
  return prices;
}

/**
 * A model's price list as ours: an empty one is free (genai-prices charges nothing for it: GitHub
 * Copilot's included models, `:free` ones), one with no token price prices only other media.
 */
function tokenPricesOf(price: ModelPrice): Prices | undefined {
  if (Object.keys(price).length === 0) return { input: 0, output: 0 };
  const prices = convertGenaiPrices(price);
  return prices.input === undefined && prices.output === undefined ? undefined : prices;
}

/** genai-prices' price list and its conditional ones (a date, a daily UTC window) as ours. */
function convertModelPrices(model: ModelInfo): { prices?: Prices; conditions?: PriceCondition[] } {
  if (!Array.isArray(model.prices)) {
    const prices = tokenPricesOf(model.prices);
    return prices ? { prices } : {};
  }
  const [first, ...rest] = model.prices;
  const conditions = rest.flatMap((conditional): PriceCondition[] => {
    const constraint = conditional.constraint;
    const prices = tokenPricesOf(conditional.prices);
    if (!prices) return [];
    if (constraint?.type === 'start_date') return [{ from: constraint.start_date, prices }];
    if (constraint?.type === 'time_of_date') {
      // genai-prices writes `00:30:00Z`; every window in its data is in UTC
      const clock = (time: string) => time.slice(0, 5);
      return [{ utcWindow: [clock(constraint.start_time), clock(constraint.end_time)], prices }];
    }
    return [];
  });
  const prices = first && tokenPricesOf(first.prices);
  return { ...(prices ? { prices } : {}), ...(conditions.length > 0 ? { conditions } : {}) };
}

/** The literal ids a match rule names: `equals` are ids an API accepts, `starts_with` name forms. */
function ruleLiterals(rule: MatchLogic, into: { listed: string[]; forms: string[] }) {
  if ('or' in rule) for (const part of rule.or) ruleLiterals(part, into);
  else if ('and' in rule) for (const part of rule.and) ruleLiterals(part, into);
  else if ('equals' in rule) into.listed.push(rule.equals);
  // a prefix that ends mid-name (`ft:gpt-4o-`, `claude-v`) names no model
  else if ('starts_with' in rule && /[a-z0-9]$/i.test(rule.starts_with)) into.forms.push(rule.starts_with);
}

/** Whether a genai-prices match rule matches an id (its own rule: case-insensitive but for regex). */
export function matchesRule(rule: MatchLogic, id: string): boolean {
  const lower = id.toLowerCase();
  if ('or' in rule) return rule.or.some((part) => matchesRule(part, id));
  if ('and' in rule) return rule.and.every((part) => matchesRule(part, id));
  if ('equals' in rule) return lower === rule.equals.toLowerCase();
  if ('starts_with' in rule) return lower.startsWith(rule.starts_with.toLowerCase());
  if ('ends_with' in rule) return lower.endsWith(rule.ends_with.toLowerCase());
  if ('contains' in rule) return lower.includes(rule.contains.toLowerCase());
  return new RegExp(rule.regex).test(lower);
}

/** Every genai-prices model as a source model of ours, with its rule key and the ids its rule names. */
export function readGenaiPrices(providers: readonly Provider[]): SourceModel[] {
  return providers.flatMap((provider) =>
    provider.models.map((model): SourceModel => {
      const aliases = { listed: [] as string[], forms: [] as string[] };
      ruleLiterals(model.match, aliases);
      return {
        source: genaiPricesSource,
        provider: providerFromGenaiPrices(provider.id, model.id),
        id: model.id,
        idListed: matchesRule(model.match, model.id),
        aliases,
        ruleKey: `${provider.id}:${model.id}`,
        ...convertModelPrices(model),
        ...(model.context_window ? { contextWindow: model.context_window } : {}),
      };
    }),
  );
}

/** An id with a `-YYYYMMDD` date written `-YYYY-MM-DD`, which genai-prices tries second. */
const dashedDate = (id: string) =>
  id.replace(/-(20\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?=-|:|$)/g, '-$1-$2-$3');

/**
 * genai-prices' rules for which of its models prices an id of one of our providers: the provider's
 * first model whose rule matches, then the same with a `-YYYYMMDD` date dashed, then its fallback
 * providers' (Azure's are OpenAI's, Anthropic's, …). Answers the model's rule key.
 */
export function createGenaiMatcher(providers: readonly Provider[]) {
  const byId = new Map(providers.map((provider) => [provider.id, provider]));
  const ids = providers.map((provider) => provider.id);
  const inProvider = (provider: Provider, id: string, fallback: boolean): string | undefined => {
    const model = provider.models.find((candidate) => matchesRule(candidate.match, id));
    if (model) return `${provider.id}:${model.id}`;
    if (!fallback) return undefined;
    for (const other of provider.fallback_model_providers ?? []) {
      const found = byId.get(other) && inProvider(byId.get(other)!, id, false);
      if (found) return found;
    }
    return undefined;
  };
  return (ourProvider: string, id: string): string | undefined => {
    const genaiProvider = byId.get(genaiPricesProviderFor(ourProvider, ids) ?? '');
    if (!genaiProvider) return undefined;
    const lower = id.toLowerCase().trim();
    return (
      inProvider(genaiProvider, lower, true) ??
      (dashedDate(lower) !== lower ? inProvider(genaiProvider, dashedDate(lower), true) : undefined)
    );
  };
}
