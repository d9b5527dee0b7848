import { RelayError } from '../canonical/errors.js';
import { findPreset } from '../providers/presets.js';
import { deadlinesOf } from '../providers/types.js';
import type { KeyStrategy, ResolvedProvider } from '../providers/types.js';

/** The provider fields of config.yaml this module reads (see config/schema.ts). */
export interface ProviderConfigEntry {
  id: string;
  preset?: string;
  base_url?: string;
  region?: string;
  models?: string[];
  headers?: Record<string, string>;
  timeout_ms?: number;
  first_token_timeout_ms?: number;
  first_byte_timeout_ms?: number;
  enabled?: boolean;
  api_version?: string;
  keys?: { strategy?: KeyStrategy; weights?: Record<string, number>; order?: string[] };
}

const defaultTimeoutMs = 600_000;

/** Merges each configured provider with its preset; disabled providers are left out. */
export function resolveProviders(entries: readonly ProviderConfigEntry[]): ResolvedProvider[] {
  return entries
    .filter((entry) => entry.enabled !== false)
    .map((entry) => {
      const preset = findPreset(entry.preset ?? entry.id);
      if (!preset) {
        throw new RelayError(
          'CONFIG_INVALID',
          `provider '${entry.id}': unknown preset '${entry.preset ?? entry.id}'`,
        );
      }
      const deadlines = deadlinesOf(entry);
      return {
        id: entry.id,
        preset,
        baseUrl: (entry.base_url ?? preset.baseUrl).replace(/\/+$/, ''),
        region: entry.region ?? preset.region,
        models: entry.models ?? [],
        headers: entry.headers ?? {},
        timeoutMs: entry.timeout_ms ?? defaultTimeoutMs,
        ...(deadlines ? { deadlines } : {}),
        ...(entry.api_version ? { apiVersion: entry.api_version } : {}),
        ...(entry.keys
          ? {
              keys: {
                strategy: entry.keys.strategy ?? 'fill_first',
                weights: entry.keys.weights ?? {},
                order: entry.keys.order ?? [],
              },
            }
          : {}),
      };
    });
}
