import { pydantic as p } from './scenario.js';
import type { Scenario } from './scenario.js';

const cassette = (file: string) => `cassette:${p}/test_bedrock/${file}.yaml#0`;

/** AWS Bedrock Converse traffic (binary event-stream bodies from the cassettes). */
export const bedrockScenarios: Scenario[] = [
  {
    name: 'bedrock-nova-text',
    family: 'bedrock',
    api: 'bedrock',
    models: ['us.amazon.nova-micro-v1:0'],
    stream: cassette('test_bedrock_model_stream'),
  },
  {
    name: 'bedrock-claude-thinking',
    family: 'bedrock',
    api: 'bedrock',
    models: ['us.anthropic.claude-sonnet-4-20250514-v1:0'],
    stream: cassette('test_bedrock_model_thinking_part_stream'),
  },
  {
    name: 'bedrock-invalid-model',
    family: 'bedrock',
    api: 'bedrock',
    models: ['us.does-not-exist-model-v1:0'],
    error: true,
    json: cassette('test_bedrock_error'),
    stream: cassette('test_bedrock_streaming_error'),
  },
  {
    // usage (issue 28): cache reads and writes, the writes' lifetime (`cacheDetails`)
    name: 'bedrock-cache-read-write',
    family: 'bedrock',
    api: 'bedrock',
    models: [],
    json: `cassette:${p}/test_bedrock/test_bedrock_cache_messages_with_document_as_last_content.yaml#1`,
  },
];
