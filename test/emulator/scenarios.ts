/**
 * Which recording answers which request: data, so a test can read what the emulator will say.
 * `stream` / `json` name the recording for streamed and non-streamed requests; a scenario with
 * only one of them answers the other kind with a 400 rather than invent content.
 */
export interface Scenario {
  name: string;
  /** Model names (as requested) this scenario answers. */
  models: string[];
  /** Only for requests that carry tools (true) or none (false); undefined: either. */
  tools?: boolean;
  /** An embeddings recording, not a chat answer. */
  embeddings?: boolean;
  /** Only for requests that ask for extended thinking (Anthropic `thinking`). */
  thinking?: boolean;
  /** The API it answers: OpenAI chat completions (default) or Anthropic messages. */
  api?: 'openai-chat' | 'openai-responses' | 'anthropic-messages' | 'gemini' | 'bedrock';
  stream?: string;
  json?: string;
}

/** What a request looks like, for picking its scenario. */
export interface RequestShape {
  api: 'openai-chat' | 'openai-responses' | 'anthropic-messages' | 'gemini' | 'bedrock';
  model: string;
  hasTools: boolean;
  thinking: boolean;
}

const v = 'vercel-ai';
const p = 'pydantic-ai-cassettes';
const f = 'firebase-vertexai-sdk-test-data';

export const scenarios: Scenario[] = [
  {
    name: 'openai-text',
    models: ['gpt-4.1-nano'],
    stream: `chunks:${v}/openai/openai-text.chunks.txt`,
    json: `json:${v}/openai/openai-text.json`,
  },
  {
    name: 'openai-tool-call',
    models: ['gpt-4o-mini'],
    tools: true,
    stream: `cassette:${p}/test_openai/test_run_stream_sync_streams_real_model.yaml#0`,
  },
  {
    name: 'openai-tool-result-answer',
    models: ['gpt-4o-mini'],
    tools: false,
    stream: `cassette:${p}/test_openai/test_run_stream_sync_streams_real_model.yaml#1`,
  },
  {
    name: 'openai-o1-mini-system-role-error',
    models: ['o1-mini'],
    stream: `cassette:${p}/test_openai/test_openai_o1_mini_system_role[system].yaml#0`,
    json: `cassette:${p}/test_openai/test_openai_o1_mini_system_role[system].yaml#0`,
  },
  {
    name: 'deepseek-text',
    models: ['deepseek-chat'],
    stream: `chunks:${v}/deepseek/deepseek-text.chunks.txt`,
    json: `json:${v}/deepseek/deepseek-text.json`,
  },
  {
    name: 'deepseek-tool-call',
    models: ['deepseek-reasoner'],
    tools: true,
    stream: `chunks:${v}/deepseek/deepseek-tool-call.chunks.txt`,
    json: `json:${v}/deepseek/deepseek-tool-call.json`,
  },
  {
    name: 'deepseek-reasoning',
    models: ['deepseek-reasoner'],
    tools: false,
    stream: `chunks:${v}/deepseek/deepseek-reasoning.chunks.txt`,
    json: `json:${v}/deepseek/deepseek-reasoning.json`,
  },
  {
    name: 'groq-tool-call',
    models: ['llama-3.3-70b-versatile'],
    tools: true,
    stream: `chunks:${v}/groq/groq-tool-call.chunks.txt`,
    json: `json:${v}/groq/groq-tool-call.json`,
  },
  {
    name: 'groq-text',
    models: ['llama-3.3-70b-versatile'],
    tools: false,
    stream: `chunks:${v}/groq/groq-text.chunks.txt`,
    json: `json:${v}/groq/groq-text.json`,
  },
  {
    name: 'groq-reasoning',
    models: ['qwen/qwen3-32b'],
    stream: `chunks:${v}/groq/groq-reasoning.chunks.txt`,
    json: `json:${v}/groq/groq-reasoning.json`,
  },
  {
    name: 'groq-tool-use-failed',
    models: ['openai/gpt-oss-120b'],
    stream: `cassette:${p}/test_groq/test_tool_use_failed_error_streaming.yaml#0`,
    json: `cassette:${p}/test_groq/test_tool_use_failed_error.yaml#0`,
  },
  {
    name: 'mistral-tool-call',
    models: ['mistral-small-latest'],
    tools: true,
    stream: `chunks:${v}/mistral/mistral-tool-call.chunks.txt`,
    json: `json:${v}/mistral/mistral-tool-call.json`,
  },
  {
    name: 'mistral-text',
    models: ['mistral-small-latest'],
    tools: false,
    stream: `chunks:${v}/mistral/mistral-text.chunks.txt`,
    json: `json:${v}/mistral/mistral-text.json`,
  },
  {
    name: 'mistral-reasoning',
    models: ['magistral-medium-2507'],
    stream: `chunks:${v}/mistral/mistral-reasoning.chunks.txt`,
    json: `json:${v}/mistral/mistral-reasoning.json`,
  },
  {
    name: 'xai-tool-call',
    models: ['grok-3-mini'],
    stream: `chunks:${v}/openai-compatible/xai-tool-call.chunks.txt`,
    json: `json:${v}/openai-compatible/xai-tool-call.json`,
  },
  {
    name: 'openrouter-reasoning',
    models: ['anthropic/claude-sonnet-4.5'],
    stream: `cassette:${p}/test_openrouter/test_openrouter_streaming_reasoning.yaml#0`,
  },
  {
    name: 'openrouter-stream-error',
    models: ['minimax/minimax-m2:free'],
    stream: `cassette:${p}/test_openrouter/test_openrouter_stream_error.yaml#0`,
  },
  {
    name: 'openrouter-rate-limited',
    models: ['google/gemini-2.0-flash-exp:free'],
    stream: `cassette:${p}/test_openrouter/test_openrouter_errors_raised.yaml#0`,
    json: `cassette:${p}/test_openrouter/test_openrouter_errors_raised.yaml#0`,
  },
  {
    name: 'azure-model-router',
    models: ['model-router'],
    stream: `chunks:${v}/azure/azure-model-router.1.chunks.txt`,
  },
  {
    name: 'openai-embedding',
    embeddings: true,
    models: ['text-embedding-3-small'],
    json: `json:${v}/openai/openai-embedding.json`,
  },
  // Anthropic Messages API (vercel-ai chunks carry the event type inside the data)
  {
    name: 'anthropic-thinking',
    api: 'anthropic-messages',
    models: ['claude-sonnet-4-5', 'claude-sonnet-4-5-20250929'],
    thinking: true,
    stream: `anthropic-chunks:${v}/anthropic/anthropic-clear-thinking.1.chunks.txt`,
    json: `json:${v}/anthropic/anthropic-clear-thinking.1.json`,
  },
  {
    name: 'anthropic-tool-no-args',
    api: 'anthropic-messages',
    models: ['claude-sonnet-4-5', 'claude-sonnet-4-5-20250929'],
    tools: true,
    stream: `anthropic-chunks:${v}/anthropic/anthropic-tool-no-args.chunks.txt`,
    json: `json:${v}/anthropic/anthropic-tool-no-args.json`,
  },
  {
    name: 'anthropic-text',
    api: 'anthropic-messages',
    models: ['claude-sonnet-4-5', 'claude-sonnet-4-5-20250929'],
    tools: false,
    stream: `anthropic-chunks:${v}/anthropic/anthropic-text.chunks.txt`,
    json: `json:${v}/anthropic/anthropic-text.json`,
  },
  {
    name: 'anthropic-json-tool',
    api: 'anthropic-messages',
    models: ['claude-haiku-4-5', 'claude-haiku-4-5-20251001'],
    tools: true,
    stream: `anthropic-chunks:${v}/anthropic/anthropic-json-tool.1.chunks.txt`,
    json: `json:${v}/anthropic/anthropic-json-tool.1.json`,
  },
  // Google Gemini API (generateContent / streamGenerateContent?alt=sse)
  {
    name: 'gemini-reasoning',
    api: 'gemini',
    models: ['gemini-3-pro-preview'],
    tools: false,
    thinking: true,
    stream: `chunks-plain:${v}/google/google-reasoning.chunks.txt`,
    json: `json:${v}/google/google-reasoning.json`,
  },
  {
    name: 'gemini-text',
    api: 'gemini',
    models: ['gemini-3-pro-preview'],
    tools: false,
    stream: `chunks-plain:${v}/google/google-text.chunks.txt`,
    json: `json:${v}/google/google-text.json`,
  },
  {
    name: 'gemini-tool-call',
    api: 'gemini',
    models: ['gemini-3-pro-preview'],
    tools: true,
    stream: `chunks-plain:${v}/google/google-tool-call.chunks.txt`,
    json: `json:${v}/google/google-tool-call.json`,
  },
  {
    name: 'gemini-flash-text',
    api: 'gemini',
    models: ['gemini-2.0-flash'],
    stream: `sse:${f}/googleai/streaming-success-basic-reply-short.txt`,
    json: `json:${f}/googleai/unary-success-basic-reply-short.json`,
  },
  {
    name: 'gemini-thinking-tool-call',
    api: 'gemini',
    models: ['gemini-2.5-flash', 'gemini-2.5-pro'],
    stream: `sse:${f}/googleai/streaming-success-thinking-function-call-thought-summary-signature.txt`,
    json: `json:${f}/googleai/unary-success-thinking-function-call-thought-summary-signature.json`,
  },
  {
    name: 'gemini-prompt-blocked',
    api: 'gemini',
    models: [],
    stream: `sse:${f}/googleai/streaming-failure-prompt-blocked-safety.txt`,
  },
  {
    name: 'gemini-api-key-invalid',
    api: 'gemini',
    models: [],
    json: `json@400:${f}/googleai/unary-failure-api-key.json`,
  },
  {
    name: 'gemini-rate-limited',
    api: 'gemini',
    models: [],
    json: `json@429:${v}/google/google-429-retry-info.json`,
    stream: `json@429:${v}/google/google-429-retry-info.json`,
  },
  {
    // shaped after the Gemini API discovery document (BatchEmbedContentsResponse): no recording exists
    name: 'gemini-embedding',
    api: 'gemini',
    embeddings: true,
    models: ['gemini-embedding-001'],
    json: 'json:spec-derived/gemini-batch-embed-contents.json',
  },
  // more recorded traffic, answered when a test forces the scenario
  ...(
    [
      ['anthropic-code-execution', 'test_anthropic_code_execution_tool_stream.yaml#0', 'stream'],
      ['anthropic-redacted-thinking', 'test_anthropic_model_thinking_part_redacted_stream.yaml#0', 'stream'],
      ['anthropic-thinking-sonnet-4', 'test_anthropic_model_thinking_part_stream.yaml#0', 'stream'],
      [
        'anthropic-effort-unsupported',
        'test_anthropic_explicit_effort_xhigh_unsupported_model_errors.yaml#0',
        'both',
      ],
    ] as const
  ).map(([name, file, forms]): Scenario => {
    const reference = `cassette:${p}/test_anthropic/${file}`;
    return {
      name,
      api: 'anthropic-messages',
      models: [],
      stream: reference,
      ...(forms === 'both' ? { json: reference } : {}),
    };
  }),
  ...(
    [
      ['gemini-citations', 'streaming-success-citations.txt', 'unary-success-citations.json'],
      ['gemini-code-execution', 'streaming-success-code-execution.txt', 'unary-success-code-execution.json'],
      ['gemini-empty-parts', 'streaming-success-empty-parts.txt', undefined],
      ['gemini-recitation', 'streaming-failure-recitation-no-content.txt', undefined],
      ['gemini-finish-message', 'streaming-success-finish-message.txt', undefined],
      ['gemini-finish-safety', undefined, 'unary-failure-finish-reason-safety.json'],
    ] as const
  ).map(([name, stream, json]): Scenario => ({
    name,
    api: 'gemini',
    models: [],
    ...(stream ? { stream: `sse:${f}/googleai/${stream}` } : {}),
    ...(json ? { json: `json:${f}/googleai/${json}` } : {}),
  })),
  ...(
    [
      ['gemini-2-flash-stream', 'test_google_model_stream.yaml#0'],
      ['gemini-live-usage', 'test_google_stream_usage_is_live_mid_stream.yaml#0'],
      ['gemini-tool-signature', 'test_google_streaming_tool_call_thought_signature.yaml#0'],
      ['gemini-tool-signature-answer', 'test_google_streaming_tool_call_thought_signature.yaml#1'],
    ] as const
  ).map(([name, file]): Scenario => ({
    name,
    api: 'gemini',
    models: [],
    stream: `cassette:${p}/test_google/${file}`,
  })),
  // OpenAI Responses API (models served only there)
  {
    name: 'responses-tool-call',
    api: 'openai-responses',
    models: ['gpt-4o'],
    tools: true,
    stream: `cassette:${p}/test_openai_responses/test_openai_responses_stream.yaml#0`,
  },
  {
    name: 'responses-tool-result-answer',
    api: 'openai-responses',
    models: ['gpt-4o'],
    tools: false,
    stream: `cassette:${p}/test_openai_responses/test_openai_responses_stream.yaml#1`,
  },
  {
    name: 'responses-http-error',
    api: 'openai-responses',
    models: [],
    stream: `cassette:${p}/test_openai_responses/test_openai_responses_model_http_error.yaml#0`,
    json: `cassette:${p}/test_openai_responses/test_openai_responses_model_http_error.yaml#0`,
  },
  {
    name: 'responses-insufficient-quota',
    api: 'openai-responses',
    models: [],
    stream: `typed-chunks:${v}/openai/openai-error.1.chunks.txt`,
    json: `json@429:${v}/openai/openai-error.1.json`,
  },
  {
    name: 'responses-phase',
    api: 'openai-responses',
    models: ['gpt-5.3-codex'],
    stream: `typed-chunks:${v}/openai/openai-phase.1.chunks.txt`,
    json: `json:${v}/openai/openai-phase.1.json`,
  },
  {
    name: 'responses-azure-text',
    api: 'openai-responses',
    models: [],
    stream: `typed-chunks:${v}/azure/azure-text.1.chunks.txt`,
    json: `json:${v}/azure/azure-text.1.json`,
  },
  {
    name: 'responses-azure-tool-call',
    api: 'openai-responses',
    models: [],
    stream: `typed-chunks:${v}/azure/azure-tool-call.1.chunks.txt`,
    json: `json:${v}/azure/azure-tool-call.1.json`,
  },
  // AWS Bedrock Converse (binary event-stream bodies from the cassettes)
  {
    name: 'bedrock-nova-text',
    api: 'bedrock',
    models: ['us.amazon.nova-micro-v1:0'],
    stream: `cassette:${p}/test_bedrock/test_bedrock_model_stream.yaml#0`,
  },
  {
    name: 'bedrock-claude-thinking',
    api: 'bedrock',
    models: ['us.anthropic.claude-sonnet-4-20250514-v1:0'],
    stream: `cassette:${p}/test_bedrock/test_bedrock_model_thinking_part_stream.yaml#0`,
  },
  {
    name: 'bedrock-invalid-model',
    api: 'bedrock',
    models: ['us.does-not-exist-model-v1:0'],
    json: `cassette:${p}/test_bedrock/test_bedrock_error.yaml#0`,
    stream: `cassette:${p}/test_bedrock/test_bedrock_streaming_error.yaml#0`,
  },
];

/** Every model name the emulator answers, for GET /v1/models. */
export function scenarioModels(api: RequestShape['api'] = 'openai-chat'): string[] {
  return [
    ...new Set(scenarios.filter((s) => (s.api ?? 'openai-chat') === api).flatMap((s) => s.models)),
  ].sort();
}

/** The scenario for a request, by forced name or by model and the presence of tools. */
export function findScenario(shape: RequestShape, forced?: string): Scenario | undefined {
  if (forced) return scenarios.find((scenario) => scenario.name === forced);
  return scenarios.find(
    (scenario) =>
      (scenario.api ?? 'openai-chat') === shape.api &&
      scenario.models.includes(shape.model) &&
      (scenario.tools === undefined || scenario.tools === shape.hasTools) &&
      (scenario.thinking === undefined || scenario.thinking === shape.thinking),
  );
}
