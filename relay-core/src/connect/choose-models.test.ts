import { describe, expect, it } from 'vitest';
import { createCatalog, readCatalogFile } from '../catalog/load-catalog.js';
import { resolveProviders } from '../routing/resolve-providers.js';
import type { ProviderConfigEntry } from '../routing/resolve-providers.js';
import type { RouteEntry } from '../routing/resolve-targets.js';
import { chooseModels, modelLimits, workingModels } from './choose-models.js';
import type { ModelSource } from './choose-models.js';

const catalog = createCatalog(readCatalogFile());

function source(
  providers: ProviderConfigEntry[],
  options: { keys?: string[]; routes?: RouteEntry[]; recent?: string[]; regions?: string[] } = {},
): ModelSource {
  const resolved = resolveProviders(providers);
  return {
    providers: resolved,
    routes: options.routes ?? [],
    serves: (provider, model) =>
      provider.models.includes(model) || catalog.find(provider.preset.catalogProvider, model) !== undefined,
    catalog,
    regions: options.regions,
    hasKey: async (provider) => (options.keys ?? []).includes(provider.id),
    recent: options.recent ?? [],
  };
}

const names = async (models: Promise<Array<{ name: string }>>) => (await models).map((model) => model.name);

describe('models a coding tool can be connected with', () => {
  it("suggests a configured provider's coding model and its smaller one, only where a key exists", async () => {
    const configured = source([{ id: 'openai' }, { id: 'anthropic' }], { keys: ['openai'] });
    expect(await chooseModels(configured, 'codex')).toMatchObject({
      model: 'openai/gpt-5',
      smallModel: 'openai/gpt-5-mini',
    });
    expect(await names(workingModels(configured, 'codex'))).toEqual(['openai/gpt-5']);
  });

  it("puts the user's routes first and skips a route no coding agent's request matches", async () => {
    const routes: RouteEntry[] = [
      { name: 'chat-only', when: { tools: false }, targets: ['openai/gpt-4o-mini'] },
      { name: 'coding', targets: ['anthropic/claude-sonnet-4-5', 'openai/gpt-5'] },
      { name: 'for-aider', when: { clients: ['aider'] }, targets: ['openai/gpt-5'] },
    ];
    const configured = source([{ id: 'openai' }, { id: 'anthropic' }], { keys: ['openai'], routes });
    expect(await names(workingModels(configured, 'codex'))).toEqual(['coding', 'openai/gpt-5']);
    expect(await names(workingModels(configured, 'aider'))).toEqual(['coding', 'for-aider', 'openai/gpt-5']);
    expect(await chooseModels(configured, 'codex')).toMatchObject({ model: 'coding', smallModel: 'coding' });
  });

  it('offers recently used names that still work before the suggestions', async () => {
    const configured = source([{ id: 'openai' }], {
      keys: ['openai'],
      recent: ['deepseek/deepseek-chat', 'gpt-4.1-mini', 'openai/gpt-5'],
    });
    expect(await names(workingModels(configured, 'aider'))).toEqual(['gpt-4.1-mini', 'openai/gpt-5']);
  });

  it('refuses the unconfigured auto route, and takes it once its tiers are configured', async () => {
    const configured = source([{ id: 'openai' }], { keys: ['openai'] });
    await expect(chooseModels(configured, 'claude-code', { model: 'auto' })).rejects.toThrow(
      /'auto' does not work with this relay: The built-in 'auto' route has no tiers yet.*names that work here: openai\/gpt-5/,
    );
    const auto: RouteEntry = {
      name: 'auto',
      targets: ['openai/gpt-5-mini', 'openai/gpt-5'],
      strategy: 'cheapest',
    };
    const withAuto = source([{ id: 'openai' }], { keys: ['openai'], routes: [auto] });
    expect(await chooseModels(withAuto, 'claude-code', { model: 'auto' })).toMatchObject({ model: 'auto' });
  });

  it('respects the region policy and says why nothing works', async () => {
    const outside = source([{ id: 'openai' }], { keys: ['openai'], regions: ['eu'] });
    await expect(chooseModels(outside, 'codex')).rejects.toThrow('no model works yet');
    await expect(chooseModels(outside, 'codex', { model: 'openai/gpt-5' })).rejects.toThrow(
      'outside the region policy (eu)',
    );
    await expect(
      chooseModels(source([{ id: 'openai' }]), 'codex', { model: 'openai/gpt-5' }),
    ).rejects.toThrow('no key is configured for openai');
  });

  it("uses a local server's own model list, and guesses none for it", async () => {
    const local = { id: 'local', preset: 'ollama', models: ['qwen2.5-coder'] };
    expect(await names(workingModels(source([local]), 'opencode'))).toEqual(['local/qwen2.5-coder']);
    expect(await names(workingModels(source([{ id: 'local', preset: 'ollama' }]), 'opencode'))).toEqual([]);
  });
});

describe('a provider with a model list', () => {
  it('suggests the first listed model the catalog knows for coding, not an embedding listed first', async () => {
    const demo = {
      id: 'demo',
      preset: 'openai',
      models: ['text-embedding-3-small', 'mystery', 'gpt-4.1', 'gpt-4.1-nano'],
    };
    expect(await chooseModels(source([demo], { keys: ['demo'] }), 'aider')).toMatchObject({
      model: 'demo/gpt-4.1',
      smallModel: 'demo/gpt-4.1-nano',
    });
  });
});

describe('the limits a tool is told for the model it is connected with', () => {
  const routes: RouteEntry[] = [
    { name: 'coding', targets: ['anthropic/claude-sonnet-4-5', 'openai/gpt-4o-mini'] },
    { name: 'local', targets: ['openai/my-own-model'] },
  ];
  const configured = source([{ id: 'openai', models: ['my-own-model'] }, { id: 'anthropic' }], { routes });
  const entryOf = (provider: { preset: { catalogProvider: string } }, model: string) =>
    catalog.find(provider.preset.catalogProvider, model);
  const sonnet = catalog.find('anthropic', 'claude-sonnet-4-5')!;
  const mini = catalog.find('openai', 'gpt-4o-mini')!;

  it("are the smallest of the route's targets the catalog knows: a failover may land on any", () => {
    expect(modelLimits(configured, entryOf, 'coding', 'claude-code')).toEqual({
      contextWindow: Math.min(sonnet.contextWindow!, mini.contextWindow!),
      maxOutput: Math.min(sonnet.maxOutput!, mini.maxOutput!),
    });
    expect(modelLimits(configured, entryOf, 'anthropic/claude-sonnet-4-5', 'codex')).toEqual({
      contextWindow: sonnet.contextWindow,
      maxOutput: sonnet.maxOutput,
    });
  });

  it('are none for a model the catalog does not know, or a name that is no model', () => {
    expect(modelLimits(configured, entryOf, 'local', 'codex')).toEqual({});
    expect(modelLimits(configured, entryOf, 'nothing/here', 'codex')).toEqual({});
  });
});
