import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { codingTools, findTool } from './coding-tools.js';
import { createTestPlace } from './connect-place.fixture.js';
import type { TestPlace } from './connect-place.fixture.js';
import { connectTool } from './connect-tool.js';
import { jsoncFormat } from './formats/jsonc-format.js';
import type { RelayTarget } from './coding-tool.js';

let test: TestPlace;
afterEach(() => test?.close());

const target = { origin: 'http://127.0.0.1:4141', key: 'sb-key', model: 'coding', smallModel: 'fast' };
const pathsOf = (id: string) =>
  findTool(id)
    .files(test.place, target)
    .map((file) => file.path.slice(test.home.length));

describe('where each tool keeps its settings', () => {
  it('uses the default folders under the home folder', () => {
    test = createTestPlace();
    expect(Object.fromEntries(codingTools.map((tool) => [tool.id, pathsOf(tool.id)]))).toEqual({
      'claude-code': ['/.claude/settings.json'],
      codex: ['/.codex/config.toml'],
      gemini: ['/.gemini/settings.json', '/.gemini/.env'],
      opencode: ['/.config/opencode/opencode.json'],
      continue: ['/.continue/config.yaml'],
      aider: ['/.aider.conf.yml'],
    });
  });

  it("honours each tool's own override of its folder", () => {
    test = createTestPlace();
    test.place.env = {
      CLAUDE_CONFIG_DIR: join(test.home, 'claude-elsewhere'),
      CODEX_HOME: join(test.home, 'codex-elsewhere'),
      GEMINI_CLI_HOME: join(test.home, 'gemini-home'),
      XDG_CONFIG_HOME: join(test.home, 'xdg'),
      CONTINUE_GLOBAL_DIR: join(test.home, 'continue-elsewhere'),
    };
    expect(codingTools.flatMap((tool) => pathsOf(tool.id))).toEqual([
      '/claude-elsewhere/settings.json',
      '/codex-elsewhere/config.toml',
      '/gemini-home/.gemini/settings.json',
      '/gemini-home/.gemini/.env',
      '/xdg/opencode/opencode.json',
      '/continue-elsewhere/config.yaml',
      '/.aider.conf.yml',
    ]);
  });

  it("edits opencode's existing .jsonc, and Continue's config.json when no config.yaml exists", () => {
    test = createTestPlace();
    test.install('opencode.jsonc', '.config/opencode/opencode.jsonc');
    expect(pathsOf('opencode')).toEqual(['/.config/opencode/opencode.jsonc']);
    mkdirSync(join(test.home, '.continue'));
    writeFileSync(join(test.home, '.continue', 'config.json'), '{\n  // mine\n  "models": []\n}\n');
    expect(pathsOf('continue')).toEqual(['/.continue/config.json']);
    connectTool({
      tool: findTool('continue'),
      place: test.place,
      dataHome: test.dataHome,
      db: test.db,
      ...target,
    });
    const text = readFileSync(join(test.home, '.continue', 'config.json'), 'utf8');
    expect(text).toContain('// mine');
    expect(jsoncFormat.parse(text)).toMatchObject({
      models: [
        { title: 'Switchboard', provider: 'openai', model: 'coding', apiBase: 'http://127.0.0.1:4141/v1' },
      ],
    });
  });
});

describe('what the tools are told', () => {
  it("points Claude Code's every model alias at working names, with the key as a bearer token", () => {
    test = createTestPlace();
    const [file] = findTool('claude-code').files(test.place, target);
    expect(Object.fromEntries(file!.settings.map((setting) => [setting.path[1], setting.value]))).toEqual({
      ANTHROPIC_BASE_URL: 'http://127.0.0.1:4141',
      ANTHROPIC_AUTH_TOKEN: 'sb-key',
      ANTHROPIC_API_KEY: '',
      ANTHROPIC_MODEL: 'coding',
      ANTHROPIC_DEFAULT_OPUS_MODEL: 'coding',
      ANTHROPIC_DEFAULT_SONNET_MODEL: 'coding',
      ANTHROPIC_DEFAULT_HAIKU_MODEL: 'fast',
      ANTHROPIC_SMALL_FAST_MODEL: 'fast',
    });
  });

  it('says when another setting will win over what connect writes', () => {
    test = createTestPlace({ OPENCODE_CONFIG: '/work/opencode.json' });
    test.install('codex-config.toml', '.codex/config.toml');
    writeFileSync(join(test.home, '.codex', 'config.toml'), 'profile = "fast"\n');
    expect(findTool('codex').notes(test.place).join(' ')).toContain("config.toml selects profile 'fast'");
    expect(findTool('opencode').notes(test.place).join(' ')).toContain(
      'OPENCODE_CONFIG names /work/opencode.json',
    );
    expect(findTool('gemini').notes(test.place).join(' ')).toContain('first .env it finds');
  });
});

describe("a model's limits, where a tool sizes its context by them", () => {
  const limited = { ...target, limits: { contextWindow: 200_000, maxOutput: 64_000 } };
  const settingsOf = (id: string, relay: RelayTarget = limited) =>
    Object.fromEntries(
      findTool(id)
        .files(test.place, relay)
        .flatMap((file) => file.settings.map((setting) => [setting.path.join('.'), setting.value])),
    );

  it('tells Claude Code, Codex and opencode the window, so they compact before the upstream refuses', () => {
    test = createTestPlace();
    expect(settingsOf('claude-code')).toMatchObject({
      'env.CLAUDE_CODE_MAX_CONTEXT_TOKENS': '200000',
      'env.CLAUDE_CODE_AUTO_COMPACT_WINDOW': '200000',
    });
    expect(settingsOf('codex')).toMatchObject({ model_context_window: 200_000 });
    expect(settingsOf('opencode')['provider.switchboard.models']).toEqual({
      coding: { name: 'coding', limit: { context: 200_000, output: 64_000 } },
      fast: { name: 'fast' },
    });
  });

  it('writes no limit the catalog does not know', () => {
    test = createTestPlace();
    for (const id of ['claude-code', 'codex', 'opencode']) {
      const written = JSON.stringify(settingsOf(id, target));
      expect(written).not.toMatch(/CONTEXT|context_window|"limit"/);
    }
  });
});
