import type { Config } from '../config/schema.js';
import { defaultMaxSimpleTokens } from '../routing/classify-complexity.js';
import type { BreakerSettings } from '../routing/provider-health.js';
import { resolveProviders } from '../routing/resolve-providers.js';
import type { ProviderConfigEntry } from '../routing/resolve-providers.js';
import { routesOf } from '../routing/routes-of.js';
import type { RelayRuntime } from './relay-runtime.js';

/** What config.yaml decides in a running relay, mapped once for the start and every reload. */
export interface RuntimeSettings {
  /** What requests read from the runtime directly. */
  fields: Pick<
    RelayRuntime,
    'providers' | 'routes' | 'maxSimpleTokens' | 'fallback' | 'maxBodyBytes' | 'policy'
  >;
  breaker: BreakerSettings;
  clients: Config['clients'];
  cache: Config['cache'];
}

/** Maps a config to the runtime's settings; `extraProviders` are this run's own (the demo's). */
export function runtimeSettingsOf(
  config: Config,
  extraProviders: readonly ProviderConfigEntry[] = [],
): RuntimeSettings {
  const { fallback } = config;
  return {
    fields: {
      providers: resolveProviders([...config.providers, ...extraProviders]),
      routes: routesOf(config),
      maxSimpleTokens: config.auto?.max_simple_tokens ?? defaultMaxSimpleTokens,
      fallback: {
        on: fallback.on,
        firstTokenTimeoutMs: fallback.first_token_timeout_ms,
        firstByteTimeoutMs: fallback.first_byte_timeout_ms,
        maxAttempts: fallback.max_attempts,
        resumeStreams: fallback.resume_streams,
      },
      maxBodyBytes: config.server.max_body_bytes,
      policy: { regions: config.policy.regions },
    },
    breaker: {
      failures: fallback.breaker.failures,
      cooldownMs: fallback.breaker.cooldown_ms,
      errorRatio: fallback.breaker.error_ratio,
      windowMs: fallback.breaker.window_ms,
      minRequests: fallback.breaker.min_requests,
    },
    clients: config.clients,
    cache: config.cache,
  };
}

/** Puts settings into the running relay: what requests read, and the breakers, limits and cache. */
export function applyRuntimeSettings(runtime: RelayRuntime, settings: RuntimeSettings): void {
  const { fields, breaker, clients, cache } = settings;
  Object.assign(runtime, fields);
  runtime.health.configure(breaker);
  runtime.keys.configure(breaker);
  runtime.limiter.configure(clients);
  runtime.cache?.configure(cache);
}
