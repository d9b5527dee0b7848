import type {
  CatalogEntry,
  Disagreement,
  PriceField,
  Prices,
  SourceFigure,
} from '../../relay-core/src/catalog/catalog-types.js';
import { capabilityNames, priceFields } from '../../relay-core/src/catalog/catalog-types.js';
import { pricesAt } from '../../relay-core/src/catalog/prices-at.js';
import type { ModelGroup } from './group-source-models.js';
import { compareModelIds } from './rank-model-ids.js';
import { litellmSource } from './read-litellm.js';
import { modelsDevSource } from './read-models-dev.js';
import type { SourceModel } from './source-model.js';

/** What the merge needs of the sources: their ids and dates, freshest first. */
export interface MergeContext {
  /** Source ids by date, freshest first: prices come from the first that has the model. */
  freshness: readonly string[];
  /** Source ids in the order their limits and capabilities are taken (most specific first). */
  specificity: readonly string[];
  dates: Readonly<Record<string, string>>;
  /** The moment prices are compared at (a conditional price, such as a peak window, may apply). */
  comparedAt: Date;
}

/** How far apart two prices may be before they disagree: 5 % of the smaller. */
export const priceTolerance = 0.05;

/**
 * Fields a second source may fill in when its base prices agree: cache prices a source leaves out
 * are omissions. A missing fee or tier is a statement (no such charge), so those are not filled.
 */
const fillable: PriceField[] = ['cacheRead', 'cacheWrite', 'cacheWrite1h'];

/** Ids that are not text models: speech, transcription, images, video, moderation, reranking. */
export const notText =
  /(?:^|[-_./:])(?:tts|whisper|transcribe|dall-e|image|imagen|moderation|rerank|ocr|sora|veo|lyria|voice|sonic|realtime|live|audio|omni)(?:$|[-_./:\d])/i;

const apart = (a: number, b: number) =>
  Math.abs(a - b) > priceTolerance * Math.min(a, b) || (a === 0) !== (b === 0);

/** Embedding model families by name (a model priced by its input alone is one, or a reranker). */
const embeddingModel = /embed|(?:^|[/-])(?:bge|gte|e5|voyage)-|minilm|nomic/i;

/** OpenAI's families served only by the Responses API (as LiteLLM lists their members so far). */
const responsesOnly = /(?:^|-)codex(?:-|$)|^o\d-pro|^gpt-[\d.]+-pro|deep-research/i;

/**
 * A model no source gives a mode: an embedding model by its family's name; a text model when it
 * has an output price and a text model's name, Responses-only at OpenAI and Azure for the
 * families that are; else undefined (speech, images, rerankers: not in the catalog).
 */
function inferMode(
  model: string,
  provider: string,
  prices: Prices | undefined,
): CatalogEntry['mode'] | undefined {
  if (notText.test(model)) return undefined;
  if (embeddingModel.test(model)) return 'embedding';
  if (prices?.output === undefined) return undefined;
  return (provider === 'openai' || provider === 'azure') && responsesOnly.test(model) ? 'responses' : 'chat';
}

/** Each source's record that names the model best: the one listed under its id, else the best id. */
function bestBySource(records: readonly SourceModel[], model: string, accept = (_: SourceModel) => true) {
  const best = new Map<string, SourceModel>();
  const lower = model.toLowerCase();
  const score = (record: SourceModel) => (record.id.toLowerCase() === lower ? 0 : 1);
  for (const record of records) {
    if (!accept(record)) continue;
    const current = best.get(record.source);
    if (
      !current ||
      score(record) < score(current) ||
      (score(record) === score(current) && compareModelIds(record.id, current.id) < 0)
    )
      best.set(record.source, record);
  }
  return best;
}

function figuresOf(
  ordered: ReadonlyArray<SourceModel | undefined>,
  value: (record: SourceModel) => number | undefined,
  dates: MergeContext['dates'],
): SourceFigure[] {
  return ordered.flatMap((record) => {
    const figure = record && value(record);
    return record && figure !== undefined
      ? [{ source: record.source, date: dates[record.source]!, model: record.id, value: figure }]
      : [];
  });
}

/** The model's id (the best id a source lists) and its other names, each once. */
function namesOf(group: readonly SourceModel[]): { model: string; aliases: string[] } {
  const records = group.filter((record) => !record.priceOnly);
  const listed = records.flatMap((record) => [
    ...(record.idListed ? [record.id] : []),
    ...(record.aliases?.listed ?? []),
  ]);
  const all = records.flatMap((record) => [
    record.id,
    ...(record.aliases?.listed ?? []),
    ...(record.aliases?.forms ?? []),
  ]);
  // how many times the sources list each id (a source's own id for a model and its accepted ids)
  const listings = new Map<string, number>();
  for (const record of records) {
    // the id a source files the model under counts more than the other ids it accepts
    if (record.idListed) listings.set(record.id, (listings.get(record.id) ?? 0) + 2);
    for (const name of record.aliases?.listed ?? []) listings.set(name, (listings.get(name) ?? 0) + 1);
  }
  // no id an API accepts: the sources' own names for the model, not the name forms their rules match
  const ids = listed.length > 0 ? listed : records.map((record) => record.id);
  const model = [...ids].sort((a, b) => compareModelIds(a, b, listings))[0]!;
  const seen = new Set([model.toLowerCase()]);
  const aliases: string[] = [];
  for (const name of [...all].sort(compareModelIds)) {
    if (seen.has(name.toLowerCase())) continue;
    seen.add(name.toLowerCase());
    aliases.push(name);
  }
  return { model, aliases: aliases.sort() };
}

/**
 * One model's records merged into its catalog entry. Prices come whole from the freshest source
 * that prices it (an older source only fills in cache prices it left out, and only when both
 * agree on input and output); limits from the most specific record (the one listed under the
 * entry's id, then by `specificity`), capabilities from every source that states them; every
 * figure keeps its source.
 * Undefined when no source says the model answers text.
 */
export function mergeModelGroup(group: ModelGroup, context: MergeContext): CatalogEntry | undefined {
  const { model, aliases } = namesOf(group.records);
  const inOrder = (order: readonly string[], best: Map<string, SourceModel>) =>
    order.map((source) => best.get(source)).filter((record): record is SourceModel => record !== undefined);
  const priced = inOrder(
    context.freshness,
    bestBySource(group.records, model, (record) => record.prices !== undefined),
  );
  // the record listed under the entry's own id is the most specific, whichever source lists it
  const listedHere = (record: SourceModel) => (record.id.toLowerCase() === model.toLowerCase() ? 0 : 1);
  const specific = inOrder(context.specificity, bestBySource(group.records, model)).sort(
    (a, b) => listedHere(a) - listedHere(b),
  );
  const priceRecord = priced[0];
  const pricesOf = (record: SourceModel) =>
    pricesAt({ ...record.prices, conditions: record.conditions }, context.comparedAt);

  const prices: Prices = { ...priceRecord?.prices };
  const priceFieldSources: Partial<Record<PriceField, string>> = {};
  if (priceRecord) {
    const own = pricesOf(priceRecord);
    for (const other of priced.slice(1)) {
      const theirs = pricesOf(other);
      if (
        own.input === undefined ||
        own.output === undefined ||
        theirs.input === undefined ||
        theirs.output === undefined ||
        apart(own.input, theirs.input) ||
        apart(own.output, theirs.output)
      )
        continue;
      for (const field of fillable) {
        if (prices[field] !== undefined || other.prices?.[field] === undefined) continue;
        (prices as Record<string, unknown>)[field] = other.prices[field];
        priceFieldSources[field] = other.source;
      }
    }
  }

  const mode =
    inOrder(
      [litellmSource, modelsDevSource],
      bestBySource(group.records, model, (record) => record.mode !== undefined),
    )[0]?.mode ?? inferMode(model, group.provider, priceRecord?.prices);
  if (!mode) return undefined;
  if (mode === 'embedding' && prices.input !== undefined && prices.output === undefined) prices.output = 0;

  const limitsRecord = specific.find((record) => record.contextWindow !== undefined);
  const maxOutputRecord = specific.find((record) => record.maxOutput !== undefined);
  // a capability one source states is the model's: a source's `false` is mostly an omission (LiteLLM
  // writes no flag as false) and would refuse requests; one no source speaks of stays unknown, which
  // routing and fitting give the benefit of the doubt
  const capabilities: CatalogEntry['capabilities'] = {};
  for (const name of capabilityNames) {
    const stated = specific.flatMap((record) =>
      record.capabilities?.[name] === undefined ? [] : [record.capabilities[name]],
    );
    if (stated.length > 0) capabilities[name] = stated.includes(true);
    else if (name === 'promptCaching' && prices.cacheRead !== undefined) capabilities[name] = true;
  }

  const disagreements: Disagreement[] = [];
  for (const field of ['input', 'output'] as const) {
    const figures = figuresOf(priced, (record) => pricesOf(record)[field], context.dates);
    const values = figures.map((figure) => figure.value);
    if (values.length > 1 && apart(Math.min(...values), Math.max(...values)))
      disagreements.push({ field, figures });
  }
  const contexts = figuresOf(
    [limitsRecord, ...specific.filter((record) => record !== limitsRecord)],
    (record) => record.contextWindow,
    context.dates,
  );
  if (new Set(contexts.map((figure) => figure.value)).size > 1)
    disagreements.push({ field: 'contextWindow', figures: contexts });

  const source =
    priceRecord?.source ?? context.freshness.find((id) => group.records.some((r) => r.source === id))!;
  const limitsSource = limitsRecord?.source ?? maxOutputRecord?.source;
  const deprecation = specific.find((record) => record.deprecationDate)?.deprecationDate;
  const release = specific.find((record) => record.releaseDate)?.releaseDate;
  // a fixed key order: catalog.json is diffed between builds
  const entry: CatalogEntry = {
    provider: group.provider,
    model,
    ...(aliases.length > 0 ? { aliases } : {}),
    mode,
    ...Object.fromEntries(
      priceFields.filter((field) => prices[field] !== undefined).map((field) => [field, prices[field]]),
    ),
    ...(priceRecord?.conditions ? { conditions: priceRecord.conditions } : {}),
    ...(limitsRecord ? { contextWindow: limitsRecord.contextWindow } : {}),
    ...(maxOutputRecord ? { maxOutput: maxOutputRecord.maxOutput } : {}),
    capabilities,
    ...(deprecation ? { deprecationDate: deprecation } : {}),
    ...(release ? { releaseDate: release } : {}),
    source,
    priceDate: context.dates[source]!,
    ...(Object.keys(priceFieldSources).length > 0 ? { priceFieldSources } : {}),
    ...(limitsSource && limitsSource !== source ? { limitsSource } : {}),
    ...(disagreements.length > 0 ? { disagreements } : {}),
  };
  return entry;
}
