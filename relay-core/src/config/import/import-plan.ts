import { findPreset } from '../presets.js';

/** The relays and switchers whose configuration files can be imported. */
export const importSources = ['litellm', 'ccr', 'cc-switch'] as const;
export type ImportSource = (typeof importSources)[number];

/** A provider entry of config.yaml, as an import writes it (never a key). */
export interface ImportedProvider {
  id: string;
  preset?: string;
  base_url?: string;
  region?: string;
  models?: string[];
  api_version?: string;
  key_env?: string;
  timeout_ms?: number;
  first_token_timeout_ms?: number;
}

/** A route of config.yaml, as an import writes it. */
export interface ImportedRoute {
  name: string;
  targets: string[];
  strategy?: 'ordered' | 'weighted' | 'cheapest' | 'fastest';
  weights?: number[];
  when?: { purpose?: string; min_input_tokens?: number };
}

/** Client limits of config.yaml (the import's budgets). */
export interface ImportedClient {
  name: string;
  spend_per_day_usd?: number;
  spend_per_month_usd?: number;
}

/** A literal key found in the file, to go to the secret store under the provider's id. */
export interface ImportedKey {
  provider: string;
  key: string;
}

/**
 * What an imported file becomes: config.yaml sections, the keys to store, and a plain-words list of
 * what was not translated. Nothing here but `keys` ever holds a key.
 */
export interface ImportPlan {
  source: ImportSource;
  providers: ImportedProvider[];
  routes: ImportedRoute[];
  aliases: Record<string, string[]>;
  clients: ImportedClient[];
  keys: ImportedKey[];
  /** What the import did that the user should know of (env references kept, placeholders skipped). */
  notes: string[];
  /** What had no translation, one line each, naming where it was in the file. */
  untranslated: string[];
}

// documentation placeholders and the dummy keys local servers accept: not keys worth storing
const placeholder =
  /^(none|null|dummy|any|anything|fake-?key|my-fake-key|ollama|lm-studio|sk-?|sk-x+|sk-\.+|\?+|your[-_ ].*|<.*>|\$\{?[A-Z_]+\}?)$/i;

/** True for an empty or documentation-placeholder key (`sk-xxx`, `<my-openai-key>`, `none`). */
export function isPlaceholderKey(value: string): boolean {
  const text = value.trim();
  // `xxx` as a part of its own (`sk-xxx`, `sk-ant-xxxx-…`), not inside a random key
  return text === '' || placeholder.test(text) || /(^|[-_.])x{3,}($|[-_.])/i.test(text);
}

/** A provider id from any name: lower-case letters, digits, `-` and `_`. */
export function providerIdFrom(name: string): string {
  const id = name
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^[-_]+|[-_]+$/g, '');
  return id === '' ? 'imported' : id;
}

/** Builds an ImportPlan: one provider per distinct endpoint and key, with unique ids. */
export class ImportPlanBuilder {
  readonly plan: ImportPlan;
  private readonly identities = new Map<string, string>();

  constructor(source: ImportSource) {
    this.plan = {
      source,
      providers: [],
      routes: [],
      aliases: {},
      clients: [],
      keys: [],
      notes: [],
      untranslated: [],
    };
  }

  /**
   * The id of the provider for this endpoint and key, added on first sight. Two deployments that
   * differ only in their key become two providers, so each key keeps its own traffic.
   */
  provider(entry: Omit<ImportedProvider, 'id'>, wantedId: string, credential: Credential): string {
    const usual = findPreset(entry.preset ?? wantedId)?.keyEnv ?? [];
    const identity = JSON.stringify([
      entry.preset,
      entry.base_url,
      entry.api_version,
      credentialId(credential, usual),
    ]);
    const known = this.identities.get(identity);
    if (known) return known;
    const id = this.freeId(providerIdFrom(wantedId));
    this.identities.set(identity, id);
    const provider: ImportedProvider = { id, ...entry };
    // `preset: <id>` says nothing the id does not
    if (provider.preset === id) delete provider.preset;
    this.plan.providers.push(provider);
    this.credential(provider, credential);
    return id;
  }

  /** Adds models a provider serves (in order, once each). */
  models(id: string, models: string[]): void {
    const provider = this.plan.providers.find((entry) => entry.id === id);
    if (!provider) return;
    const list = provider.models ?? [];
    for (const model of models) if (model && !list.includes(model)) list.push(model);
    if (list.length > 0) provider.models = list;
  }

  untranslated(line: string): void {
    if (!this.plan.untranslated.includes(line)) this.plan.untranslated.push(line);
  }

  note(line: string): void {
    if (!this.plan.notes.includes(line)) this.plan.notes.push(line);
  }

  private freeId(id: string): string {
    const taken = new Set(this.plan.providers.map((provider) => provider.id));
    if (!taken.has(id)) return id;
    let n = 2;
    while (taken.has(`${id}-${n}`)) n++;
    return `${id}-${n}`;
  }

  private credential(provider: ImportedProvider, credential: Credential): void {
    if (credential.kind === 'literal') {
      this.plan.keys.push({ provider: provider.id, key: credential.key });
    } else if (credential.kind === 'env') {
      // the variables the relay already reads for this id need no key_env
      const usual = [...(findPreset(provider.id)?.keyEnv ?? []), switchboardKeyVariable(provider.id)];
      if (!usual.includes(credential.name)) provider.key_env = credential.name;
      this.note(`${provider.id}: the key is read from the environment variable ${credential.name}`);
    } else if (credential.kind === 'placeholder' && !findPreset(provider.preset ?? provider.id)?.keyless) {
      this.note(
        `${provider.id}: a placeholder key in the file was not stored; add the real one with \`npm run relay -- secrets set ${provider.id}\``,
      );
    }
  }
}

/** Where a deployment's key comes from. */
export type Credential =
  | { kind: 'none' }
  | { kind: 'placeholder' }
  | { kind: 'literal'; key: string }
  | { kind: 'env'; name: string };

/** The relay's own variable for any provider id (`SWITCHBOARD_KEY_<ID>`). */
export function switchboardKeyVariable(id: string): string {
  return `SWITCHBOARD_KEY_${id.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

/** A key value read as a credential: env references (`os.environ/X`, `$X`, `${X}`), placeholders, keys. */
export function readCredential(value: unknown): Credential {
  if (typeof value !== 'string') return { kind: 'none' };
  const text = value.trim();
  const reference =
    /^(?:os\.environ\/([A-Za-z_][A-Za-z0-9_]*)|\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*))$/.exec(
      text,
    );
  if (reference) return { kind: 'env', name: (reference[1] ?? reference[2] ?? reference[3])! };
  if (text === '') return { kind: 'none' };
  if (isPlaceholderKey(text)) return { kind: 'placeholder' };
  return { kind: 'literal', key: text };
}

// two deployments with the same key are one provider; the key itself is not kept in the identity.
// No key, a placeholder and the preset's own variable all mean "the usual key".
function credentialId(credential: Credential, usual: string[]): string {
  if (credential.kind === 'literal') return `literal:${hashOf(credential.key)}`;
  if (credential.kind === 'env' && !usual.includes(credential.name)) return `env:${credential.name}`;
  return 'usual';
}

function hashOf(text: string): number {
  let hash = 0;
  for (let i = 0; i < text.length; i++) hash = (Math.imul(31, hash) + text.charCodeAt(i)) | 0;
  return hash;
}
