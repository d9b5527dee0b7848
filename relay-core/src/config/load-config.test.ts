import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.js';
import { defaultConfigText } from './default-config.js';
import { loadConfig, parseConfig } from './load-config.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-config-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function errorOf(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}
const messageOf = (text: string) => errorOf(() => parseConfig(text)).message;

describe('loadConfig', () => {
  it('creates the data folder and writes the commented default on first start', () => {
    const home = join(tempDir(), 'nested', 'Switchboard');
    const { config, path } = loadConfig(home, {});
    expect(path).toBe(join(home, 'config.yaml'));
    expect(readFileSync(path, 'utf8')).toBe(defaultConfigText);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(config.server).toEqual({
      host: '127.0.0.1',
      port: 4141,
      max_body_bytes: 33554432,
      headers_timeout_ms: 10000,
      request_timeout_ms: 60000,
      allowed_hosts: [],
      expose_lan: false,
    });
    expect(config.providers).toEqual([]);
    expect(config.routes).toEqual([]);
    expect(config.fallback).toMatchObject({ first_token_timeout_ms: 8000, max_attempts: 3 });
    expect(config.fallback.on).toEqual([
      'rate_limit',
      'overloaded',
      'server_error',
      'timeout',
      'connect_error',
      'context_length',
    ]);
    expect(config.history.retention_days).toBe(90);
  });

  it("reads a provider's key strategy and refuses a key name the keychain could not hold", () => {
    const config = parseConfig(`
providers:
  - id: openai
    keys: { strategy: weighted, weights: { work: 3, free-tier: 1 } }
`);
    expect(config.providers[0]!.keys).toEqual({ strategy: 'weighted', weights: { work: 3, 'free-tier': 1 } });
    expect(parseConfig('providers: [{ id: openai, keys: {} }]').providers[0]!.keys).toEqual({
      strategy: 'fill_first',
    });
    expect(messageOf('providers: [{ id: openai, keys: { order: [Work] } }]')).toContain(
      'providers[0].keys.order[0]: must be a key name',
    );
    expect(messageOf('providers: [{ id: openai, keys: { strategy: random } }]')).toContain(
      'providers[0].keys.strategy',
    );
  });

  it('keeps an existing file as the user left it', () => {
    const home = tempDir();
    writeFileSync(join(home, 'config.yaml'), '# mine\nserver:\n  port: 5151\n');
    expect(loadConfig(home, {}).config.server.port).toBe(5151);
    expect(readFileSync(join(home, 'config.yaml'), 'utf8')).toBe('# mine\nserver:\n  port: 5151\n');
  });

  it('applies SWITCHBOARD_HOST and SWITCHBOARD_PORT over the file', () => {
    const home = tempDir();
    const env = { SWITCHBOARD_PORT: '5000', SWITCHBOARD_HOST: 'localhost' };
    expect(loadConfig(home, env).config.server).toMatchObject({ port: 5000, host: 'localhost' });
  });

  it('keeps history in SQLite and state in memory unless told, and takes the store URLs from the environment', () => {
    const home = tempDir();
    expect(loadConfig(home, {}).config.storage).toEqual({ history: 'sqlite', state: 'memory' });
    writeFileSync(join(home, 'config.yaml'), 'storage:\n  history: postgres://db/team\n');
    expect(loadConfig(home, {}).config.storage.history).toBe('postgres://db/team');
    const env = { SWITCHBOARD_DATABASE_URL: 'postgresql://u@h/d', SWITCHBOARD_REDIS_URL: 'redis://h:6379' };
    expect(loadConfig(home, env).config.storage).toEqual({
      history: 'postgresql://u@h/d',
      state: 'redis://h:6379',
    });
    expect(() => loadConfig(home, { SWITCHBOARD_REDIS_URL: 'h:6379' })).toThrow(
      /SWITCHBOARD_REDIS_URL: is not a redis/,
    );
    writeFileSync(join(home, 'config.yaml'), 'storage:\n  state: mysql://x\n');
    expect(() => loadConfig(home, {})).toThrow(/storage\.state/);
  });

  it('traces nothing unless an OTLP endpoint is set, in config.yaml or the standard variables', () => {
    const home = tempDir();
    expect(loadConfig(home, {}).config.telemetry).toEqual({ service_name: 'switchboard' });
    writeFileSync(join(home, 'config.yaml'), 'telemetry:\n  otlp_endpoint: http://collector:4318\n');
    expect(loadConfig(home, {}).config.telemetry.otlp_endpoint).toBe('http://collector:4318');
    // the base variable gets the traces path; the traces variable is the whole URL
    expect(
      loadConfig(home, {
        OTEL_EXPORTER_OTLP_ENDPOINT: 'https://otel.example/otlp/',
        OTEL_SERVICE_NAME: 'team',
      }).config.telemetry,
    ).toEqual({ otlp_endpoint: 'https://otel.example/otlp/v1/traces', service_name: 'team' });
    const both = {
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://base:4318',
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://traces:4318/custom',
    };
    expect(loadConfig(home, both).config.telemetry.otlp_endpoint).toBe('http://traces:4318/custom');
    expect(() => loadConfig(home, { OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' })).toThrow(
      /OTEL_EXPORTER_OTLP_ENDPOINT: is not an http\(s\) URL/,
    );
    writeFileSync(join(home, 'config.yaml'), 'telemetry:\n  otlp_endpoint: grpc://collector:4317\n');
    expect(() => loadConfig(home, {})).toThrow(/telemetry\.otlp_endpoint/);
  });

  it('rejects bad overrides, naming the variable', () => {
    const home = tempDir();
    expect(errorOf(() => loadConfig(home, { SWITCHBOARD_PORT: 'eighty' })).message).toMatch(
      /config\.yaml: SWITCHBOARD_PORT: 'eighty' is not a port number/,
    );
    expect(() => loadConfig(home, { SWITCHBOARD_PORT: '70000' })).toThrow(/SWITCHBOARD_PORT/);
    expect(() => loadConfig(home, { SWITCHBOARD_HOST: 'http://x:80' })).toThrow(
      /SWITCHBOARD_HOST: 'http:\/\/x:80' is not a host name/,
    );
    expect(() => loadConfig(home, { SWITCHBOARD_HOST: '0.0.0.0' })).toThrow(
      /SWITCHBOARD_HOST: '0\.0\.0\.0' is reachable from the network; set server\.expose_lan: true/,
    );
    writeFileSync(join(home, 'config.yaml'), 'server:\n  expose_lan: true\n');
    expect(loadConfig(home, { SWITCHBOARD_HOST: '0.0.0.0' }).config.server.host).toBe('0.0.0.0');
  });
});

describe('parseConfig', () => {
  it('reads the documented example', () => {
    const config = parseConfig(`
providers:
  - id: openai
    models: [gpt-4o-mini]
  - id: local-ollama
    preset: ollama
    base_url: http://127.0.0.1:11434/v1
    region: local
    headers: { X-Team: research }
    timeout_ms: 600000
    enabled: false
routes:
  - name: auto
    targets: [openai/gpt-4o-mini, llama3.2]
    strategy: cheapest
    when: { tools: false }
`);
    expect(config.providers[0]).toEqual({ id: 'openai', models: ['gpt-4o-mini'], enabled: true });
    expect(config.providers[1]).toMatchObject({ preset: 'ollama', region: 'local', enabled: false });
    expect(config.routes[0]).toMatchObject({ name: 'auto', strategy: 'cheapest', when: { tools: false } });
    expect(parseConfig('{}').server.port).toBe(4141);
  });

  it('refuses an empty, comment-only or null file, saying how to start from the default', () => {
    for (const text of ['', '\n\n', '# just a comment\n', '~', 'null\n', '---\n# nothing\n...\n']) {
      expect(messageOf(text), JSON.stringify(text)).toMatch(
        /the file is empty \(or holds only comments\); to start from the default config, delete the file/,
      );
    }
  });

  it('accepts every commented example in the default file once uncommented', () => {
    for (const section of ['providers', 'routes', 'clients', 'prices']) {
      const block = defaultConfigText.split(`\n${section}: []\n`)[1]!.split('\n\n')[0]!;
      const lines = block.split('\n').filter((line) => line.startsWith('#  '));
      expect(lines.length).toBeGreaterThan(0);
      const text = `${section}:\n${lines.map((line) => line.slice(1)).join('\n')}\n`;
      expect(() => parseConfig(text), text).not.toThrow();
    }
  });

  it('names the path and the problem of an invalid value', () => {
    expect(messageOf('server:\n  port: 99999\n')).toMatch(/^config\.yaml: server\.port: .*65535/);
    expect(messageOf('providers:\n  - id: x\n    preset: nonsense\n')).toMatch(
      /^config\.yaml: providers\[0\]\.preset: unknown preset 'nonsense'/,
    );
    expect(messageOf('providers:\n  - id: my-server\n')).toMatch(
      /providers\[0\]\.id: unknown preset 'my-server'/,
    );
    expect(messageOf('providers:\n  - id: openai\n  - id: groq\n    base_url: ftp://x\n')).toMatch(
      /providers\[1\]\.base_url: must be an http\(s\) URL/,
    );
    expect(messageOf('providers:\n  - id: Open AI\n')).toMatch(/providers\[0\]\.id: must be lower-case/);
    expect(messageOf('providers:\n  - id: openai\n  - id: openai\n')).toMatch(
      /providers\[1\]\.id: duplicate provider id/,
    );
    expect(messageOf('providers:\n  - id: azure\n')).toMatch(
      /providers\[0\]\.base_url: Azure OpenAI needs base_url/,
    );
    expect(messageOf('routes:\n  - name: a/b\n    targets: [x]\n')).toMatch(/routes\[0\]\.name: .*'\/'/);
    expect(messageOf('routes:\n  - name: a\n    targets: []\n')).toMatch(/routes\[0\]\.targets/);
    expect(messageOf('routes:\n  - name: a\n    targets: [x]\n    strategy: random\n')).toMatch(
      /routes\[0\]\.strategy/,
    );
    expect(messageOf('routes:\n  - name: a\n    targets: [x]\n  - name: a\n    targets: [y]\n')).toMatch(
      /routes\[1\]\.name: route 'a' can never match/,
    );
    expect(messageOf('fallback:\n  on: [rate_limit, sunspots]\n')).toMatch(/fallback\.on\[1\]/);
  });

  it('rejects unknown keys so a typo does not pass silently', () => {
    expect(messageOf('provders: []\n')).toMatch(/^config\.yaml: .*provders/);
    expect(messageOf('server:\n  prot: 1\n')).toMatch(/^config\.yaml: server: .*prot/);
    expect(messageOf('providers:\n  - id: openai\n    api_key: sk-x\n')).toMatch(/providers\[0\]: .*api_key/);
  });

  it('refuses auth headers, which would put a key in the file', () => {
    expect(messageOf('providers:\n  - id: openai\n    headers: { Authorization: Bearer sk-x }\n')).toMatch(
      /providers\[0\]\.headers\.Authorization: 'Authorization' would put a key in config\.yaml/,
    );
  });

  it('requires expose_lan to listen beyond this machine', () => {
    expect(messageOf('server:\n  host: 0.0.0.0\n')).toMatch(
      /server\.host: '0\.0\.0\.0' is reachable from the network; set server\.expose_lan: true/,
    );
    expect(parseConfig('server:\n  host: 0.0.0.0\n  expose_lan: true\n').server.host).toBe('0.0.0.0');
    expect(messageOf('server:\n  host: "127.0.0.1:80"\n')).toMatch(/server\.host: must be a host name/);
  });

  it('names line and column of a YAML syntax error', () => {
    expect(messageOf('server:\n  port: 1\n  port: 2\n')).toMatch(
      /^config\.yaml: line 3, column 3: Map keys must be unique$/,
    );
    expect(messageOf('server: [\n')).toMatch(/^config\.yaml: line 2, column 1: /);
  });

  it('lists every issue with a path', () => {
    const error = errorOf(() => parseConfig('server:\n  port: -1\nhistory:\n  retention_days: 0\n'));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.issues.map((issue) => issue.path)).toEqual(['server.port', 'history.retention_days']);
  });
});
