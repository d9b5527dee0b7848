import { byProviderAndModel } from '../../relay-core/src/catalog/catalog-types.js';
import type { CatalogEntry, Disagreement } from '../../relay-core/src/catalog/catalog-types.js';
import { canonicalModelKey, geoPrefix } from '../../relay-core/src/catalog/normalize-model-id.js';
import { groupSourceModels } from './group-source-models.js';
import type { RuleMatcher } from './group-source-models.js';
import { mergeModelGroup } from './merge-model-group.js';
import type { MergeContext } from './merge-model-group.js';
import type { SourceModel } from './source-model.js';

/** One disagreement of the catalog, with the model it is about. */
export interface CatalogDisagreement extends Disagreement {
  provider: string;
  model: string;
}

/**
 * An alias names one model of its provider: never another entry's id, and when two entries list
 * it, the one whose id has the same canonical key keeps it (else the first in order).
 */
function keepAliasesUnique(entries: CatalogEntry[]): void {
  const owner = new Map<string, CatalogEntry>();
  const key = (entry: CatalogEntry, name: string) => `${entry.provider}\u0000${name.toLowerCase()}`;
  for (const entry of entries) owner.set(key(entry, entry.model), entry);
  for (const entry of entries) {
    for (const alias of entry.aliases ?? []) {
      const current = owner.get(key(entry, alias));
      if (!current) owner.set(key(entry, alias), entry);
      else if (
        current.model.toLowerCase() !== alias.toLowerCase() &&
        canonicalModelKey(current.model) !== canonicalModelKey(alias) &&
        canonicalModelKey(entry.model) === canonicalModelKey(alias)
      )
        owner.set(key(entry, alias), entry);
    }
  }
  for (const entry of entries) {
    const kept = (entry.aliases ?? []).filter((alias) => owner.get(key(entry, alias)) === entry);
    if (kept.length > 0) entry.aliases = kept;
    else delete entry.aliases;
  }
}

/**
 * A model whose every listed id is a Bedrock regional one takes Bedrock's own model id (the
 * regional ids are inference profiles over it), unless another entry of its provider has that id.
 */
function preferBaseIds(entries: CatalogEntry[]): void {
  const taken = new Set(entries.map((entry) => `${entry.provider}\u0000${entry.model.toLowerCase()}`));
  for (const entry of entries) {
    if (!geoPrefix.test(entry.model) || entry.model.startsWith('global.')) continue;
    const base = entry.model.replace(geoPrefix, '');
    const key = `${entry.provider}\u0000${base.toLowerCase()}`;
    if (taken.has(key)) continue;
    taken.add(key);
    entry.aliases = [...(entry.aliases ?? []), entry.model]
      .filter((alias) => alias.toLowerCase() !== base.toLowerCase())
      .sort();
    entry.model = base;
  }
}

/**
 * Every source's models merged into the catalog: one entry per provider and model (see
 * groupSourceModels for which ids are one model, mergeModelGroup for which figure wins), sorted by
 * provider then id; and every disagreement between sources.
 */
export function mergeSources(
  models: readonly SourceModel[],
  match: RuleMatcher,
  context: MergeContext,
): { entries: CatalogEntry[]; disagreements: CatalogDisagreement[]; notText: number } {
  const groups = groupSourceModels(models, match, context.freshness);
  const entries: CatalogEntry[] = [];
  let notText = 0;
  for (const group of groups) {
    const entry = mergeModelGroup(group, context);
    if (entry) entries.push(entry);
    else notText += 1;
  }
  preferBaseIds(entries);
  entries.sort(byProviderAndModel);
  keepAliasesUnique(entries);
  const disagreements = entries.flatMap((entry) =>
    (entry.disagreements ?? []).map((disagreement) => ({
      provider: entry.provider,
      model: entry.model,
      ...disagreement,
    })),
  );
  return { entries, disagreements, notText };
}
