import { pydantic as p, vercel as v } from './scenario.js';
import type { Scenario } from './scenario.js';

const sonnet = ['claude-sonnet-4-5', 'claude-sonnet-4-5-20250929'];
const haiku = ['claude-haiku-4-5', 'claude-haiku-4-5-20251001'];
/** vercel/ai Anthropic chunks carry the event type inside the data; framed as `event:` + `data:`. */
const pair = (file: string) => ({
  stream: `anthropic-chunks:${v}/anthropic/${file}.chunks.txt`,
  json: `json:${v}/anthropic/${file}.json`,
});

/** Anthropic Messages API traffic. */
export const anthropicScenarios: Scenario[] = [
  {
    name: 'anthropic-thinking',
    family: 'anthropic',
    api: 'anthropic-messages',
    models: sonnet,
    thinking: true,
    ...pair('anthropic-clear-thinking.1'),
  },
  {
    name: 'anthropic-tool-no-args',
    family: 'anthropic',
    api: 'anthropic-messages',
    models: sonnet,
    tools: true,
    ...pair('anthropic-tool-no-args'),
  },
  {
    name: 'anthropic-text',
    family: 'anthropic',
    api: 'anthropic-messages',
    models: sonnet,
    tools: false,
    ...pair('anthropic-text'),
  },
  {
    name: 'anthropic-json-tool',
    family: 'anthropic',
    api: 'anthropic-messages',
    models: haiku,
    tools: true,
    ...pair('anthropic-json-tool.1'),
  },
  // usage recordings (issue 28), answered only by name: cache reads and writes (their lifetime
  // split at the start only), thinking tokens
  {
    name: 'anthropic-cache-write-read',
    family: 'anthropic',
    api: 'anthropic-messages',
    models: [],
    json: `cassette:${p}/test_anthropic/test_anthropic_cache_real_api.yaml#1`,
  },
  {
    name: 'anthropic-thinking-tokens',
    family: 'anthropic',
    api: 'anthropic-messages',
    models: [],
    json: `cassette:${p}/test_anthropic/test_anthropic_opus_5_features.yaml#0`,
  },
  {
    name: 'anthropic-prompt-cache-stream',
    family: 'anthropic',
    api: 'anthropic-messages',
    models: [],
    stream: `anthropic-chunks:${v}/anthropic/anthropic-code-execution-20260120-prompt-cache.1.chunks.txt`,
  },
  // more recorded traffic, answered when a test forces the scenario
  ...(
    [
      ['anthropic-code-execution', 'test_anthropic_code_execution_tool_stream.yaml#0', false],
      ['anthropic-redacted-thinking', 'test_anthropic_model_thinking_part_redacted_stream.yaml#0', false],
      ['anthropic-thinking-sonnet-4', 'test_anthropic_model_thinking_part_stream.yaml#0', false],
      // usage (issue 28): thinking tokens; a cache write kept for an hour
      ['anthropic-advisor-thinking-tokens', 'test_anthropic_advisor_tool_stream.yaml#0', false],
      [
        'anthropic-cache-write-1h',
        'test_anthropic_cache_earlier_breakpoint_raised_to_later_longer_ttl.yaml#0',
        false,
      ],
      [
        'anthropic-effort-unsupported',
        'test_anthropic_explicit_effort_xhigh_unsupported_model_errors.yaml#0',
        true,
      ],
    ] as const
  ).map(([name, file, isError]): Scenario => {
    const reference = `cassette:${p}/test_anthropic/${file}`;
    return {
      name,
      family: 'anthropic',
      api: 'anthropic-messages',
      models: [],
      stream: reference,
      // a recorded 400 comes before any streaming starts, so it answers both kinds
      ...(isError ? { json: reference, error: true } : {}),
    };
  }),
];
