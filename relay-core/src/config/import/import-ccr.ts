import { parse as parseJsonc } from 'jsonc-parser';
import type { AdapterKind } from '../presets.js';
import { isPlainObject } from '../../shared/is-plain-object.js';
import { addEndpoint } from './add-endpoint.js';
import { ImportPlanBuilder, readCredential } from './import-plan.js';
import type { ImportPlan, ImportedRoute } from './import-plan.js';

/** The route name Claude Code is pointed at after a claude-code-router import. */
export const ccrRouteName = 'ccr';

// transformers that only say which API the provider speaks: the preset does that here
const dialectTransformers: Record<string, AdapterKind | 'openai-compatible'> = {
  anthropic: 'anthropic',
  gemini: 'gemini',
  openrouter: 'openai-compatible',
  deepseek: 'openai-compatible',
  groq: 'openai-compatible',
};

function transformerNames(use: unknown): string[] {
  if (!Array.isArray(use)) return [];
  return use
    .map((entry) => (Array.isArray(entry) ? entry[0] : entry))
    .filter((name): name is string => typeof name === 'string');
}

function addProvider(
  builder: ImportPlanBuilder,
  item: unknown,
  index: number,
  ids: Map<string, string>,
): void {
  if (!isPlainObject(item) || typeof item.name !== 'string' || typeof item.api_base_url !== 'string') {
    builder.untranslated(`Providers[${index}]: not a provider (name and api_base_url)`);
    return;
  }
  const transformer = isPlainObject(item.transformer) ? item.transformer : {};
  const used = transformerNames(transformer.use);
  const adapter =
    used.map((name) => dialectTransformers[name.toLowerCase()]).find((kind) => kind !== undefined) ??
    (/\/v1\/messages\/?$/.test(item.api_base_url) ? 'anthropic' : 'openai-compatible');
  const id = addEndpoint(builder, {
    adapter,
    url: item.api_base_url,
    name: item.name,
    credential: readCredential(item.api_key),
  });
  ids.set(item.name, id);
  const models = Array.isArray(item.models) ? item.models.filter((model) => typeof model === 'string') : [];
  builder.models(id, models);
  const tuning = used.filter((name) => !dialectTransformers[name.toLowerCase()]);
  for (const [model, value] of Object.entries(transformer))
    if (model !== 'use' && isPlainObject(value))
      tuning.push(...transformerNames(value.use).map((name) => `${name} (${model})`));
  if (tuning.length > 0)
    builder.untranslated(
      `Providers '${item.name}': transformers ${tuning.join(', ')} are not translated (the relay fits each request to its target itself)`,
    );
}

/**
 * Translates a claude-code-router config.json: its Providers become providers (keys to the secret
 * store), its Router scenarios a route named `ccr` whose conditions pick the scenario's model:
 * long context by `longContextThreshold`, then background, then thinking, then the default.
 */
export function importCcr(text: string): ImportPlan {
  const builder = new ImportPlanBuilder('ccr');
  const file: unknown = parseJsonc(text, [], { allowTrailingComma: true });
  if (!isPlainObject(file) || !Array.isArray(file.Providers ?? file.providers))
    throw new Error('not a claude-code-router config: it has no Providers');
  const ids = new Map<string, string>();
  ((file.Providers ?? file.providers) as unknown[]).forEach((item, index) =>
    addProvider(builder, item, index, ids),
  );

  const router = isPlainObject(file.Router ?? file.router)
    ? ((file.Router ?? file.router) as Record<string, unknown>)
    : {};
  const target = (scenario: string): string | undefined => {
    const value = router[scenario];
    if (typeof value !== 'string' || value.trim() === '') return undefined;
    const comma = value.indexOf(',');
    const provider = comma < 0 ? undefined : ids.get(value.slice(0, comma).trim());
    if (!provider) {
      builder.untranslated(`Router.${scenario} '${value}': no translated provider of that name`);
      return undefined;
    }
    return `${provider}/${value.slice(comma + 1).trim()}`;
  };
  const threshold = typeof router.longContextThreshold === 'number' ? router.longContextThreshold : 60_000;
  const scenarios: Array<[string, ImportedRoute['when']]> = [
    ['longContext', { min_input_tokens: threshold }],
    ['background', { purpose: 'background' }],
    ['think', { purpose: 'thinking' }],
  ];
  for (const [scenario, when] of scenarios) {
    const chosen = target(scenario);
    if (chosen) builder.plan.routes.push({ name: ccrRouteName, when, targets: [chosen] });
  }
  const fallback = target('default');
  if (fallback) builder.plan.routes.push({ name: ccrRouteName, targets: [fallback] });
  if (builder.plan.routes.length > 0)
    builder.note(
      `route '${ccrRouteName}' holds the Router scenarios: npm run relay -- connect claude-code --model ${ccrRouteName} --small-model ${ccrRouteName}`,
    );
  const handled = new Set(['default', 'background', 'think', 'longContext', 'longContextThreshold']);
  for (const key of Object.keys(router))
    if (!handled.has(key) && router[key] !== '' && router[key] !== undefined)
      builder.untranslated(`Router.${key} has no matching condition here`);
  reportTopLevel(builder, file);
  return builder.plan;
}

function reportTopLevel(builder: ImportPlanBuilder, file: Record<string, unknown>): void {
  const handled = new Set([
    'Providers',
    'providers',
    'Router',
    'router',
    'LOG',
    'LOG_LEVEL',
    'NON_INTERACTIVE_MODE',
  ]);
  for (const key of Object.keys(file)) {
    if (handled.has(key)) continue;
    if (key === 'APIKEY')
      builder.untranslated(
        'APIKEY is not imported: create client keys with `npm run relay -- keys create <name>`',
      );
    else if (/_API_KEY$|_KEY$|TOKEN$/.test(key)) continue;
    else builder.untranslated(`${key} is not translated`);
  }
}
