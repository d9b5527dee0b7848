/** The commented config.yaml written on first start. Keys never go in this file. */
export const defaultConfigText = `# Switchboard configuration. Edited here or in the app; comments are kept.
# Provider keys are NOT stored here: use the app, \`npm run relay -- secrets set <provider>\`,
# or the usual environment variables (OPENAI_API_KEY, ANTHROPIC_API_KEY, ...).

server:
  host: 127.0.0.1        # loopback only; SWITCHBOARD_HOST overrides
  port: 4141             # SWITCHBOARD_PORT overrides
  max_body_bytes: 33554432   # 32 MB, the Messages API's own limit (PDFs and images go in the body)
  headers_timeout_ms: 10000   # a client that trickles its headers is cut off (slowloris)
  request_timeout_ms: 60000   # the whole request, body included; answers may take longer
  allowed_hosts: []      # extra Host names accepted (DNS-rebinding defence)
  expose_lan: false      # must be true to listen on a non-loopback address

# Upstreams. A preset supplies base URL, auth, region and prices; any field can be overridden.
# Ids are lower-case; \`preset\` defaults to the id. Keys come from the keychain, the preset's
# variable (OPENAI_API_KEY, ...) or SWITCHBOARD_KEY_<ID> (upper case, - as _), never from this file.
providers: []
#  - id: openai
#  - id: deepseek
#    timeout_ms: 600000     # per request
#  - id: local-ollama
#    preset: ollama
#    base_url: http://127.0.0.1:11434/v1
#    region: local
#    models: [llama3.2]     # models it serves besides the catalog's
#    headers: { X-Team: research }   # extra non-secret headers
#    enabled: true

# Virtual model names over several targets. A name may repeat: the first whose \`when\` holds
# serves the request. strategy: ordered (as listed), cheapest (by catalog price), weighted
# (first target drawn by \`weights\`, one per target; the rest kept for failover), fastest (by
# recorded latency) or hedge (the next target starts after \`hedge_delay_ms\`; first answer wins).
routes: []
#  - name: coding
#    when: { max_input_tokens: 2000, tools: false }
#    targets: [deepseek/deepseek-chat, openai/gpt-4o-mini]
#    strategy: cheapest
#  - name: coding
#    targets: [anthropic/claude-sonnet-4-5, openai/gpt-5]
#    strategy: hedge
#    hedge_delay_ms: 1500
#    policy: { regions: [us] }

# The built-in \`auto\` route: simple requests to the cheapest capable \`simple\` target, complex
# ones (long, tools, code, reasoning cues) to the cheapest \`complex\` one.
# auto:
#   simple: [deepseek/deepseek-chat, openai/gpt-4o-mini]
#   complex: [anthropic/claude-sonnet-4-5, openai/gpt-5]

# One model name served by several providers, tried in order.
aliases: {}
#  llama-3.3-70b: [groq/llama-3.3-70b-versatile, together/meta-llama/Llama-3.3-70B-Instruct-Turbo]

# Data residency: only providers in these regions are used (unset: any).
policy: {}
#  regions: [eu, local]

fallback:
  on: [rate_limit, overloaded, server_error, timeout, connect_error, context_length]   # + content_policy
  first_token_timeout_ms: 8000   # counted from the send
  max_attempts: 3
  breaker: { failures: 5, cooldown_ms: 30000 }   # skip a target after 5 failures in a row
  # or when half the requests of the last minute failed: error_ratio: 0.5, window_ms: 60000, min_requests: 10

history:
  retention_days: 90
  # request and answer bodies for the History drawer (off by default; keys are always scrubbed):
  # capture: { enabled: true, max_bytes: 65536, retention_days: 7, redact: secrets }   # or personal

# Limits per client key name (\`env\` is SWITCHBOARD_API_KEY): requests per minute, spend, models.
clients: []
#  - name: laptop
#    requests_per_minute: 60
#    spend_per_day_usd: 5
#    models: ['deepseek/*', 'openai/gpt-4o-mini']

# Your own prices, USD per 1M tokens (negotiated discounts, local models at $0 on purpose).
prices: []
#  - model: local-ollama/llama3.2
#    input: 0
#    output: 0

# Answer cache. Exact: deterministic requests (temperature 0 or a seed) answered again from
# SQLite; semantic (opt in, usually per route under \`cache:\`): similar questions within one route,
# system prompt and tool set. Answers are kept apart per client key unless \`shared: true\`.
# Routes may also set \`gates:\` (min_length, json, forbidden, evaluator, retries, escalations,
# buffer_streams): see the README.
cache:
  max_size_mb: 256
  shared: false          # each client key has its own answers; true when every key is you
  exact: { enabled: true, ttl_seconds: 86400 }
#  semantic: { enabled: true, embedding_model: openai/text-embedding-3-small, threshold: 0.9 }

responses:
  store_days: 30         # how long /v1/responses conversations are kept for previous_response_id
`;
