import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RelayError } from '../../relay-core/src/canonical/errors.js';
import type { CanonicalRequest } from '../../relay-core/src/canonical/types.js';
import { anthropicMessagesCodec } from '../../relay-core/src/dialects/anthropic-messages/anthropic-messages-codec.js';
import type { DialectCodec } from '../../relay-core/src/dialects/dialect-codec.js';
import { openAIChatCodec } from '../../relay-core/src/dialects/openai-chat/openai-chat-codec.js';
import { createResponsesCodec } from '../../relay-core/src/dialects/openai-responses/responses-codec.js';
import { convertToAnthropicRequest } from '../../relay-core/src/providers/anthropic/convert-to-anthropic-request.js';
import { convertToBedrockRequest } from '../../relay-core/src/providers/bedrock/convert-to-bedrock-request.js';
import { convertToGeminiRequest } from '../../relay-core/src/providers/gemini/convert-to-gemini-request.js';
import { convertToOpenAIRequest } from '../../relay-core/src/providers/openai-compatible/convert-to-openai-request.js';
import { mutated } from '../helpers/mutated-json.js';
import { convertToResponsesRequest } from '../../relay-core/src/providers/openai-responses/convert-to-responses-request.js';

// Whatever a client's request holds once its dialect accepted it, every upstream's request
// encoder either writes a JSON body for it or refuses it with a client error (a 4xx naming what
// that upstream cannot take), never an internal error. The requests are rich valid ones (system
// text, images, tools, tool calls and their results, reasoning, structured output), mutated at
// any depth; those the dialect refuses are the inbound fuzz's concern and are skipped here. The
// chat request asks for nothing an upstream refuses (no stop sequences, no JSON schema), so every
// encoder works through it; the others carry those (about half the mutations are accepted).

const tool = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Weather for a city',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
};
const image =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGBgAAAABQABpfZFQAAAAABJRU5ErkJggg==';

const clients: Array<{ name: string; codec: DialectCodec; body: Record<string, unknown> }> = [
  {
    name: 'chat completions',
    codec: openAIChatCodec,
    body: {
      model: 'any',
      messages: [
        { role: 'system', content: 'Be brief.' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Weather in Paris? And what is this?' },
            { type: 'image_url', image_url: { url: image, detail: 'low' } },
          ],
        },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            {
              id: 'call_1',
              type: 'function',
              function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
            },
          ],
        },
        { role: 'tool', tool_call_id: 'call_1', content: 'Sunny, 21 C' },
        { role: 'assistant', content: 'Sunny.', refusal: null },
        { role: 'user', content: 'Thanks. Once more, as JSON.' },
      ],
      tools: [tool],
      tool_choice: 'auto',
      temperature: 0.5,
      top_p: 0.9,
      max_completion_tokens: 200,
      seed: 7,
      reasoning_effort: 'low',
      stream: true,
      stream_options: { include_usage: true },
      user: 'u1',
    },
  },
  {
    name: 'messages',
    codec: anthropicMessagesCodec,
    body: {
      model: 'any',
      max_tokens: 300,
      system: [{ type: 'text', text: 'Be brief.', cache_control: { type: 'ephemeral' } }],
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Weather in Paris?' },
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: image.split(',')[1] } },
          ],
        },
        {
          role: 'assistant',
          content: [
            { type: 'thinking', thinking: 'Use the tool.', signature: 'sig' },
            { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } },
          ],
        },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 'toolu_1', content: [{ type: 'text', text: 'Sunny' }] },
          ],
        },
      ],
      tools: [{ name: 'get_weather', description: 'Weather', input_schema: tool.function.parameters }],
      tool_choice: { type: 'any' },
      thinking: { type: 'enabled', budget_tokens: 1024 },
      temperature: 1,
      stop_sequences: ['END'],
      stream: true,
    },
  },
  {
    name: 'responses',
    codec: createResponsesCodec({ save: () => undefined, load: () => undefined }),
    body: {
      model: 'any',
      instructions: 'Be brief.',
      input: [
        {
          role: 'user',
          content: [
            { type: 'input_text', text: 'Weather in Paris?' },
            { type: 'input_image', image_url: image },
          ],
        },
        { type: 'function_call', call_id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' },
        { type: 'function_call_output', call_id: 'call_1', output: 'Sunny' },
      ],
      tools: [{ type: 'function', name: 'get_weather', parameters: tool.function.parameters }],
      reasoning: { effort: 'medium' },
      max_output_tokens: 200,
      text: { format: { type: 'json_schema', name: 'w', schema: { type: 'object' } } },
      stream: true,
    },
  },
];

const upstreams: Array<[string, (request: CanonicalRequest) => unknown]> = [
  ['openai', (request) => convertToOpenAIRequest(request, 'm', { maxTokensField: 'max_completion_tokens' })],
  ['anthropic', (request) => convertToAnthropicRequest(request, 'm', 'anthropic')],
  ['gemini', (request) => convertToGeminiRequest(request, 'gemini')],
  ['bedrock', (request) => convertToBedrockRequest(request, 'bedrock')],
  ['responses', (request) => convertToResponsesRequest(request, 'm')],
];

describe('fuzzing the translation of accepted requests to every upstream', () => {
  it.each(clients)(
    '$name: each upstream writes a request or refuses it as a client error',
    ({ codec, body }) => {
      // the request as written is accepted and translated everywhere but where a feature is refused
      expect(() => codec.parse(body)).not.toThrow();
      fc.assert(
        fc.property(mutated(body, 6), (candidate) => {
          let request: CanonicalRequest;
          try {
            request = codec.parse(candidate);
          } catch {
            return;
          }
          for (const [name, convert] of upstreams) {
            try {
              JSON.stringify(convert(request));
            } catch (error) {
              expect(error, `${name}: ${(error as Error).stack}`).toBeInstanceOf(RelayError);
              expect((error as RelayError).status, `${name}: ${(error as Error).message}`).toBeLessThan(500);
            }
          }
        }),
        { numRuns: 500 },
      );
    },
  );
});
