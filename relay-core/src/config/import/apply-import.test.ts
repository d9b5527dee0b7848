import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { importCommand } from '../../cli/import-command.js';
import { createMemoryStore } from '../../secrets/memory-store.js';
import { ConfigError } from '../config-error.js';
import { parseConfig } from '../load-config.js';
import { applyImport, previewImport } from './apply-import.js';
import { parseImport } from './parse-import.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function home(config: string): { dir: string; path: string } {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-apply-import-'));
  dirs.push(dir);
  const path = join(dir, 'config.yaml');
  writeFileSync(path, config);
  return { dir, path };
}

const key = 'sk-proj-Zq8vW3xR1tY6uI0oP4aS7dF2gH5jK9lL';
const ccrFile = JSON.stringify({
  Providers: [
    {
      name: 'deepseek',
      api_base_url: 'https://api.deepseek.com/chat/completions',
      api_key: key,
      models: ['deepseek-chat'],
    },
    {
      name: 'azure-eu',
      api_base_url: 'https://my-proxy.example.eu/v1/chat/completions',
      api_key: '${EU_PROXY_KEY}',
      models: ['gpt-4o'],
    },
  ],
  Router: { default: 'deepseek,deepseek-chat' },
});

describe('applyImport', () => {
  it('stores a key found in the file in the secret store and nowhere in config.yaml or the output', async () => {
    const { dir, path } = home('providers: []\n');
    const secrets = createMemoryStore();
    const lines: string[] = [];
    const file = join(dir, 'ccr.json');
    writeFileSync(file, ccrFile);
    await importCommand(dir, ['ccr', file], {
      yes: true,
      secrets,
      env: {},
      output: { out: (line) => lines.push(line), err: (line) => lines.push(line) },
    });
    expect(await secrets.get('deepseek')).toBe(key);
    const written = readFileSync(path, 'utf8');
    expect(written).toContain('- id: deepseek');
    for (const text of [written, lines.join('\n')]) {
      expect(text).not.toContain(key);
      expect(text).not.toContain(key.slice(-8));
    }
    // the data folder holds nothing else the key could be in
    expect(readdirSync(dir).sort()).toEqual(['ccr.json', 'config.yaml']);
    // a reference to a variable stays a reference: the relay reads that variable
    expect(parseConfig(written).providers.find((provider) => provider.id === 'azure-eu')?.key_env).toBe(
      'EU_PROXY_KEY',
    );
    expect(await secrets.list()).toEqual(['deepseek']);
  });

  it('shows the change first and writes nothing without --yes', async () => {
    const { dir, path } = home('providers: []\n');
    const file = join(dir, 'ccr.json');
    writeFileSync(file, ccrFile);
    const lines: string[] = [];
    const secrets = createMemoryStore();
    await importCommand(dir, ['ccr', file], {
      secrets,
      env: {},
      output: { out: (l) => lines.push(l), err: () => {} },
    });
    expect(readFileSync(path, 'utf8')).toBe('providers: []\n');
    expect(await secrets.list()).toEqual([]);
    const shown = lines.join('\n');
    expect(shown).toContain('+  - id: deepseek');
    expect(shown).toContain('Keys found in the file, for the secret store (never config.yaml): deepseek');
    expect(shown).toContain('Run again with --yes to apply.');
  });

  it('keeps what is there: same endpoints reused, clashing ids and route names renamed', () => {
    const existing = [
      '# mine',
      'providers:',
      '  - id: deepseek # personal',
      '  - id: azure-eu',
      '    preset: anthropic',
      '    base_url: https://elsewhere.example.com/v1',
      'routes:',
      '  - name: ccr # my own',
      '    targets: [deepseek/deepseek-chat]',
      '',
    ].join('\n');
    const { path } = home(existing);
    const preview = previewImport(path, parseImport('ccr', ccrFile));
    const config = parseConfig(preview.after);
    expect(config.providers.map((provider) => provider.id)).toEqual([
      'deepseek',
      'azure-eu',
      'azure-eu-imported',
    ]);
    expect(config.providers[0]?.models).toEqual(['deepseek-chat']);
    expect(preview.after).toContain('  - id: deepseek # personal');
    expect(preview.after).toContain('  - name: ccr # my own');
    expect(config.routes.map((route) => route.name)).toEqual(['ccr', 'ccr-imported']);
    expect(preview.notes).toContain("route 'ccr' already exists; imported as 'ccr-imported'");
    // previewing writes nothing
    expect(readFileSync(path, 'utf8')).toBe(existing);
  });

  it('refuses a result the relay would not accept and leaves the file and the keys alone', async () => {
    const broken = 'routes:\n  - name: ccr\n    targets: [deepseek/deepseek-chat]\n';
    const { path } = home(broken);
    const plan = parseImport('ccr', ccrFile);
    // a route without targets: the schema refuses the whole result
    plan.routes.unshift({ name: 'other', targets: [] });
    const secrets = createMemoryStore();
    await expect(applyImport(path, plan, secrets)).rejects.toBeInstanceOf(ConfigError);
    expect(readFileSync(path, 'utf8')).toBe(broken);
    expect(await secrets.list()).toEqual([]);
  });
});
