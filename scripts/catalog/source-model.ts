import type { CatalogEntry, PriceCondition, Prices } from '../../relay-core/src/catalog/catalog-types.js';

/** One model as one source lists it, in the catalog's terms: our provider ids, USD per token. */
export interface SourceModel {
  /** The source's id ('litellm', 'genai-prices', 'models.dev'). */
  source: string;
  /** Our provider id. */
  provider: string;
  /** The id the source lists the model under (without a provider prefix of ours). */
  id: string;
  /** False when `id` is only the source's own name for the model, not one an API accepts. */
  idListed: boolean;
  /** Other ids the source gives the model: accepted ids (`listed`) and name forms its rules match. */
  aliases?: { listed: string[]; forms: string[] };
  /** The model's key in genai-prices' rules (`provider:model`), when those rules price it. */
  ruleKey?: string;
  /** A rule's record lent to another model for its price: none of its names are this model's. */
  priceOnly?: boolean;
  mode?: CatalogEntry['mode'];
  /** Undefined when the source gives no price. */
  prices?: Prices;
  conditions?: PriceCondition[];
  contextWindow?: number;
  maxOutput?: number;
  /** The capabilities the source states; one it says nothing about is absent. */
  capabilities?: Partial<CatalogEntry['capabilities']>;
  deprecationDate?: string;
  releaseDate?: string;
}

/** A per-million (or per-thousand) price as USD per unit, without float noise. */
export function perUnit(value: number, per: number): number {
  return Number((value / per).toPrecision(12));
}
