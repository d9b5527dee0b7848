import { z } from 'zod';
import { fallbackClasses } from '../canonical/retry-rules.js';
import { findPreset } from './presets.js';
import { keyNamePattern } from '../secrets/named-keys.js';
import { exposeLanMessage, isHostName, isLoopbackHost } from './hosts.js';
import { cacheSchema, gatesSchema, routeCacheSchema } from './cache-gates-schema.js';
import { findRouteLoops } from './find-route-loops.js';
import { checkSideCallPolicy } from './check-side-call-policy.js';
import { patternSchema } from './pattern-schema.js';
import { agentIds, purposes } from './route-condition-names.js';

/**
 * A provider's or a route's own attempt deadlines, over `fallback`'s: a stream with no content by
 * `first_token_timeout_ms`, or a whole answer with no response by `first_byte_timeout_ms`, counted
 * from the send, fails over as a timeout (0: no deadline).
 */
const deadlineFields = {
  first_token_timeout_ms: z.number().int().nonnegative().optional(),
  first_byte_timeout_ms: z.number().int().nonnegative().optional(),
};

/** On by default; `content_policy` is opt-in (another provider may well refuse the same prompt). */
const defaultFallbackClasses = fallbackClasses.filter((name) => name !== 'content_policy');
/** One of `values`, or a list of them, read as a list; a wrong value is named with its place. */
function oneOrList<T extends readonly [string, ...string[]]>(values: T) {
  const value = z.enum(values, { error: `must be one of ${values.join(', ')}` });
  return z.preprocess((input) => (typeof input === 'string' ? [input] : input), z.array(value).min(1));
}
/** `provider/model` or a bare catalog name. */
const targetName = z.string().min(1);

// The adapters set these from the stored key; a value here would be a key written into config.yaml.
const keyHeaders = new Set([
  'authorization',
  'proxy-authorization',
  'x-api-key',
  'api-key',
  'x-goog-api-key',
]);

const keyName = z.string().regex(keyNamePattern, 'must be a key name: lower-case letters, digits, - or _');

/** How a provider with several named keys chooses one (pipeline/key-pool.ts). */
const keys = z
  .object({
    /** `fill_first` (default): the first free key in `order`; `round_robin`; `weighted` by `weights`. */
    strategy: z.enum(['round_robin', 'weighted', 'fill_first']).default('fill_first'),
    /** Relative shares per key name for `weighted` (a key not named weighs 1; 0: only when every other key is held). */
    weights: z.record(keyName, z.number().min(0)).optional(),
    /** Key names in the order `fill_first` and `round_robin` use them (keys not named follow, by name). */
    order: z.array(keyName).optional(),
  })
  .strict();

const provider = z
  .object({
    /** Unique id, used in model names (`id/model`) and as the keychain account. */
    id: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'must be lower-case letters, digits, - or _'),
    /** Preset that supplies adapter, base URL, region and prices; defaults to `id`. */
    preset: z.string().optional(),
    base_url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
    region: z.string().min(1).optional(),
    /** Models this provider serves besides the catalog's (local servers, fine-tunes). */
    models: z.array(z.string().min(1)).optional(),
    /** Extra non-secret headers sent upstream; auth headers are refused (keys live in the keychain). */
    headers: z
      .record(z.string(), z.string())
      .superRefine((headers, context) => {
        for (const name of Object.keys(headers)) {
          if (keyHeaders.has(name.toLowerCase()))
            context.addIssue({
              code: 'custom',
              path: [name],
              message: `'${name}' would put a key in config.yaml; store the key with \`npm run relay -- secrets set <provider>\` or the app instead`,
            });
        }
      })
      .optional(),
    timeout_ms: z.number().int().positive().optional(),
    ...deadlineFields,
    enabled: z.boolean().default(true),
    /** Azure OpenAI's `api-version` (default 2024-10-21). */
    api_version: z.string().min(1).optional(),
    /**
     * The name of an environment variable holding this provider's key (never the key itself),
     * read before the usual ones: what an imported `os.environ/NAME` reference becomes.
     */
    key_env: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name, e.g. AZURE_API_KEY_EU')
      .optional(),
    /** How its named keys (keychain `<id>:<name>`) take turns; keys themselves never go here. */
    keys: keys.optional(),
  })
  .strict()
  .superRefine((value, context) => {
    const presetId = value.preset ?? value.id;
    if (findPreset(presetId)?.adapter === 'azure' && value.base_url === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['base_url'],
        message: 'Azure OpenAI needs base_url: https://<resource>.openai.azure.com/openai',
      });
    }
    if (!findPreset(presetId)) {
      context.addIssue({
        code: 'custom',
        path: [value.preset === undefined ? 'id' : 'preset'],
        message: `unknown preset '${presetId}'; set preset: to one of the known providers (openai, anthropic, deepseek, ollama, …)`,
      });
    }
  });

const route = z
  .object({
    /** The virtual model name clients ask for. */
    name: z
      .string()
      .min(1, 'a route needs a name: the model name clients ask for')
      // '*' and not '+': an empty name is reported once, by min(1)
      .regex(/^[^/]*$/, "a route name may not contain '/'"),
    targets: z
      .array(z.string().min(1, 'a target may not be empty'))
      .min(1, 'a route needs at least one target (provider/model)'),
    /**
     * `ordered` tries targets as listed; `cheapest` by catalog price for the request's estimated
     * tokens; `weighted` picks the first target at random by `weights`, then fails over in order;
     * `fastest` by recorded time to first token and throughput; `hedge` starts the next target
     * when the first has no first token after `hedge_delay_ms`, and keeps whichever answers first.
     */
    strategy: z
      .enum(['ordered', 'cheapest', 'weighted', 'fastest', 'hedge'], {
        error: 'must be one of ordered, cheapest, weighted, fastest, hedge',
      })
      .default('ordered'),
    weights: z.array(z.number().nonnegative()).optional(),
    /** hedge: the delay before the second target starts (default: the first's p90 time to first token). */
    hedge_delay_ms: z.number().int().nonnegative().optional(),
    ...deadlineFields,
    /** Match conditions: the first route of a name whose conditions all hold serves the request. */
    when: z
      .object({
        max_input_tokens: z.number().int().positive().optional(),
        min_input_tokens: z.number().int().nonnegative().optional(),
        tools: z.boolean().optional(),
        images: z.boolean().optional(),
        json_schema: z.boolean().optional(),
        reasoning: z.boolean().optional(),
        /** Any of these words (case-insensitive) in the last user message. */
        keywords: z.array(z.string().min(1)).min(1).optional(),
        /** A regular expression the last user message must match. */
        regex: patternSchema.optional(),
        clients: z.array(z.string().min(1)).min(1).optional(),
        /** The built-in classifier's verdict: long, tools, code or reasoning cues make it complex. */
        complexity: z.enum(['simple', 'complex']).optional(),
        /** The coding tool that sent the request, by its user-agent or its client key's name: one or a list. */
        agent: oneOrList(agentIds).optional(),
        /**
         * What the call is for, as agents mark it (any of): `main` (an agent's main loop),
         * `background` (its titles, quota checks, compaction), `subagent`, `thinking` (asks for
         * reasoning), `long_context` (over about 60,000 input tokens).
         */
        purpose: oneOrList(purposes).optional(),
      })
      .strict()
      .optional(),
    /** Data residency for this route; overrides the global policy. */
    policy: z
      .object({ regions: z.array(z.string().min(1)).min(1) })
      .strict()
      .optional(),
    /** Cache settings for this route, over the global `cache` block. */
    cache: routeCacheSchema.optional(),
    /** Quality gates every answer of this route must pass. */
    gates: gatesSchema.optional(),
  })
  .strict();

/** config.yaml, validated. Keys are the YAML's own so the UI can edit the file round-trip. */
export const configSchema = z
  .object({
    server: z
      .object({
        host: z
          .string()
          .refine(isHostName, 'must be a host name or IP address, without port')
          .default('127.0.0.1'),
        port: z.number().int().min(0).max(65535).default(4141),
        max_body_bytes: z
          .number()
          .int()
          .positive()
          // the Messages API's own request limit: a request an upstream takes is never refused here
          .default(32 * 1024 * 1024),
        /** A client must send its request headers within this (slowloris defence). */
        headers_timeout_ms: z.number().int().min(100).default(10_000),
        /** ...and its whole request, body included, within this (the answer may take longer). */
        request_timeout_ms: z.number().int().min(100).default(60_000),
        /** Extra Host header names accepted besides loopback (DNS-rebinding defence). */
        allowed_hosts: z.array(z.string().min(1)).default([]),
        /** Binding to a non-loopback address requires this, and forces client keys. */
        expose_lan: z.boolean().default(false),
      })
      .strict()
      .superRefine((server, context) => {
        if (!server.expose_lan && !isLoopbackHost(server.host))
          context.addIssue({ code: 'custom', path: ['host'], message: exposeLanMessage(server.host) });
      })
      .prefault({}),
    providers: z.array(provider).default([]),
    routes: z.array(route).default([]),
    /** One model name served by several providers, tried in order: `llama-3.3-70b: [groq/…, together/…]`. */
    aliases: z
      .record(z.string().regex(/^[^/]+$/, "an alias may not contain '/'"), z.array(targetName).min(1))
      .default({}),
    /**
     * The built-in `auto` route: a request classified simple goes to the cheapest capable target
     * of `simple` (then `complex`), a complex one to the cheapest of `complex`. A route of your own
     * named `auto` replaces it.
     */
    auto: z
      .object({
        simple: z.array(targetName).min(1),
        complex: z.array(targetName).min(1),
        /** Above this estimated input a request is complex. */
        max_simple_tokens: z.number().int().positive().default(2000),
      })
      .strict()
      .optional(),
    fallback: z
      .object({
        on: z.array(z.enum(fallbackClasses)).default([...defaultFallbackClasses]),
        first_token_timeout_ms: z.number().int().nonnegative().default(8000),
        /** A whole (non-streamed) answer with no response by then fails over (0: no deadline). */
        first_byte_timeout_ms: z.number().int().nonnegative().default(60_000),
        max_attempts: z.number().int().min(1).max(10).default(3),
        /**
         * A text stream that breaks after its first byte is continued by the next target from what
         * the client already has, spliced into the same stream (pipeline/resume-stream.ts).
         */
        resume_streams: z.boolean().default(false),
        /** Circuit breaker per provider/model. */
        breaker: z
          .object({
            failures: z.number().int().min(1).default(5),
            cooldown_ms: z.number().int().nonnegative().default(30_000),
            /** Also open when this share of the window's requests failed (e.g. 0.5). */
            error_ratio: z.number().gt(0).max(1).optional(),
            window_ms: z.number().int().positive().default(60_000),
            min_requests: z.number().int().min(1).default(10),
          })
          .strict()
          .prefault({}),
      })
      .strict()
      .prefault({}),
    history: z
      .object({
        retention_days: z.number().int().positive().default(90),
        /**
         * Keeps each model request's body and its answer, for the History drawer: off unless
         * enabled; each body cut at `max_bytes`, kept `retention_days`; provider keys and
         * key-shaped strings always scrubbed, `redact: personal` also e-mail addresses, phone
         * numbers and IP addresses.
         */
        capture: z
          .object({
            enabled: z.boolean().default(false),
            max_bytes: z
              .number()
              .int()
              .min(1024)
              .max(16 * 1024 * 1024)
              .default(64 * 1024),
            retention_days: z.number().positive().default(7),
            redact: z.enum(['secrets', 'personal']).default('secrets'),
          })
          .strict()
          .prefault({}),
      })
      .strict()
      .prefault({}),
    /**
     * Where history and shared state live. The defaults need nothing (the data folder's SQLite,
     * this process's memory); a team server points them at PostgreSQL and Redis
     * (SWITCHBOARD_DATABASE_URL and SWITCHBOARD_REDIS_URL override).
     */
    storage: z
      .object({
        history: z
          .union([
            z.literal('sqlite'),
            z.string().regex(/^postgres(ql)?:\/\//, 'a postgres:// URL or sqlite'),
          ])
          .default('sqlite'),
        state: z
          .union([z.literal('memory'), z.string().regex(/^rediss?:\/\//, 'a redis:// URL or memory')])
          .default('memory'),
      })
      .strict()
      .prefault({}),
    /**
     * OpenTelemetry traces, off until an endpoint is set (OTEL_EXPORTER_OTLP_TRACES_ENDPOINT and
     * OTEL_EXPORTER_OTLP_ENDPOINT override): one span a request, one a try of an upstream.
     */
    telemetry: z
      .object({
        /** An OTLP/HTTP collector: its base URL (`http://collector:4318`), or the full traces URL. */
        otlp_endpoint: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
        /** The `service.name` the relay's spans carry (OTEL_SERVICE_NAME overrides). */
        service_name: z.string().min(1).default('switchboard'),
      })
      .strict()
      .prefault({}),
    /** Limits per client (the name of a client key; `env` for SWITCHBOARD_API_KEY). */
    clients: z
      .array(
        z
          .object({
            name: z.string().min(1),
            requests_per_minute: z.number().int().positive().optional(),
            spend_per_day_usd: z.number().nonnegative().optional(),
            spend_per_month_usd: z.number().nonnegative().optional(),
            /** Models this client may ask for; `*` matches anything (`openai/*`). */
            models: z.array(z.string().min(1)).min(1).optional(),
          })
          .strict(),
      )
      .default([]),
    /** Data residency: only providers in these regions are ever used (unset: any region). */
    policy: z
      .object({ regions: z.array(z.string().min(1)).min(1).optional() })
      .strict()
      .prefault({}),
    /** Your own prices (negotiated discounts, local models at $0 on purpose), USD per 1M tokens. */
    prices: z
      .array(
        z
          .object({
            model: z.string().regex(/^[^/]+\/.+$/, "must be 'provider/model'"),
            input: z.number().nonnegative(),
            output: z.number().nonnegative(),
            cache_read: z.number().nonnegative().optional(),
            cache_write: z.number().nonnegative().optional(),
            /** Reasoning tokens, when they cost other than output. */
            reasoning: z.number().nonnegative().optional(),
          })
          .strict(),
      )
      .default([]),
    /** Catalog refresh (`POST /admin/catalog/refresh`): OpenRouter's public list as an extra source. */
    catalog: z
      .object({
        openrouter: z.boolean().default(true),
        openrouter_url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
      })
      .strict()
      .prefault({}),
    /** Exact and semantic answer cache (defaults; routes override). */
    cache: cacheSchema,
    responses: z
      .object({
        /** How long conversations behind Responses API ids are kept for `previous_response_id`. */
        store_days: z.number().positive().default(30),
      })
      .strict()
      .prefault({}),
  })
  .strict()
  .superRefine((config, context) => {
    const seen = new Set<string>();
    config.providers.forEach((entry, i) => {
      if (seen.has(entry.id))
        context.addIssue({
          code: 'custom',
          path: ['providers', i, 'id'],
          message: `duplicate provider id '${entry.id}'`,
        });
      seen.add(entry.id);
    });
    config.routes.forEach((entry, i) => {
      if (
        entry.strategy === 'weighted' &&
        (entry.weights?.length !== entry.targets.length || !entry.weights.some((w) => w > 0))
      ) {
        context.addIssue({
          code: 'custom',
          path: ['routes', i, 'weights'],
          message: 'a weighted route needs one weight per target, at least one above 0',
        });
      }
    });
    config.routes.forEach((entry, i) => {
      if (
        entry.cache?.semantic?.enabled &&
        !entry.cache.semantic.embedding_model &&
        !config.cache.semantic.embedding_model
      )
        context.addIssue({
          code: 'custom',
          path: ['routes', i, 'cache', 'semantic', 'embedding_model'],
          message: 'the semantic cache needs an embedding_model here or in the global cache block',
        });
    });
    for (const issue of checkSideCallPolicy(config)) context.addIssue({ code: 'custom', ...issue });
    for (const { at, cycle } of findRouteLoops(config.routes, config.aliases))
      context.addIssue({
        code: 'custom',
        path: 'route' in at ? ['routes', at.route, 'targets'] : ['aliases', at.alias],
        message: `routes and aliases name each other in a loop (${cycle.join(' → ')}): a target that names a route is not expanded, so no request could reach a provider; name provider/model targets instead`,
      });
    // a name may repeat with different `when` conditions; after an unconditional one, the rest never match
    const unconditional = new Set<string>();
    config.routes.forEach((entry, i) => {
      if (unconditional.has(entry.name))
        context.addIssue({
          code: 'custom',
          path: ['routes', i, 'name'],
          message: `route '${entry.name}' can never match: an earlier route of that name has no 'when'`,
        });
      if (!entry.when) unconditional.add(entry.name);
    });
  });

export type Config = z.infer<typeof configSchema>;
