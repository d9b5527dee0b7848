import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../load-config.js';
import type { Config } from '../schema.js';
import { exportLitellm } from './export-litellm.js';
import { importLitellm } from './import-litellm.js';

const config = parseConfig(`
providers:
  - id: openai
  - id: anthropic
  - id: deepseek
  - id: volcengine            # an OpenAI-compatible endpoint of no preset
    preset: openai
    base_url: https://ark.cn-beijing.volces.com/api/v3
  - id: eu-azure
    preset: azure
    base_url: https://my-eu.openai.azure.com/openai
    api_version: 2024-10-21
    key_env: AZURE_API_KEY_EU
  - id: ollama
routes:
  - name: coding
    targets: [anthropic/claude-sonnet-4-5, openai/gpt-5, deepseek/deepseek-chat]
  - name: spread
    strategy: weighted
    weights: [3, 1, 0]
    targets: [volcengine/deepseek-v3, eu-azure/gpt-4o, ollama/llama3.2]
  - name: mix
    strategy: weighted
    weights: [1, 1]
    targets: [deepseek/deepseek-chat, openai/gpt-4o-mini]
aliases:
  sonnet: [anthropic/claude-sonnet-4-5, openai/gpt-5]
clients:
  - name: default
    spend_per_month_usd: 50
`);

/** What a request for each route or alias name can reach, in the order it is tried. */
function routing(of: Pick<Config, 'routes' | 'aliases'>) {
  return {
    routes: Object.fromEntries(
      of.routes.map((route) => [
        route.name,
        { targets: route.targets, strategy: route.strategy, weights: route.weights },
      ]),
    ),
    aliases: of.aliases,
  };
}

describe('exportLitellm', () => {
  it('routes the same after import(export(config))', () => {
    const plan = importLitellm(exportLitellm(config).yaml);
    const back = parseConfig(
      JSON.stringify({
        providers: plan.providers,
        routes: plan.routes,
        aliases: plan.aliases,
        clients: plan.clients,
      }),
    );
    // an alias comes back as a route of the same name, tried in the same order
    expect(routing(back).routes).toEqual({
      ...routing(config).routes,
      sonnet: { targets: config.aliases.sonnet, strategy: 'ordered', weights: undefined },
    });
    const endpoints = (of: Config) =>
      of.providers
        .map(({ id, preset, base_url, key_env }) => ({ id, preset, base_url, key_env }))
        .sort((a, b) => a.id.localeCompare(b.id));
    expect(endpoints(back)).toEqual(endpoints(config));
    expect(back.clients).toEqual(config.clients);
  });

  it('writes keys as os.environ references to the variables the relay reads, never values', () => {
    const { yaml } = exportLitellm(config);
    const keys = (
      parse(yaml) as { model_list: Array<{ litellm_params: { api_key?: string } }> }
    ).model_list.map((deployment) => deployment.litellm_params.api_key);
    expect(new Set(keys)).toEqual(
      new Set([
        'os.environ/ANTHROPIC_API_KEY',
        'os.environ/OPENAI_API_KEY',
        'os.environ/DEEPSEEK_API_KEY',
        'os.environ/SWITCHBOARD_KEY_VOLCENGINE',
        'os.environ/AZURE_API_KEY_EU',
        // Ollama needs no key
        undefined,
      ]),
    );
  });

  it('says what LiteLLM cannot express', () => {
    const conditional = parseConfig(`
providers: [{ id: openai }]
routes:
  - name: ask
    when: { tools: true }
    targets: [openai/gpt-4o]
  - name: ask
    targets: [openai/gpt-4o-mini]
policy: { regions: [eu] }
`);
    const { yaml, notes } = exportLitellm(conditional);
    expect(parse(yaml).model_list).toEqual([
      {
        model_name: 'ask',
        litellm_params: { model: 'openai/gpt-4o-mini', api_key: 'os.environ/OPENAI_API_KEY' },
      },
    ]);
    expect(notes).toContain(
      "route 'ask': conditions (when) have no LiteLLM equivalent; exported its unconditional targets",
    );
    expect(notes).toContain('policy.regions: data residency has no LiteLLM equivalent; left out');
  });
});
