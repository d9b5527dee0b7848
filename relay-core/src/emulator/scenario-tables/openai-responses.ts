import { pydantic as p, vercel as v } from './scenario.js';
import type { Scenario } from './scenario.js';

const responsesStream = `cassette:${p}/test_openai_responses/test_openai_responses_stream.yaml`;
const httpError = `cassette:${p}/test_openai_responses/test_openai_responses_model_http_error.yaml#0`;
const temperatureError = `json@400:${v}/openai/reasoning-model-temperature-error.json`;
const responses = (scenario: Omit<Scenario, 'api'>): Scenario => ({ ...scenario, api: 'openai-responses' });

/** OpenAI Responses API traffic (vercel/ai Responses chunks are framed as `event:` + `data:`). */
export const openAIResponsesScenarios: Scenario[] = [
  responses({
    name: 'responses-tool-call',
    family: 'openai',
    models: ['gpt-4o'],
    tools: true,
    stream: `${responsesStream}#0`,
  }),
  responses({
    name: 'responses-tool-result-answer',
    family: 'openai',
    models: ['gpt-4o'],
    tools: false,
    stream: `${responsesStream}#1`,
  }),
  responses({
    name: 'responses-http-error',
    family: 'openai',
    models: [],
    error: true,
    stream: httpError,
    json: httpError,
  }),
  responses({
    // a real insufficient_quota failure: HTTP 429, or an error event then response.failed mid-stream
    name: 'responses-insufficient-quota',
    family: 'openai',
    models: [],
    error: true,
    stream: `typed-chunks:${v}/openai/openai-error.1.chunks.txt`,
    json: `json@429:${v}/openai/openai-error.1.json`,
  }),
  responses({
    name: 'responses-unsupported-temperature',
    family: 'openai',
    models: [],
    error: true,
    stream: temperatureError,
    json: temperatureError,
  }),
  responses({
    name: 'responses-phase',
    family: 'openai',
    models: ['gpt-5.3-codex'],
    stream: `typed-chunks:${v}/openai/openai-phase.1.chunks.txt`,
    json: `json:${v}/openai/openai-phase.1.json`,
  }),
  responses({
    name: 'responses-azure-text',
    family: 'azure',
    models: [],
    stream: `typed-chunks:${v}/azure/azure-text.1.chunks.txt`,
    json: `json:${v}/azure/azure-text.1.json`,
  }),
  responses({
    name: 'responses-azure-tool-call',
    family: 'azure',
    models: [],
    stream: `typed-chunks:${v}/azure/azure-tool-call.1.chunks.txt`,
    json: `json:${v}/azure/azure-tool-call.1.json`,
  }),
  // usage recordings (issue 28), answered only by name: cache writes, on OpenAI whole and on
  // Bedrock's OpenAI-compatible Responses API streamed, with reasoning
  responses({
    name: 'responses-cache-write',
    family: 'openai',
    models: [],
    json: `cassette:${p}/test_openai_prompt_cache/test_openai_responses_prompt_cache_e2e.yaml#0`,
  }),
  responses({
    name: 'responses-cache-read',
    family: 'openai',
    models: [],
    json: `cassette:${p}/test_openai_prompt_cache/test_openai_responses_prompt_cache_e2e.yaml#1`,
  }),
  responses({
    name: 'responses-mantle-cache-write-reasoning',
    family: 'openai',
    models: [],
    stream: `cassette:${p}/test_bedrock_mantle/test_reused_tool_call_ids[stream].yaml#2`,
  }),
];
