import { readFileSync } from 'node:fs';
import { fetch } from 'undici';
import { parseConfig } from '../config/load-config.js';
import type { AdminRoute } from '../server/create-server.js';
import { RelayError } from '../canonical/errors.js';
import type { ResolvedProvider } from '../providers/types.js';
import { createClientKey, listClientKeys, revokeClientKey } from '../store/client-keys.js';
import { budgetPeriods } from '../pipeline/client-limits.js';
import type { AdminDeps } from './admin-deps.js';
import { classifyAnswer, classifyUnanswered } from './classify-key-test.js';
import type { KeyTestResult } from './classify-key-test.js';
import { defaultKeyName, keyAccount, keyNamePattern } from '../secrets/named-keys.js';

const round = (value: number) => Math.round(value * 1e10) / 1e10;

/** The last four characters only: enough to tell two keys apart, never enough to use one. */
export function keyHint(key: string): string {
  return key.length >= 12 ? `…${key.slice(-4)}` : '…';
}

function field(body: unknown, name: string): string {
  const value = (body as Record<string, unknown> | null | undefined)?.[name];
  if (typeof value !== 'string' || value.trim() === '')
    throw new RelayError('BAD_REQUEST', `${name} must be a non-empty string`, { param: name });
  return value.trim();
}

/** A request's key name (`default` when it names none), checked as config.yaml checks it. */
function keyName(body: unknown): string {
  const value = (body as Record<string, unknown> | null | undefined)?.name;
  if (value === undefined || value === null || value === '') return defaultKeyName;
  if (typeof value !== 'string' || !keyNamePattern.test(value))
    throw new RelayError('BAD_REQUEST', 'name must be a key name (lower-case letters, digits, - or _)', {
      param: 'name',
    });
  return value;
}

/** The cheapest authenticated call each adapter family offers: list the models. */
function modelsRequest(
  provider: ResolvedProvider,
  key: string,
): { url: string; headers: Record<string, string> } | undefined {
  const base = provider.baseUrl.replace(/\/+$/, '');
  switch (provider.preset.adapter) {
    case 'openai-compatible':
      return { url: `${base}/models`, headers: { ...provider.headers, authorization: `Bearer ${key}` } };
    case 'anthropic':
      return {
        url: `${base.endsWith('/v1') ? base : `${base}/v1`}/models`,
        headers: { ...provider.headers, 'x-api-key': key, 'anthropic-version': '2023-06-01' },
      };
    case 'gemini':
      return { url: `${base}/models`, headers: { ...provider.headers, 'x-goog-api-key': key } };
    default:
      return undefined;
  }
}

/** The last key test of each provider, shown on its card until the next one. */
export type KeyTests = Map<string, KeyTestResult & { at: number }>;

/**
 * Provider keys (stored through the relay's secret store), client keys, and the playground's key.
 * A key test's outcome is kept in `keyTests` for the provider's status.
 */
export function createKeyRoutes(deps: AdminDeps, keyTests: KeyTests = new Map()): Record<string, AdminRoute> {
  const providerById = (id: string) => {
    const provider = deps.runtime.providers.find((entry) => entry.id === id);
    if (!provider)
      throw new RelayError('NOT_FOUND', `no provider '${id}' is configured`, { param: 'provider' });
    return provider;
  };
  const testKey = async (provider: ResolvedProvider, name: string | undefined): Promise<KeyTestResult> => {
    const keys = await deps.runtime.keys.keysOf(provider);
    const found = name === undefined ? keys[0] : keys.find((key) => key.name === name);
    if (!found && !provider.preset.keyless)
      return { ok: false, kind: 'no-key', message: 'no key is stored for this provider' };
    const call = modelsRequest(provider, found?.key ?? '');
    if (!call)
      return {
        ok: false,
        kind: 'unsupported',
        message: `testing ${provider.preset.adapter} keys is not supported yet`,
      };
    let reply;
    try {
      reply = await fetch(call.url, {
        headers: call.headers,
        dispatcher: deps.runtime.dispatcher,
        signal: AbortSignal.timeout(10_000),
      });
    } catch (error) {
      const result = classifyUnanswered(error, call.url);
      return { ...result, message: deps.runtime.redact(result.message) };
    }
    const result = classifyAnswer(reply.status, await reply.text().catch(() => ''), call.url);
    return { ...result, message: deps.runtime.redact(result.message) };
  };
  return {
    'GET /admin/keys': async (url) => {
      const days = Number(url.searchParams.get('days') ?? 30);
      if (!Number.isFinite(days) || days <= 0)
        throw new RelayError('BAD_REQUEST', 'days must be a positive number', { param: 'days' });
      const since = Date.now() - days * 24 * 3600 * 1000;
      const usage = await deps.history.keyUsage(since);
      const providers = await Promise.all(
        deps.runtime.providers.map(async (provider) => ({
          id: provider.id,
          strategy: provider.keys?.strategy ?? 'fill_first',
          keys: (await deps.runtime.keys.keysOf(provider)).map(({ name, key, source }) => {
            const used = usage.find((entry) => entry.provider === provider.id && entry.keyName === name);
            const held = deps.runtime.keys.held(provider.id, name);
            return {
              name,
              keyHint: keyHint(key),
              source,
              requests: used?.requests ?? 0,
              costUsd: round(used?.costUsd ?? 0),
              ...(held ? { held } : {}),
            };
          }),
        })),
      );
      return { since, providers };
    },
    'POST /admin/keys/set': async (_url, body) => {
      const provider = field(body, 'provider');
      const name = keyName(body);
      // the keychain account is the provider id: only ids config.yaml could hold
      if (!/^[a-z0-9][a-z0-9_-]*$/.test(provider))
        throw new RelayError(
          'BAD_REQUEST',
          'provider must be a provider id (lower-case letters, digits, - or _)',
          {
            param: 'provider',
          },
        );
      const key = field(body, 'key');
      if (/\s/.test(key))
        throw new RelayError('BAD_REQUEST', 'a key has no spaces or line breaks', { param: 'key' });
      await deps.secrets.set(keyAccount(provider, name), key);
      deps.forgetKeys?.();
      keyTests.delete(provider);
      return { provider, name, source: deps.secrets.source, keyHint: keyHint(key) };
    },
    'POST /admin/keys/delete': async (_url, body) => {
      const provider = field(body, 'provider');
      const name = keyName(body);
      const deleted = await deps.secrets.delete(keyAccount(provider, name));
      deps.forgetKeys?.();
      keyTests.delete(provider);
      // environment variables hold only default keys, and cannot be deleted from here
      const remaining = name === defaultKeyName ? await deps.secrets.resolve(provider) : undefined;
      return { provider, name, deleted, stillFrom: remaining?.source };
    },
    'POST /admin/keys/test': async (_url, body) => {
      const provider = providerById(field(body, 'provider'));
      const named = (body as { name?: unknown } | undefined)?.name;
      const result = await testKey(provider, named === undefined ? undefined : keyName(body));
      keyTests.set(provider.id, { ...result, at: Date.now() });
      return result;
    },
    'GET /admin/clients': () => {
      const keys = listClientKeys(deps.db);
      // limits per client name, as config.yaml sets them
      const limits = deps.configPath
        ? parseConfig(readFileSync(deps.configPath, 'utf8'), deps.configPath).clients
        : [];
      // spend to date as the budgets count it (UTC day and month, in-flight requests not yet)
      const { day, month } = budgetPeriods(Date.now());
      const names = [...new Set([...keys.map((key) => key.name), ...limits.map((limit) => limit.name)])];
      const spend = names.map((name) => ({
        name,
        todayUsd: round(deps.runtime.limiter.spent(name, day)),
        monthUsd: round(deps.runtime.limiter.spent(name, month)),
      }));
      return { keys, limits, spend };
    },
    'POST /admin/clients/create': (_url, body) => {
      try {
        return createClientKey(deps.db, field(body, 'name'));
      } catch (error) {
        if (error instanceof RelayError) throw error;
        throw new RelayError('BAD_REQUEST', (error as Error).message, { param: 'name' });
      }
    },
    'POST /admin/clients/revoke': (_url, body) => {
      const name = field(body, 'name');
      if (!revokeClientKey(deps.db, name))
        throw new RelayError('NOT_FOUND', `no active client key '${name}'`, { param: 'name' });
      return { revoked: name };
    },
    'GET /admin/playground/key': () => {
      if (!deps.playgroundKey)
        throw new RelayError('NOT_FOUND', 'the playground is not available in this relay');
      return { key: deps.playgroundKey };
    },
  };
}
