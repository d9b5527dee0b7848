import type { Dispatcher } from 'undici';
import { findPreset, providerPresets } from '../config/presets.js';
import type { ProviderPreset } from '../config/presets.js';
import { resolveProviders } from '../routing/resolve-providers.js';
import type { SecretResolver } from '../secrets/create-secret-store.js';
import { keyVariables } from '../secrets/env-store.js';
import type { SecretSource } from '../secrets/types.js';
import { listProviderModels } from './list-provider-models.js';
import type { ListedModel } from './list-provider-models.js';

/** A provider the first start found, as config.yaml will name it. */
export interface DetectedProvider {
  id: string;
  /** Set when an environment variable named the base URL (see `baseUrlFrom`). */
  baseUrl?: string;
  /** How it was found, in words for config.yaml and the start-up message (never the key). */
  found: string;
  /** What a local server listed when it answered the probe. */
  models?: ListedModel[];
}

/** What the first start found, and what it saw but left out (with why). */
export interface FirstStartReport {
  providers: DetectedProvider[];
  notes: string[];
}

const customBaseUrlPrefix = 'SWITCHBOARD_BASE_URL_';
const localServers = ['ollama', 'lmstudio'];

/** The variable `SWITCHBOARD_BASE_URL_<ID>` (upper case, `-` as `_`): any provider's full base URL. */
export function customBaseUrlVariable(id: string): string {
  return `${customBaseUrlPrefix}${id.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

/**
 * The base URL the environment gives a preset, and the variable that gave it: the preset's own
 * (`OPENAI_BASE_URL`, `OLLAMA_HOST`; the path its SDK adds is added), then `SWITCHBOARD_BASE_URL_<ID>`.
 */
export function baseUrlFrom(
  preset: ProviderPreset,
  env: NodeJS.ProcessEnv,
): { url: string; variable: string } | undefined {
  const candidates = [...(preset.baseUrlEnv ?? []), { name: customBaseUrlVariable(preset.id), path: '' }];
  for (const { name, path = '' } of candidates) {
    const value = env[name]?.trim();
    if (!value) continue;
    // OLLAMA_HOST is often `0.0.0.0` or `host:port`: the address the server binds, not a URL
    const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`;
    let url: URL;
    try {
      url = new URL(withScheme);
    } catch {
      continue;
    }
    if (url.hostname === '0.0.0.0') url.hostname = '127.0.0.1';
    if (url.port === '' && !/^[a-z][a-z0-9+.-]*:\/\//i.test(value) && preset.keyless)
      url.port = new URL(preset.baseUrl).port;
    const base = url.toString().replace(/\/+$/, '');
    return { url: path && !base.endsWith(path) ? `${base}${path}` : base, variable: name };
  }
  return undefined;
}

const loopback = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** Whether a URL is this relay itself (a tool's variable already pointed at it): a loop. */
function isRelay(url: string, relayPort: number): boolean {
  const parsed = new URL(url);
  const port = Number(parsed.port || (parsed.protocol === 'https:' ? 443 : 80));
  return loopback.has(parsed.hostname) && port === relayPort;
}

const sourceWords: Record<SecretSource, string> = {
  keychain: 'key in the OS keychain',
  env: 'key from',
  'encrypted-file': 'key in the encrypted key file',
  memory: 'key given to the relay',
};

function keyWords(id: string, source: SecretSource, env: NodeJS.ProcessEnv): string {
  if (source !== 'env') return sourceWords[source];
  const variable = keyVariables(id).find((name) => env[name]?.trim());
  return variable ? `key from ${variable}` : 'key from the AWS variables';
}

/**
 * What a machine offers a relay that has no config.yaml yet: every preset whose key the secret
 * store finds (keychain, its usual variable, the encrypted file) and every local server (Ollama,
 * LM Studio) that answers its model list within `probeTimeoutMs`. Remote providers are not called.
 */
export async function detectProviders(options: {
  secrets: SecretResolver;
  env: NodeJS.ProcessEnv;
  dispatcher: Dispatcher;
  /** The port the relay will listen on: a base URL pointing there is the relay itself. */
  relayPort: number;
  probeTimeoutMs?: number;
}): Promise<FirstStartReport> {
  const { env, relayPort } = options;
  const notes: string[] = [];
  const seen = new Set<string>();
  const keyed = (await options.secrets.describe()).flatMap(({ provider: account, source }) => {
    // a named key is stored as `<provider>:<name>`; the provider is written once
    const id = account.split(':')[0]!;
    const preset = findPreset(id);
    if (!preset || preset.id !== id || preset.region === 'local' || seen.has(id)) return [];
    seen.add(id);
    const base = baseUrlFrom(preset, env);
    if (base && isRelay(base.url, relayPort)) {
      notes.push(
        `${id}: ${base.variable} points at this relay: its key is one of the relay's, not ${preset.displayName}'s`,
      );
      return [];
    }
    // AWS credentials are on many machines for reasons other than Bedrock; a Bedrock key is not
    if (preset.adapter === 'bedrock' && source === 'env' && !env.AWS_BEARER_TOKEN_BEDROCK?.trim()) {
      notes.push('bedrock: AWS credentials found; add `- id: bedrock` to config.yaml to use Bedrock');
      return [];
    }
    if (preset.adapter === 'azure' && !base) {
      notes.push(
        `azure: a key was found but no endpoint; set AZURE_OPENAI_ENDPOINT or add azure with its base_url`,
      );
      return [];
    }
    return [
      {
        id,
        ...(base ? { baseUrl: base.url } : {}),
        found: `${keyWords(id, source, env)}${base ? `, base URL from ${base.variable}` : ''}`,
      },
    ];
  });
  const local = await Promise.all(
    localServers.map(async (id): Promise<DetectedProvider | undefined> => {
      const preset = providerPresets[id]!;
      const base = baseUrlFrom(preset, env);
      const [provider] = resolveProviders([{ id, ...(base ? { base_url: base.url } : {}) }]);
      try {
        const models = await listProviderModels(provider!, undefined, {
          dispatcher: options.dispatcher,
          timeoutMs: options.probeTimeoutMs ?? 800,
        });
        if (!models) return undefined;
        const where = new URL(provider!.baseUrl).host;
        return {
          id,
          ...(base ? { baseUrl: base.url } : {}),
          found: `answered on ${where}${base ? ` (from ${base.variable})` : ''}, ${models.length} model${models.length === 1 ? '' : 's'}`,
          models,
        };
      } catch {
        // nothing there: most machines run neither server
        return undefined;
      }
    }),
  );
  return {
    providers: [...keyed, ...local.filter((found): found is DetectedProvider => found !== undefined)],
    notes,
  };
}
