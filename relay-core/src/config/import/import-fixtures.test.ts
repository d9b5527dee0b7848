import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../load-config.js';
import { previewImport } from './apply-import.js';
import { detectImportSource, parseImport } from './parse-import.js';
import type { ImportSource } from './import-plan.js';

const fixtures = join(import.meta.dirname, '__fixtures__');
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A user's small config.yaml, with comments, that the import adds to. */
function existingConfig(): string {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-import-'));
  dirs.push(dir);
  const path = join(dir, 'config.yaml');
  copyFileSync(join(fixtures, 'base-config.yaml'), path);
  return path;
}

function importFixture(source: ImportSource, file: string) {
  const text = readFileSync(join(fixtures, file), 'utf8');
  return previewImport(existingConfig(), parseImport(source, text));
}

const cases: Array<[ImportSource, string]> = [
  ['litellm', 'litellm-proxy-server-config.yaml'],
  ['litellm', 'litellm-docs-load-balancing.yaml'],
  ['litellm', 'litellm-load-balancer.yaml'],
  ['ccr', 'ccr-readme-config.json'],
  ['cc-switch', 'cc-switch-config.json'],
];

describe('importing the tools’ own example configs', () => {
  it.each(cases)('%s %s gives its golden config.yaml', async (source, file) => {
    const preview = importFixture(source, file);
    await expect(preview.after).toMatchFileSnapshot(join(fixtures, file.replace(/\.\w+$/, '.golden.yaml')));
    // the result is a config the relay accepts, the user's lines and comments as they were
    expect(() => parseConfig(preview.after)).not.toThrow();
    expect(preview.after).toContain('  - id: openai # the work account\n');
    expect(preview.after).toContain(
      '  - name: coding # what my editor asks for\n    targets: [openai/gpt-4o]\n',
    );
  });

  it.each(cases)('%s %s is recognised by its content', (source, file) => {
    expect(detectImportSource(readFileSync(join(fixtures, file), 'utf8'))).toBe(source);
  });

  it('LiteLLM: groups become routes, fallbacks follow, keys stay references', () => {
    const preview = importFixture('litellm', 'litellm-docs-load-balancing.yaml');
    const config = parseConfig(preview.after);
    expect(config.routes.find((route) => route.name === 'gpt-4o')?.targets).toEqual([
      'openai/gpt-4o',
      'openai/gpt-3.5-turbo-16k',
    ]);
    expect(config.aliases['gpt-4']).toEqual(['openai/gpt-4o']);
    // Hugging Face has no preset: its deployments and the fallbacks that start from them are listed
    expect(preview.untranslated).toContain(
      "model_list[0] (zephyr-beta): LiteLLM provider 'huggingface' has no preset here",
    );
    expect(preview.untranslated).toContain(
      "fallbacks of 'zephyr-beta': no model group of that name was translated",
    );
    // `<my-openai-key>` is a documentation placeholder, not a key
    expect(preview.keys).toEqual([]);
  });

  it('LiteLLM: os.environ/NAME becomes key_env only where the relay would not read NAME anyway', () => {
    const config = parseConfig(importFixture('litellm', 'litellm-proxy-server-config.yaml').after);
    const azure = config.providers.find((provider) => provider.id === 'azure');
    expect(azure?.key_env).toBeUndefined();
    expect(azure?.base_url).toBe('https://openai-gpt-4-test-v-1.openai.azure.com/openai');
    expect(config.routes.find((route) => route.name === 'gpt-3.5-turbo-end-user-test')).toMatchObject({
      strategy: 'weighted',
      targets: ['openai/gpt-3.5-turbo', 'azure/chatgpt-v-2'],
    });
  });

  it('LiteLLM: two keys for one model become two providers, weighted by rpm', () => {
    const preview = importFixture('litellm', 'litellm-load-balancer.yaml');
    const route = parseConfig(preview.after).routes.find((entry) => entry.name === 'gpt-3.5-turbo');
    expect(route).toMatchObject({
      strategy: 'weighted',
      targets: ['openai/gpt-3.5-turbo', 'openai-2/gpt-3.5-turbo', 'openrouter/gpt-3.5-turbo'],
      weights: [3, 3, 1],
    });
    expect(preview.keys).toEqual(['openai', 'openai-2']);
    expect(preview.untranslated).toContain(
      "environment_variables (3) are not imported: set them in the relay's environment",
    );
  });

  it('claude-code-router: Router scenarios become one route chosen by purpose and size', () => {
    const config = parseConfig(importFixture('ccr', 'ccr-readme-config.json').after);
    expect(
      config.routes.filter((route) => route.name === 'ccr').map((route) => [route.when, route.targets]),
    ).toEqual([
      [{ min_input_tokens: 60000 }, ['openrouter/google/gemini-2.5-pro-preview']],
      [{ purpose: ['background'] }, ['ollama/qwen2.5-coder:latest']],
      [{ purpose: ['thinking'] }, ['deepseek/deepseek-reasoner']],
      [undefined, ['deepseek/deepseek-chat']],
    ]);
    const volcengine = config.providers.find((provider) => provider.id === 'volcengine');
    expect(volcengine).toMatchObject({
      preset: 'openai',
      base_url: 'https://ark.cn-beijing.volces.com/api/v3',
    });
  });

  it('cc-switch: Anthropic-compatible endpoints keep their region and the current provider is the route', () => {
    const preview = importFixture('cc-switch', 'cc-switch-config.json');
    const config = parseConfig(preview.after);
    expect(config.providers.find((provider) => provider.id === 'deepseek')).toMatchObject({
      preset: 'anthropic',
      base_url: 'https://api.deepseek.com/anthropic/v1',
      region: 'cn',
    });
    expect(config.routes.filter((route) => route.name === 'cc-switch').at(-1)?.targets).toEqual([
      'openrouter/anthropic/claude-sonnet-4.5',
    ]);
    expect(preview.keys).toEqual(['deepseek']);
    expect(preview.after).not.toContain('sk-ccswitch-fixture');
  });
});

describe('detectImportSource', () => {
  it('answers undefined for a file of none of the tools', () => {
    expect(detectImportSource('{"hello": "world"}')).toBeUndefined();
  });
});
