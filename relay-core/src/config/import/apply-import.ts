import { isMap, isSeq } from 'yaml';
import type { Document, YAMLMap, YAMLSeq } from 'yaml';
import { diffLines, formatDiff } from '../diff-lines.js';
import { mergeIntoNode } from '../merge-yaml.js';
import { previewConfigEdit, writeConfigText } from '../update-config.js';
import type { Config } from '../schema.js';
import type { ImportPlan, ImportedProvider } from './import-plan.js';

/** What an import would change, for the user to review: never a key, only whose keys are found. */
export interface ImportPreview {
  source: ImportPlan['source'];
  /** config.yaml before and after, and the line diff between them. */
  before: string;
  after: string;
  diff: string;
  /** Providers whose key from the file goes to the secret store (names only). */
  keys: string[];
  notes: string[];
  untranslated: string[];
}

/** Where an applied import's keys go: the secret store's writer. */
export interface KeyWriter {
  set(provider: string, key: string): Promise<void>;
}

type Plain = Record<string, unknown>;

function freeName(name: string, taken: Set<string>, suffix: string): string {
  if (!taken.has(name)) return name;
  let candidate = `${name}${suffix}`;
  for (let n = 2; taken.has(candidate); n++) candidate = `${name}${suffix}-${n}`;
  return candidate;
}

function sameEndpoint(existing: Plain, imported: ImportedProvider): boolean {
  return (
    (existing.preset ?? existing.id) === (imported.preset ?? imported.id) &&
    existing.base_url === imported.base_url &&
    existing.api_version === imported.api_version
  );
}

/** A top-level list in block style, created when missing (the default file has `providers: []`). */
function list(document: Document, key: string): YAMLSeq {
  if (!isSeq(document.get(key, true))) document.set(key, document.createNode([]));
  const seq = document.get(key, true) as YAMLSeq;
  seq.flow = false;
  return seq;
}

/** A node for a config entry whose short lists (`targets: [a, b]`) read on one line. */
function entryNode(document: Document, value: Plain) {
  const node = document.createNode(value);
  if (isMap(node))
    for (const pair of node.items)
      if (isSeq(pair.value) && JSON.stringify(pair.value.toJSON()).length <= 72) pair.value.flow = true;
  return node;
}

/**
 * Merges an import plan into the config document: providers already there with the same
 * endpoint are reused (their model lists joined), others get a free id; routes and aliases whose
 * name is taken get an `-imported` name; client budgets fill only limits not set yet. Returns the
 * lines the user should read about what was renamed or kept.
 */
function mergePlan(document: Document, plan: ImportPlan, keys: Map<string, string>): string[] {
  const notes: string[] = [];
  const current = (document.toJS() ?? {}) as Plain;
  const providers = (Array.isArray(current.providers) ? current.providers : []) as Plain[];
  const renamed = new Map<string, string>();
  const taken = new Set(providers.map((provider) => String(provider.id)));
  for (const imported of plan.providers) {
    const index = providers.findIndex((provider) => provider.id === imported.id);
    if (index >= 0 && sameEndpoint(providers[index]!, imported)) {
      const models = [
        ...new Set([...((providers[index]!.models as string[]) ?? []), ...(imported.models ?? [])]),
      ];
      if (models.length > 0) {
        const seq = list(document, 'providers');
        seq.items[index] = mergeIntoNode(document, seq.items[index], { ...providers[index], models });
      }
      continue;
    }
    const id = freeName(imported.id, taken, '-imported');
    taken.add(id);
    if (id !== imported.id) {
      renamed.set(imported.id, id);
      notes.push(`provider '${imported.id}' is already configured differently; imported as '${id}'`);
    }
    list(document, 'providers').items.push(entryNode(document, { ...imported, id }));
  }
  const rename = (target: string) => {
    const slash = target.indexOf('/');
    const id = renamed.get(target.slice(0, slash));
    return id ? `${id}${target.slice(slash)}` : target;
  };
  for (const { provider, key } of plan.keys) keys.set(renamed.get(provider) ?? provider, key);

  const aliases = (current.aliases ?? {}) as Plain;
  const names = new Set([
    ...((current.routes as Plain[] | undefined) ?? []).map((route) => String(route.name)),
    ...Object.keys(aliases),
  ]);
  const routeNames = new Map<string, string>();
  for (const route of plan.routes) {
    if (!routeNames.has(route.name)) {
      const name = freeName(route.name, names, '-imported');
      routeNames.set(route.name, name);
      if (name !== route.name) notes.push(`route '${route.name}' already exists; imported as '${name}'`);
    }
    const entry = { ...route, name: routeNames.get(route.name)!, targets: route.targets.map(rename) };
    list(document, 'routes').items.push(entryNode(document, entry));
  }
  for (const name of routeNames.values()) names.add(name);
  for (const [alias, targets] of Object.entries(plan.aliases)) {
    const name = freeName(alias, names, '-imported');
    names.add(name);
    if (name !== alias) notes.push(`alias '${alias}' is already a route or alias; imported as '${name}'`);
    if (!isMap(document.get('aliases', true))) document.set('aliases', document.createNode({}));
    // the default file's `aliases: {}` grows into a block, one alias a line
    (document.get('aliases', true) as YAMLMap).flow = false;
    document.setIn(
      ['aliases', name],
      entryNode(document, { targets: targets.map(rename) }).get('targets', true),
    );
  }
  const clients = (Array.isArray(current.clients) ? current.clients : []) as Plain[];
  for (const client of plan.clients) {
    const index = clients.findIndex((entry) => entry.name === client.name);
    if (index < 0) {
      list(document, 'clients').items.push(entryNode(document, { ...client }));
      continue;
    }
    const kept = Object.keys(client).filter((key) => key !== 'name' && clients[index]![key] !== undefined);
    if (kept.length > 0) notes.push(`client '${client.name}' keeps its own ${kept.join(', ')}`);
    const seq = list(document, 'clients');
    seq.items[index] = mergeIntoNode(document, seq.items[index], { ...client, ...clients[index] });
  }
  return notes;
}

function prepare(path: string, plan: ImportPlan) {
  const keys = new Map<string, string>();
  let notes: string[] = [];
  const edit = previewConfigEdit(path, (document) => {
    notes = mergePlan(document, plan, keys);
  });
  const preview: ImportPreview = {
    source: plan.source,
    before: edit.before,
    after: edit.after,
    diff: formatDiff(diffLines(edit.before, edit.after)),
    keys: [...keys.keys()],
    notes: [...plan.notes, ...notes],
    untranslated: plan.untranslated,
  };
  return { preview, keys };
}

/**
 * What importing `plan` would do to config.yaml, validated but not written: the diff to review,
 * whose keys would be stored, and what could not be translated. Throws ConfigError when the
 * result would not be a valid config.yaml.
 */
export function previewImport(path: string, plan: ImportPlan): ImportPreview {
  return prepare(path, plan).preview;
}

/**
 * Applies an import: config.yaml gets the reviewed change (comments kept, written atomically),
 * then each key found in the file goes to the secret store under its provider's id, never into
 * config.yaml. Returns the preview of what was done and the new config.
 */
export async function applyImport(
  path: string,
  plan: ImportPlan,
  secrets: KeyWriter,
): Promise<ImportPreview & { config: Config }> {
  const { preview, keys } = prepare(path, plan);
  const config = writeConfigText(path, preview.after);
  for (const [provider, key] of keys) await secrets.set(provider, key);
  return { ...preview, config };
}
