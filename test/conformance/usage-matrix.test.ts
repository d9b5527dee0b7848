import { beforeAll, describe, expect, it } from 'vitest';
import type { UsageCount } from '../../relay-core/src/canonical/types.js';
import { SseParser } from '../../relay-core/src/providers/shared/parse-sse.js';
import { usageColumns } from '../../relay-core/src/store/usage-columns.js';
import { scenarios } from '../../relay-core/src/emulator/scenarios.js';
import { adminCall } from '../helpers/admin-call.js';
import { recordedPayloads } from '../helpers/recorded-payloads.js';
import { clientKey, providerKey, useHarness } from '../helpers/relay-harness.js';
import {
  anthropicCounts,
  bedrockCounts,
  chatCounts,
  clientCounts,
  expressible,
  geminiCounts,
  responsesCounts,
} from './usage-wire.js';
import type { ClientDialect, Counts } from './usage-wire.js';

// The usage conformance matrix (issue 28): real recordings, each replayed through the relay to every
// client dialect, whole or streamed as it was recorded. Each count the recording reports must reach
// the client wherever its dialect has a field for it, and the client must be told no count the
// recording did not report. The history row must hold every count reported, and NULL for the rest.

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

interface Upstream {
  scenario: string;
  /** The model a client asks for: the provider that reaches the emulator with this API. */
  model: string;
  read: (payloads: Json[]) => Counts;
  /** Counts the recording must report above zero: what this row of the matrix is there to cover. */
  covers: UsageCount[];
}

const sonnet = 'anthropic/claude-sonnet-4-5';
const upstreams: Upstream[] = [
  // OpenAI Chat Completions
  {
    scenario: 'openai-chat-cache-write',
    model: 'openai/gpt-5.6-sol',
    read: chatCounts,
    covers: ['cacheWriteTokens'],
  },
  {
    scenario: 'openai-chat-cache-read',
    model: 'openai/gpt-5.6-sol',
    read: chatCounts,
    covers: ['cacheReadTokens'],
  },
  { scenario: 'openai-text', model: 'openai/gpt-4.1-nano', read: chatCounts, covers: [] },
  // Azure OpenAI's model router, streamed: a reasoning model's reasoning tokens
  {
    scenario: 'azure-model-router',
    model: 'openai/model-router',
    read: chatCounts,
    covers: ['reasoningTokens'],
  },
  // OpenAI Responses (o1-pro is served only by the Responses API, so the relay goes there)
  {
    scenario: 'responses-cache-write',
    model: 'openai/o1-pro',
    read: responsesCounts,
    covers: ['cacheWriteTokens'],
  },
  {
    scenario: 'responses-cache-read',
    model: 'openai/o1-pro',
    read: responsesCounts,
    covers: ['cacheReadTokens'],
  },
  {
    scenario: 'responses-mantle-cache-write-reasoning',
    model: 'openai/o1-pro',
    read: responsesCounts,
    covers: ['cacheWriteTokens', 'reasoningTokens'],
  },
  {
    scenario: 'responses-phase',
    model: 'openai/o1-pro',
    read: responsesCounts,
    covers: ['cacheReadTokens', 'reasoningTokens'],
  },
  // Anthropic: thinking, cache writes and reads, writes kept for an hour
  {
    scenario: 'anthropic-thinking-tokens',
    model: sonnet,
    read: anthropicCounts,
    covers: ['reasoningTokens'],
  },
  {
    scenario: 'anthropic-cache-write-read',
    model: sonnet,
    read: anthropicCounts,
    covers: ['cacheWriteTokens', 'cacheReadTokens'],
  },
  // thinking blocks, but no thinking_tokens: nobody may be told a reasoning count
  { scenario: 'anthropic-thinking', model: sonnet, read: anthropicCounts, covers: [] },
  {
    scenario: 'anthropic-advisor-thinking-tokens',
    model: sonnet,
    read: anthropicCounts,
    covers: ['reasoningTokens'],
  },
  {
    scenario: 'anthropic-cache-write-1h',
    model: sonnet,
    read: anthropicCounts,
    covers: ['cacheWriteTokens', 'cacheWrite1hTokens'],
  },
  {
    scenario: 'anthropic-prompt-cache-stream',
    model: sonnet,
    read: anthropicCounts,
    covers: ['cacheWriteTokens', 'cacheReadTokens'],
  },
  // Gemini: thoughts, cached content, an image in the prompt
  {
    scenario: 'gemini-implicit-cache-thoughts',
    model: 'gemini/gemini-2.5-flash',
    read: geminiCounts,
    covers: ['cacheReadTokens', 'reasoningTokens'],
  },
  {
    scenario: 'gemini-image-cache-thoughts',
    model: 'gemini/gemini-2.5-flash',
    read: geminiCounts,
    covers: ['cacheReadTokens', 'reasoningTokens', 'inputImageTokens'],
  },
  {
    scenario: 'gemini-reasoning',
    model: 'gemini/gemini-2.5-flash',
    read: geminiCounts,
    covers: ['reasoningTokens'],
  },
  // OpenAI-compatible reasoning providers
  {
    scenario: 'cerebras-reasoning',
    model: 'cerebras/gpt-oss-120b',
    read: chatCounts,
    covers: ['reasoningTokens'],
  },
  {
    scenario: 'openrouter-grok-cached-reasoning',
    model: 'openrouter/x-ai/grok-4',
    read: chatCounts,
    covers: ['cacheReadTokens', 'reasoningTokens'],
  },
  {
    scenario: 'deepseek-tool-call',
    model: 'openai/deepseek-reasoner',
    read: chatCounts,
    covers: ['cacheReadTokens', 'reasoningTokens'],
  },
  // Bedrock Converse
  {
    scenario: 'bedrock-cache-read-write',
    model: 'bedrock/us.anthropic.claude-sonnet-4-5-20250929-v1:0',
    read: bedrockCounts,
    covers: ['cacheReadTokens', 'cacheWriteTokens'],
  },
  {
    scenario: 'bedrock-nova-text',
    model: 'bedrock/us.amazon.nova-micro-v1:0',
    read: bedrockCounts,
    covers: [],
  },
];

const dialects: ClientDialect[] = ['openai-chat', 'openai-responses', 'anthropic-messages', 'gemini-api'];

/** Every recording each upstream has (whole, streamed), to every client dialect. */
const cases = upstreams.flatMap((upstream) => {
  const scenario = scenarios.find((candidate) => candidate.name === upstream.scenario)!;
  return (['json', 'stream'] as const)
    .filter((kind) => scenario[kind])
    .flatMap((kind) =>
      dialects.map((dialect) => ({
        name: `${upstream.scenario} (${kind}) → ${dialect}`,
        upstream,
        kind,
        dialect,
      })),
    );
});

const harness = useHarness({
  extraProviders: (url) =>
    `  - id: bedrock\n    base_url: ${url}\n  - id: openrouter\n    base_url: ${url}/v1\n` +
    `  - id: cerebras\n    preset: vllm\n    base_url: ${url}/v1\n`,
});
beforeAll(async () => {
  for (const provider of ['openrouter', 'cerebras'])
    await adminCall(harness.relay, '/admin/keys/set', { provider, key: providerKey });
});

/** A request to the relay in `dialect`, whole or streamed, and its answer as JSON payloads. */
async function ask(dialect: ClientDialect, model: string, stream: boolean) {
  const question = 'How many tokens was that?';
  const [path, body] =
    dialect === 'openai-chat'
      ? [
          '/v1/chat/completions',
          {
            model,
            messages: [{ role: 'user', content: question }],
            stream,
            ...(stream ? { stream_options: { include_usage: true } } : {}),
          },
        ]
      : dialect === 'openai-responses'
        ? ['/v1/responses', { model, input: question, stream }]
        : dialect === 'anthropic-messages'
          ? [
              '/v1/messages',
              { model, max_tokens: 1024, messages: [{ role: 'user', content: question }], stream },
            ]
          : [
              `/v1beta/models/${encodeURIComponent(model)}:${stream ? 'streamGenerateContent?alt=sse' : 'generateContent'}`,
              { contents: [{ role: 'user', parts: [{ text: question }] }] },
            ];
  const response = await fetch(`${harness.relay.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${clientKey}` },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  expect(response.status, text).toBe(200);
  if (!stream) return { response, payloads: [JSON.parse(text) as Json] };
  const parser = new SseParser();
  const payloads = [...parser.push(text), ...parser.end()]
    .filter((event) => event.data !== '[DONE]')
    .map((event) => JSON.parse(event.data) as Json);
  return { response, payloads };
}

describe('usage conformance matrix: every recorded count reaches every client that can hold it', () => {
  it.each(cases)('$name', async ({ upstream, kind, dialect }) => {
    const scenario = scenarios.find((candidate) => candidate.name === upstream.scenario)!;
    const reported = upstream.read(recordedPayloads(scenario[kind]!));
    for (const name of upstream.covers) expect(reported[name], name).toBeGreaterThan(0);

    harness.emulator.inject({ scenario: upstream.scenario });
    const { response, payloads } = await ask(dialect, upstream.model, kind === 'stream');
    expect(clientCounts[dialect](payloads)).toEqual(expressible(dialect, reported));

    // the history holds every count the upstream reported, and nothing for the rest
    const row = await harness.waitForRequest(response.headers.get('x-relay-request-id'));
    const stored = Object.fromEntries(
      Object.entries(usageColumns).map(([name, column]) => [name, row[column] ?? undefined]),
    );
    expect(JSON.parse(JSON.stringify(stored))).toEqual(reported);
    expect(row.usage_estimated).toBe(0);
  });
});
