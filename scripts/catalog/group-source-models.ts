import { canonicalModelKey } from '../../relay-core/src/catalog/normalize-model-id.js';
import { compareModelIds } from './rank-model-ids.js';
import type { SourceModel } from './source-model.js';

/** The records of one model of one provider, from every source that lists it. */
export interface ModelGroup {
  provider: string;
  records: SourceModel[];
}

/** A genai-prices rule key (`provider:model`) for our provider's id, when its rules price it. */
export type RuleMatcher = (provider: string, id: string) => string | undefined;

const modelOf = (rule: string) => rule.slice(rule.indexOf(':') + 1).toLowerCase();

/**
 * A ruled source's record where it names a model, and one record for each other id its rule
 * accepts that is a model of its own (`gpt-5.1-codex` under `gpt-5.1`: another name, another
 * model, the same price), when the rules price that id by this record.
 */
function expandRuled(record: SourceModel, match: RuleMatcher): Array<SourceModel & { key: string }> {
  // a price for every id with a prefix (`ft:gpt-3.5-turbo-`) names no model of its own
  const prefixOnly = /[^a-z0-9]$/i.test(record.id) && !record.aliases?.listed.includes(record.id);
  const idListed = record.idListed && !prefixOnly;
  const listed = [...(idListed ? [record.id] : []), ...(record.aliases?.listed ?? [])];
  // the model is where the source files it: its own id, else the best id its rule accepts
  const home = canonicalModelKey(
    idListed ? record.id : ([...listed].sort((a, b) => compareModelIds(a, b))[0] ?? record.id),
  );
  const own = listed.filter((id) => canonicalModelKey(id) === home);
  const others = listed.filter(
    (id) => canonicalModelKey(id) !== home && match(record.provider, id) === record.ruleKey,
  );
  const ownNames = {
    listed: own.filter((id) => id !== record.id),
    forms: [...(record.aliases?.forms ?? []), ...(record.idListed ? [] : [record.id])],
  };
  return [
    ...(prefixOnly && listed.length === 0 ? [] : [{ ...record, idListed, key: home, aliases: ownNames }]),
    ...others.map((id) => ({
      ...record,
      id,
      idListed: true,
      aliases: undefined,
      key: canonicalModelKey(id),
    })),
  ];
}

/**
 * Of the rules pricing the ids of one model name, the one an unruled id of that name belongs to:
 * the only one; else the one as global as the id (Bedrock prices its `global.` profiles apart
 * from the regional ones). Undefined while still ambiguous.
 */
function pickRule(rules: string[], id: string): string | undefined {
  if (rules.length <= 1) return rules[0];
  const global = id.toLowerCase().startsWith('global.');
  const alike = rules.filter((rule) => modelOf(rule).startsWith('global.') === global);
  return alike.length === 1 ? alike[0] : undefined;
}

/**
 * Splits ids of one name no rule prices when the freshest source pricing them prices them apart
 * (LiteLLM's AWS-region ids, a dated snapshot at its old price): each price is its own model
 * there. A record of another source goes with the part that lists its id, else the first part.
 */
function splitByPrice(records: SourceModel[], freshness: readonly string[]): SourceModel[][] {
  const pricing = freshness.find((source) =>
    records.some((record) => record.source === source && record.prices),
  );
  const isPricing = (record: SourceModel) => record.source === pricing && record.prices !== undefined;
  const signature = (record: SourceModel) => JSON.stringify(record.prices);
  const parts = new Map<string, SourceModel[]>();
  const byId = new Map<string, string>();
  for (const record of records.filter(isPricing)) {
    parts.set(signature(record), []);
    byId.set(record.id.toLowerCase(), signature(record));
  }
  if (parts.size < 2) return [records];
  const first = [...parts.keys()].sort()[0]!;
  for (const record of records) {
    const part = isPricing(record) ? signature(record) : (byId.get(record.id.toLowerCase()) ?? first);
    parts.get(part)!.push(record);
  }
  return [...parts.values()];
}

/**
 * Groups every source's records into models, per provider: ids are one model when they are one
 * name (canonicalModelKey: dated, `-latest`, dotted or dashed, regional forms) and one price.
 * Which price an id has is genai-prices' rules' word first (they are the freshest source, and
 * decide which of its models prices an id); among ids of one name that no rule prices, the
 * freshest source's prices. A ruled model that no genai-prices record lists under this provider
 * (Vertex's Gemini ids, Azure's OpenAI ones) gets the rule's record for its price only.
 */
export function groupSourceModels(
  models: readonly SourceModel[],
  match: RuleMatcher,
  freshness: readonly string[],
): ModelGroup[] {
  const byRuleKey = new Map<string, SourceModel>();
  for (const record of models) if (record.ruleKey) byRuleKey.set(record.ruleKey, record);
  const byProviderAndKey = new Map<string, Map<string, Array<SourceModel & { key: string }>>>();
  const add = (record: SourceModel & { key: string }) => {
    const keys = byProviderAndKey.get(record.provider) ?? new Map();
    byProviderAndKey.set(record.provider, keys);
    keys.set(record.key, [...(keys.get(record.key) ?? []), record]);
  };
  for (const record of models) {
    if (record.ruleKey) for (const expanded of expandRuled(record, match)) add(expanded);
    else add({ ...record, ruleKey: match(record.provider, record.id), key: canonicalModelKey(record.id) });
  }
  const groups: ModelGroup[] = [];
  for (const [provider, keys] of byProviderAndKey) {
    for (const records of keys.values()) {
      const rules = [...new Set(records.flatMap((record) => (record.ruleKey ? [record.ruleKey] : [])))];
      const parts = new Map<string | undefined, SourceModel[]>();
      for (const { key: _key, ...record } of records) {
        const rule = record.ruleKey ?? pickRule(rules, record.id);
        parts.set(rule, [...(parts.get(rule) ?? []), record]);
      }
      for (const [rule, part] of parts) {
        if (rule === undefined) {
          for (const piece of splitByPrice(part, freshness)) groups.push({ provider, records: piece });
          continue;
        }
        const ruleRecord = byRuleKey.get(rule)!;
        const priced = part.some((record) => record.source === ruleRecord.source);
        const borrowed: SourceModel = {
          ...ruleRecord,
          provider,
          idListed: false,
          aliases: undefined,
          priceOnly: true,
        };
        groups.push({ provider, records: priced ? part : [...part, borrowed] });
      }
    }
  }
  return groups;
}
