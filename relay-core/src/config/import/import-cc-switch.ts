import { parse as parseJsonc } from 'jsonc-parser';
import { parse as parseToml } from 'smol-toml';
import type { AdapterKind } from '../presets.js';
import { isPlainObject } from '../../shared/is-plain-object.js';
import { addEndpoint } from './add-endpoint.js';
import { ImportPlanBuilder, readCredential } from './import-plan.js';
import type { Credential, ImportPlan, ImportedRoute } from './import-plan.js';

type App = 'claude' | 'codex' | 'gemini';

/** The route each app's current provider becomes (the model the tool is connected with). */
export const ccSwitchRoutes: Record<App, string> = {
  claude: 'cc-switch',
  codex: 'cc-switch-codex',
  gemini: 'cc-switch-gemini',
};

/** What one cc-switch provider says: where, which key, which model for which purpose. */
interface Described {
  adapter: AdapterKind;
  url?: string;
  credential: Credential;
  main?: string;
  background?: string;
  thinking?: string;
  models: string[];
  /** Settings of the tool itself that have no meaning for a relay. */
  ignored: string[];
}

const claudeKeys = new Set([
  'ANTHROPIC_BASE_URL',
  'ANTHROPIC_AUTH_TOKEN',
  'ANTHROPIC_API_KEY',
  'ANTHROPIC_MODEL',
  'ANTHROPIC_DEFAULT_SONNET_MODEL',
  'ANTHROPIC_DEFAULT_OPUS_MODEL',
  'ANTHROPIC_DEFAULT_HAIKU_MODEL',
  'ANTHROPIC_SMALL_FAST_MODEL',
  'ANTHROPIC_REASONING_MODEL',
]);

const text = (value: unknown) =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

function describeClaude(provider: Record<string, unknown>, settings: Record<string, unknown>): Described {
  const env = isPlainObject(settings.env) ? settings.env : {};
  const meta = isPlainObject(provider.meta) ? provider.meta : {};
  const format = provider.apiFormat ?? meta.apiFormat;
  const main = text(env.ANTHROPIC_MODEL) ?? text(env.ANTHROPIC_DEFAULT_SONNET_MODEL);
  const background = text(env.ANTHROPIC_DEFAULT_HAIKU_MODEL) ?? text(env.ANTHROPIC_SMALL_FAST_MODEL);
  const thinking = text(env.ANTHROPIC_REASONING_MODEL) ?? text(env.ANTHROPIC_DEFAULT_OPUS_MODEL);
  return {
    adapter: format === 'openai_chat' ? 'openai-compatible' : 'anthropic',
    url: text(env.ANTHROPIC_BASE_URL),
    credential: readCredential(env.ANTHROPIC_AUTH_TOKEN ?? env.ANTHROPIC_API_KEY),
    main,
    background,
    thinking,
    models: [main, text(env.ANTHROPIC_DEFAULT_SONNET_MODEL), thinking, background].filter(
      (model): model is string => model !== undefined,
    ),
    ignored: Object.keys(env).filter((key) => !claudeKeys.has(key)),
  };
}

function describeCodex(settings: Record<string, unknown>): Described {
  const auth = isPlainObject(settings.auth) ? settings.auth : {};
  const toml =
    typeof settings.config === 'string' && settings.config.trim() !== '' ? parseToml(settings.config) : {};
  const chosen = text(toml.model_provider);
  const providers = isPlainObject(toml.model_providers) ? toml.model_providers : {};
  const entry = chosen && isPlainObject(providers[chosen]) ? providers[chosen] : {};
  const main = text(toml.model);
  const handled = new Set(['model_provider', 'model', 'model_providers']);
  const ignored = Object.keys(toml).filter((key) => !handled.has(key));
  // the relay speaks Chat Completions to an OpenAI-compatible endpoint
  if (entry.wire_api === 'responses') ignored.push('wire_api = "responses"');
  return {
    adapter: 'openai-compatible',
    url: text(entry.base_url),
    credential: readCredential(auth.OPENAI_API_KEY),
    main,
    models: main ? [main] : [],
    ignored,
  };
}

function describeGemini(settings: Record<string, unknown>): Described {
  const env = isPlainObject(settings.env) ? settings.env : {};
  const main = text(env.GEMINI_MODEL);
  const handled = new Set(['GEMINI_API_KEY', 'GOOGLE_GEMINI_BASE_URL', 'GEMINI_MODEL']);
  return {
    adapter: 'gemini',
    url: text(env.GOOGLE_GEMINI_BASE_URL),
    credential: readCredential(env.GEMINI_API_KEY),
    main,
    models: main ? [main] : [],
    ignored: Object.keys(env).filter((key) => !handled.has(key)),
  };
}

/** The provider lists of each app in any of cc-switch's file shapes, with the current one's id. */
function appsOf(file: unknown): Array<{ app: App; providers: unknown[]; current?: string }> {
  const list = (value: unknown) =>
    Array.isArray(value) ? value : isPlainObject(value) ? Object.values(value) : [];
  if (Array.isArray(file)) return [{ app: 'claude', providers: file }];
  if (!isPlainObject(file)) return [];
  // the provider-list export (schemaVersion 1) and the first config.json: one app's providers
  if ('providers' in file) {
    const app = file.app === 'codex' || file.app === 'gemini' ? file.app : 'claude';
    return [
      { app, providers: list(file.providers), current: text(file.currentProviderId) ?? text(file.current) },
    ];
  }
  // config.json version 2: one section per app
  return (['claude', 'codex', 'gemini'] as const)
    .filter((app) => isPlainObject(file[app]))
    .map((app) => {
      const section = file[app] as Record<string, unknown>;
      return { app, providers: list(section.providers), current: text(section.current) };
    });
}

/**
 * Translates cc-switch's provider lists (its provider-list export or its config.json): every
 * provider becomes a provider serving the models it names, its key goes to the secret store, and
 * each app's current provider becomes a route (`cc-switch`, `cc-switch-codex`, `cc-switch-gemini`)
 * picking its background and reasoning models by purpose.
 */
export function importCcSwitch(source: string): ImportPlan {
  const builder = new ImportPlanBuilder('cc-switch');
  const apps = appsOf(parseJsonc(source, [], { allowTrailingComma: true }));
  if (apps.length === 0 || apps.every((app) => app.providers.length === 0))
    throw new Error('not a cc-switch provider list: it has no providers');
  for (const { app, providers, current } of apps) {
    providers.forEach((item, index) => {
      if (!isPlainObject(item) || !isPlainObject(item.settingsConfig)) {
        builder.untranslated(`${app} providers[${index}]: not a provider (settingsConfig)`);
        return;
      }
      const name = text(item.name) ?? text(item.id) ?? `${app}-${index}`;
      const meta = isPlainObject(item.meta) ? item.meta : {};
      if (item.requiresOAuth === true || text(item.providerType ?? meta.providerType)) {
        builder.untranslated(
          `${app} provider '${name}': signs in with an account (OAuth), which the relay does not do`,
        );
        return;
      }
      const described =
        app === 'codex'
          ? describeCodex(item.settingsConfig)
          : app === 'gemini'
            ? describeGemini(item.settingsConfig)
            : describeClaude(item, item.settingsConfig);
      const id = addEndpoint(builder, {
        adapter: described.adapter,
        url: described.url,
        name,
        credential: described.credential,
      });
      builder.models(id, described.models);
      if (described.ignored.length > 0)
        builder.untranslated(
          `${app} provider '${name}': ${described.ignored.join(', ')} ${described.ignored.length === 1 ? 'is a setting' : 'are settings'} of the tool itself, not translated`,
        );
      if (current !== undefined && current === (text(item.id) ?? name))
        addRoutes(builder, app, id, described);
    });
  }
  return builder.plan;
}

function addRoutes(builder: ImportPlanBuilder, app: App, id: string, described: Described): void {
  const name = ccSwitchRoutes[app];
  if (!described.main) {
    builder.untranslated(`${app}: the current provider names no model, so no '${name}' route was made`);
    return;
  }
  const conditional: Array<[string | undefined, NonNullable<ImportedRoute['when']>]> = [
    [described.background, { purpose: 'background' }],
    [described.thinking, { purpose: 'thinking' }],
  ];
  for (const [model, when] of conditional)
    if (model && model !== described.main)
      builder.plan.routes.push({ name, when, targets: [`${id}/${model}`] });
  builder.plan.routes.push({ name, targets: [`${id}/${described.main}`] });
  builder.note(`route '${name}' is the current ${app} provider; connect the tool with --model ${name}`);
}
