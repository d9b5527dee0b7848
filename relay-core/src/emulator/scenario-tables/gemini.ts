import { firebase as f, pydantic as p, vercel as v } from './scenario.js';
import type { Scenario } from './scenario.js';

/** vercel/ai Google chunks: one JSON a line, framed as Gemini's `data:` events (no [DONE]). */
const pair = (file: string) => ({
  stream: `chunks-plain:${v}/google/${file}.chunks.txt`,
  json: `json:${v}/google/${file}.json`,
});
const gemini = (scenario: Omit<Scenario, 'api' | 'family'>): Scenario => ({
  ...scenario,
  api: 'gemini',
  family: 'gemini',
});

/** Google Gemini API traffic (generateContent, streamGenerateContent?alt=sse, batchEmbedContents). */
export const geminiScenarios: Scenario[] = [
  gemini({
    name: 'gemini-reasoning',
    models: ['gemini-3-pro-preview'],
    tools: false,
    thinking: true,
    ...pair('google-reasoning'),
  }),
  gemini({ name: 'gemini-text', models: ['gemini-3-pro-preview'], tools: false, ...pair('google-text') }),
  gemini({
    name: 'gemini-tool-call',
    models: ['gemini-3-pro-preview'],
    tools: true,
    ...pair('google-tool-call'),
  }),
  gemini({
    name: 'gemini-flash-text',
    models: ['gemini-2.0-flash'],
    stream: `sse:${f}/googleai/streaming-success-basic-reply-short.txt`,
    json: `json:${f}/googleai/unary-success-basic-reply-short.json`,
  }),
  gemini({
    name: 'gemini-thinking-tool-call',
    models: ['gemini-2.5-flash', 'gemini-2.5-pro'],
    stream: `sse:${f}/googleai/streaming-success-thinking-function-call-thought-summary-signature.txt`,
    json: `json:${f}/googleai/unary-success-thinking-function-call-thought-summary-signature.json`,
  }),
  gemini({
    name: 'gemini-prompt-blocked',
    models: [],
    stream: `sse:${f}/googleai/streaming-failure-prompt-blocked-safety.txt`,
  }),
  gemini({
    name: 'gemini-api-key-invalid',
    models: [],
    error: true,
    json: `json@400:${f}/googleai/unary-failure-api-key.json`,
  }),
  gemini({
    name: 'gemini-rate-limited',
    models: [],
    error: true,
    json: `json@429:${v}/google/google-429-retry-info.json`,
    stream: `json@429:${v}/google/google-429-retry-info.json`,
  }),
  gemini({
    // shaped after the Gemini API discovery document (BatchEmbedContentsResponse): no recording exists
    name: 'gemini-embedding',
    embeddings: true,
    models: ['gemini-embedding-001'],
    json: 'json:spec-derived/gemini-batch-embed-contents.json',
  }),
  // usage recordings (issue 28), answered only by name: implicit caching and thoughts, and an image
  // in the prompt, part of it cached
  gemini({
    name: 'gemini-implicit-cache-thoughts',
    models: [],
    json: `json:${f}/vertexai/unary-success-implicit-caching.json`,
  }),
  gemini({
    name: 'gemini-image-cache-thoughts',
    models: [],
    json: `cassette:${p}/test_multimodal_tool_returns/test_mixed_content_ordering[google_2_5].yaml#0`,
  }),
  // more recorded traffic, answered when a test forces the scenario
  ...(
    [
      ['gemini-citations', 'streaming-success-citations.txt', 'unary-success-citations.json'],
      ['gemini-code-execution', 'streaming-success-code-execution.txt', 'unary-success-code-execution.json'],
      ['gemini-empty-parts', 'streaming-success-empty-parts.txt', undefined],
      ['gemini-recitation', 'streaming-failure-recitation-no-content.txt', undefined],
      ['gemini-finish-message', 'streaming-success-finish-message.txt', undefined],
      ['gemini-finish-safety', undefined, 'unary-failure-finish-reason-safety.json'],
    ] as const
  ).map(([name, stream, json]) =>
    gemini({
      name,
      models: [],
      ...(stream ? { stream: `sse:${f}/googleai/${stream}` } : {}),
      ...(json ? { json: `json:${f}/googleai/${json}` } : {}),
    }),
  ),
  ...(
    [
      ['gemini-2-flash-stream', 'test_google_model_stream.yaml#0'],
      ['gemini-live-usage', 'test_google_stream_usage_is_live_mid_stream.yaml#0'],
      ['gemini-tool-signature', 'test_google_streaming_tool_call_thought_signature.yaml#0'],
      ['gemini-tool-signature-answer', 'test_google_streaming_tool_call_thought_signature.yaml#1'],
    ] as const
  ).map(([name, file]) => gemini({ name, models: [], stream: `cassette:${p}/test_google/${file}` })),
];
