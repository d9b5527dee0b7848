import { pydantic as p, vercel as v } from './scenario.js';
import type { Scenario } from './scenario.js';

/** A vercel/ai pair: `<file>.chunks.txt` streamed, `<file>.json` not. */
const pair = (file: string) => ({ stream: `chunks:${v}/${file}.chunks.txt`, json: `json:${v}/${file}.json` });

const groqToolFailed = `${p}/test_groq/test_tool_use_failed_error`;
const groqNotFound = `cassette:${p}/test_groq/test_tool_regular_error.yaml#0`;
const openRouter429 = `cassette:${p}/test_openrouter/test_openrouter_errors_raised.yaml#0`;

/** DeepSeek, Groq, Mistral, xAI and OpenRouter: OpenAI-compatible upstreams with their own quirks. */
export const openAICompatibleScenarios: Scenario[] = [
  {
    name: 'deepseek-text',
    family: 'deepseek',
    models: ['deepseek-chat'],
    tools: false,
    ...pair('deepseek/deepseek-text'),
  },
  {
    // deepseek-reasoner: reasoning_content deltas, tool_calls, prompt_cache_hit_tokens
    name: 'deepseek-tool-call',
    family: 'deepseek',
    models: ['deepseek-reasoner'],
    tools: true,
    ...pair('deepseek/deepseek-tool-call'),
  },
  {
    name: 'deepseek-reasoning',
    family: 'deepseek',
    models: ['deepseek-reasoner'],
    tools: false,
    ...pair('deepseek/deepseek-reasoning'),
  },
  {
    name: 'deepseek-reasoner-thinking-stream',
    family: 'deepseek',
    models: ['deepseek-reasoner'],
    tools: false,
    stream: `cassette:${p}/test_deepseek/test_deepseek_model_thinking_stream.yaml#0`,
  },
  // Groq reports usage under x_groq.usage too
  {
    name: 'groq-tool-call',
    family: 'groq',
    models: ['llama-3.3-70b-versatile'],
    tools: true,
    ...pair('groq/groq-tool-call'),
  },
  {
    name: 'groq-text',
    family: 'groq',
    models: ['llama-3.3-70b-versatile'],
    tools: false,
    ...pair('groq/groq-text'),
  },
  {
    name: 'groq-reasoning',
    family: 'groq',
    models: ['qwen/qwen3-32b'],
    tools: false,
    ...pair('groq/groq-reasoning'),
  },
  {
    // HTTP 400 tool_use_failed, or the same error as a data: event inside a 200 stream
    name: 'groq-tool-use-failed',
    family: 'groq',
    models: ['openai/gpt-oss-120b'],
    error: true,
    stream: `cassette:${groqToolFailed}_streaming.yaml#0`,
    json: `cassette:${groqToolFailed}.yaml#0`,
  },
  {
    // the retry after tool_use_failed: a valid tool call
    name: 'groq-gpt-oss-tool-call',
    family: 'groq',
    models: ['openai/gpt-oss-120b'],
    stream: `cassette:${groqToolFailed}_streaming.yaml#1`,
    json: `cassette:${groqToolFailed}.yaml#1`,
  },
  {
    name: 'groq-gpt-oss-answer',
    family: 'groq',
    models: ['openai/gpt-oss-120b'],
    stream: `cassette:${groqToolFailed}_streaming.yaml#2`,
    json: `cassette:${groqToolFailed}.yaml#2`,
  },
  {
    name: 'groq-model-not-found',
    family: 'groq',
    models: ['non-existent'],
    error: true,
    stream: groqNotFound,
    json: groqNotFound,
  },
  {
    name: 'mistral-tool-call',
    family: 'mistral',
    models: ['mistral-small-latest'],
    tools: true,
    ...pair('mistral/mistral-tool-call'),
  },
  {
    name: 'mistral-text',
    family: 'mistral',
    models: ['mistral-small-latest'],
    tools: false,
    ...pair('mistral/mistral-text'),
  },
  {
    name: 'mistral-reasoning',
    family: 'mistral',
    models: ['magistral-medium-2507'],
    tools: false,
    ...pair('mistral/mistral-reasoning'),
  },
  {
    // magistral streams its thinking as typed content parts
    name: 'mistral-magistral-thinking-stream',
    family: 'mistral',
    models: ['magistral-medium-latest'],
    tools: false,
    stream: `cassette:${p}/test_mistral/test_mistral_model_thinking_part_iter.yaml#0`,
  },
  {
    name: 'xai-tool-call',
    family: 'xai',
    models: ['grok-3-mini'],
    ...pair('openai-compatible/xai-tool-call'),
  },
  // OpenRouter sends `: OPENROUTER PROCESSING` keep-alive comments
  {
    name: 'openrouter-reasoning',
    family: 'openrouter',
    models: ['anthropic/claude-sonnet-4.5'],
    stream: `cassette:${p}/test_openrouter/test_openrouter_streaming_reasoning.yaml#0`,
  },
  {
    // an error object inside an ordinary chunk, then [DONE]
    name: 'openrouter-stream-error',
    family: 'openrouter',
    models: ['minimax/minimax-m2:free'],
    error: true,
    stream: `cassette:${p}/test_openrouter/test_openrouter_stream_error.yaml#0`,
  },
  {
    name: 'openrouter-rate-limited',
    family: 'openrouter',
    models: ['google/gemini-2.0-flash-exp:free'],
    error: true,
    stream: openRouter429,
    json: openRouter429,
  },
  // usage recordings (issue 28), answered only by name: reasoning providers' reasoning counts
  {
    name: 'cerebras-reasoning',
    family: 'cerebras',
    models: [],
    json: `cassette:${p}/test_cerebras/test_cerebras_thinking_part_survives_multiturn.yaml#0`,
  },
  {
    // Grok through OpenRouter: cached prompt tokens, reasoning, and a counted zero of audio
    name: 'openrouter-grok-cached-reasoning',
    family: 'openrouter',
    models: [],
    stream: `cassette:${p}/test_openrouter/test_openrouter_stream_with_native_options.yaml#0`,
  },
];
