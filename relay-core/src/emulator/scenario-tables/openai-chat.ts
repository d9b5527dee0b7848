import { pydantic as p, vercel as v } from './scenario.js';
import type { Scenario } from './scenario.js';

const streamSync = `cassette:${p}/test_openai/test_run_stream_sync_streams_real_model.yaml`;
const systemRole = `cassette:${p}/test_openai/test_openai_o1_mini_system_role[system].yaml#0`;
const webSearch = `cassette:${p}/test_openai/test_openai_web_search_tool_model_not_supported.yaml#0`;
const legacyMaxTokens = `json@400:${v}/openai/reasoning-model-legacy-parameter-error.json`;

/** OpenAI's own Chat Completions traffic, Azure OpenAI's, and OpenAI embeddings. */
export const openAIChatScenarios: Scenario[] = [
  {
    name: 'openai-text',
    family: 'openai',
    models: ['gpt-4.1-nano'],
    tools: false,
    stream: `chunks:${v}/openai/openai-text.chunks.txt`,
    json: `json:${v}/openai/openai-text.json`,
  },
  {
    name: 'openai-tool-call',
    family: 'openai',
    models: ['gpt-4o-mini'],
    tools: true,
    stream: `${streamSync}#0`,
  },
  {
    // the same conversation's second turn: the answer after the tool result
    name: 'openai-tool-result-answer',
    family: 'openai',
    models: ['gpt-4o-mini'],
    tools: false,
    stream: `${streamSync}#1`,
  },
  // recorded 400s; an error comes before any streaming starts, so it answers both kinds
  {
    // the recording does not name its model: answered only by name
    name: 'openai-unsupported-max-tokens',
    family: 'openai',
    models: [],
    error: true,
    stream: legacyMaxTokens,
    json: legacyMaxTokens,
  },
  {
    name: 'openai-o1-mini-system-role-error',
    family: 'openai',
    models: ['o1-mini'],
    error: true,
    stream: systemRole,
    json: systemRole,
  },
  {
    name: 'openai-web-search-unsupported',
    family: 'openai',
    models: ['gpt-4o'],
    requires: 'web_search_options',
    error: true,
    stream: webSearch,
    json: webSearch,
  },
  {
    // Azure OpenAI: an empty first chunk with prompt_filter_results, content filters per choice
    name: 'azure-model-router',
    family: 'azure',
    models: ['model-router'],
    stream: `chunks:${v}/azure/azure-model-router.1.chunks.txt`,
  },
  {
    name: 'openai-embedding',
    family: 'openai',
    embeddings: true,
    models: ['text-embedding-3-small'],
    json: `json:${v}/openai/openai-embedding.json`,
  },
  // usage recordings (issue 28), answered only by name: OpenAI reports the prompt tokens it wrote to
  // its cache (the first request) and read back (the second), and reasoning as a counted zero
  {
    name: 'openai-chat-cache-write',
    family: 'openai',
    models: [],
    json: `cassette:${p}/test_openai_prompt_cache/test_openai_chat_prompt_cache_e2e.yaml#0`,
  },
  {
    name: 'openai-chat-cache-read',
    family: 'openai',
    models: [],
    json: `cassette:${p}/test_openai_prompt_cache/test_openai_chat_prompt_cache_e2e.yaml#1`,
  },
];
