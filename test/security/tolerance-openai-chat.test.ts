import fc from 'fast-check';
import { wireJsonValue } from '../helpers/wire-json-value.js';
import { describe, expect, it } from 'vitest';
import { RelayError } from '../../relay-core/src/canonical/errors.js';
import { encodeOpenAIError } from '../../relay-core/src/dialects/openai-chat/encode-openai-error.js';
import { parseOpenAIChatRequest } from '../../relay-core/src/dialects/openai-chat/parse-openai-chat-request.js';
import { convertToAnthropicRequest } from '../../relay-core/src/providers/anthropic/convert-to-anthropic-request.js';
import { convertToBedrockRequest } from '../../relay-core/src/providers/bedrock/convert-to-bedrock-request.js';
import { convertToGeminiRequest } from '../../relay-core/src/providers/gemini/convert-to-gemini-request.js';
import { convertToOpenAIRequest } from '../../relay-core/src/providers/openai-compatible/convert-to-openai-request.js';
import { convertToResponsesRequest } from '../../relay-core/src/providers/openai-responses/convert-to-responses-request.js';
import { postJson, scriptedModels, useScriptedHarness } from '../helpers/scripted-tool-upstream.js';

// What a Chat Completions client (opencode, the SDKs, IDE plugins) may send: OpenAI's newer
// parameters, content parts, tool types, and fields on messages the relay has never seen. An
// OpenAI-compatible upstream is sent them unchanged; elsewhere they are mapped or left out, and
// refused only where they change the answer and the provider cannot honour them, as OpenAI words it.

type Wire = Record<string, unknown>;

/** Parameters that change the answer (providers/shared/reject-unsupported.ts `meaningful`). */
const meaningful = ['logprobs', 'logit_bias', 'prediction', 'web_search_options', 'audio', 'modalities'];
/** Parameters that tune OpenAI's service, or that every provider reads. */
const tuning: Array<[string, fc.Arbitrary<unknown>]> = [
  ['store', fc.boolean()],
  ['metadata', fc.dictionary(fc.stringMatching(/^[a-z]{1,8}$/), fc.string({ maxLength: 8 }))],
  ['service_tier', fc.constantFrom('auto', 'default', 'flex', 'priority')],
  ['prompt_cache_key', fc.string({ minLength: 1, maxLength: 16 })],
  ['safety_identifier', fc.string({ minLength: 1, maxLength: 16 })],
  ['verbosity', fc.constantFrom('low', 'medium', 'high')],
  ['reasoning_effort', fc.constantFrom('minimal', 'low', 'medium', 'high')],
  ['parallel_tool_calls', fc.constant(true)],
];
const known = new Set([
  ...meaningful,
  ...tuning.map(([name]) => name),
  'model',
  'messages',
  'stream',
  'stream_options',
  'tools',
  'tool_choice',
  'max_tokens',
  'max_completion_tokens',
  'temperature',
  'top_p',
  'n',
  'stop',
  'seed',
  'response_format',
  'user',
  'top_logprobs',
  'frequency_penalty',
  'presence_penalty',
  'functions',
  'function_call',
  'role',
  'content',
  'name',
  'tool_calls',
  'tool_call_id',
  'refusal',
  'reasoning_content',
  'type',
  'text',
  'image_url',
  'function',
  'custom',
  '__proto__',
  'constructor',
  'prototype',
]);
const unknownName = fc.stringMatching(/^[a-z][a-z0-9_]{0,15}$/).filter((name) => !known.has(name));
const value = wireJsonValue({ maxDepth: 2 });
const fields = fc.dictionary(unknownName, value, { minKeys: 1, maxKeys: 3 });

function body(model: string): Wire {
  return {
    model,
    max_tokens: 32000,
    messages: [
      { role: 'system', content: 'You are opencode, an interactive CLI tool.' },
      { role: 'user', content: 'Create hello.txt containing hi' },
    ],
    tools: [{ type: 'function', function: { name: 'bash', parameters: { type: 'object', properties: {} } } }],
    tool_choice: 'auto',
  };
}

type Change = (body: Wire) => { field?: [string, unknown]; message?: Wire; refused?: string };
const messages = (wire: Wire) => wire.messages as Wire[];

const changes: fc.Arbitrary<Change> = fc.oneof(
  // a top-level field newer than the relay: an OpenAI-compatible upstream's to read
  fc.tuple(unknownName, value).map(([name, field]): Change => (wire) => {
    wire[name] = field;
    return { field: [name, field] };
  }),
  // one of OpenAI's that tunes its service or that every provider takes
  fc
    .oneof(...tuning.map(([name, arbitrary]) => arbitrary.map((field) => [name, field] as const)))
    .map(([name, field]): Change => (wire) => {
      wire[name] = field;
      return { field: [name, field] };
    }),
  // one that changes the answer
  fc.constantFrom(...meaningful).map((name): Change => (wire) => {
    const field = name === 'logprobs' ? true : name === 'modalities' ? ['text', 'audio'] : { on: true };
    wire[name] = field;
    return { field: [name, field], refused: name };
  }),
  // a developer message
  fc.string({ maxLength: 20 }).map((said): Change => (wire) => {
    const message = { role: 'developer', content: said };
    messages(wire).splice(1, 0, message);
    return {};
  }),
  // fields newer than the relay on a message
  fields.map((extra): Change => (wire) => {
    const message = messages(wire).at(-1)!;
    Object.assign(message, extra);
    return { message };
  }),
  // ... and on a content part
  fields.map((extra): Change => (wire) => {
    const message = { role: 'user', content: [{ ...extra, type: 'text', text: 'Also this.' }] };
    messages(wire).push(message);
    return { message };
  }),
  // a content part the relay does not model in what the user says: essential
  fc
    .tuple(fc.oneof(fc.constantFrom('input_audio', 'file'), unknownName), fields)
    .map(([type, extra]): Change => (wire) => {
      const part = { ...extra, type };
      messages(wire).push({ role: 'user', content: [{ type: 'text', text: 'And this:' }, part] });
      return { refused: `messages[${messages(wire).length - 1}].content[1].type` };
    }),
  // a tool type newer than the relay
  fc.tuple(unknownName, fields).map(([type, extra]): Change => (wire) => {
    (wire.tools as Wire[]).push({ ...extra, type });
    return {};
  }),
);

const mutatedBody = (model: string) =>
  fc.array(changes, { minLength: 1, maxLength: 4 }).map((list) => {
    const wire = body(model);
    const effects = list.map((change) => change(wire));
    // a later change may move a message: name the refused part where it ended up
    const refused = messages(wire).flatMap((message, i) =>
      Array.isArray(message.content)
        ? (message.content as Wire[]).flatMap((part, j) =>
            ['text', 'image_url', 'refusal'].includes(String(part.type))
              ? []
              : [`messages[${i}].content[${j}].type`],
          )
        : [],
    );
    for (const effect of effects)
      if (effect.refused && !effect.refused.startsWith('messages')) refused.push(effect.refused);
    return { wire, effects, refused };
  });

const unsupported =
  /^Unsupported (parameter|value): '([^']+)' (is not supported|does not support '[^']*') with this model\.$/;

function expectRefusalWording(error: unknown, refused: string[]) {
  expect(error).toBeInstanceOf(RelayError);
  const body = encodeOpenAIError(error as RelayError).error;
  expect(refused).toContain(body.param);
  expect(body.type).toBe('invalid_request_error');
  expect(body.message).toMatch(unsupported);
  expect(unsupported.exec(body.message)![2]).toBe(body.param);
  expect(body.code).toBe(
    body.message.startsWith('Unsupported parameter') ? 'unsupported_parameter' : 'unsupported_value',
  );
}

describe('tolerance of the Chat dialect, parsed and converted', () => {
  it('an OpenAI-compatible upstream is sent it all; others refuse only what changes the answer, as OpenAI', () => {
    fc.assert(
      fc.property(mutatedBody('m'), ({ wire, effects, refused }) => {
        const request = parseOpenAIChatRequest(structuredClone(wire));
        const chat = convertToOpenAIRequest(request, 'm', { maxTokensField: 'max_tokens' });
        const sent = chat.messages as Wire[];
        for (const effect of effects) {
          if (effect.field) expect(chat[effect.field[0]]).toEqual(wire[effect.field[0]]);
          if (effect.message) expect(sent).toContainEqual(expect.objectContaining(effect.message));
        }
        expect(chat.tools).toEqual(wire.tools);
        const others = {
          anthropic: () => convertToAnthropicRequest(request, 'claude', 'anthropic'),
          gemini: () => convertToGeminiRequest(request, 'gemini'),
          bedrock: () => convertToBedrockRequest(request, 'bedrock'),
          responses: () => convertToResponsesRequest(request, 'm'),
        };
        for (const [provider, convert] of Object.entries(others)) {
          let converted: Wire;
          try {
            converted = convert();
          } catch (error) {
            expectRefusalWording(error, refused);
            continue;
          }
          if (provider === 'responses') continue;
          // what only tunes OpenAI's service is left out for another provider
          for (const effect of effects)
            if (
              effect.field &&
              ['store', 'service_tier', 'prompt_cache_key', 'safety_identifier'].includes(effect.field[0])
            )
              expect(converted).not.toHaveProperty(effect.field[0]);
        }
      }),
      { numRuns: 400 },
    );
  });
});

const { harness, upstream } = await useScriptedHarness();
const post = (body: Wire) => postJson(harness, '/v1/chat/completions', body);

describe('tolerance of the Chat dialect, through the relay', () => {
  it.each([
    ['an OpenAI-compatible upstream', scriptedModels.chat],
    ['an Anthropic upstream', scriptedModels.anthropic],
  ])('to %s: answered, or refused in OpenAI words only for what the rule says', async (_name, model) => {
    upstream.call = undefined;
    const chat = model === scriptedModels.chat;
    await fc.assert(
      fc.asyncProperty(mutatedBody(model), async ({ wire, effects, refused }) => {
        const before = upstream.requests.length;
        const { status, json } = await post(wire);
        if (status === 200) {
          expect(chat || refused.length === 0).toBe(true);
          const sent = upstream.requests.at(-1)!.body;
          for (const effect of effects) {
            if (chat && effect.field) expect(sent[effect.field[0]]).toEqual(wire[effect.field[0]]);
            if (chat && effect.message)
              expect(sent.messages).toContainEqual(expect.objectContaining(effect.message));
          }
          return;
        }
        expect(upstream.requests.length).toBe(before);
        expect(status).toBe(400);
        const error = json.error as { message: string; type: string; param: string; code: string };
        expect(refused).toContain(error.param);
        expect(error.message).toMatch(unsupported);
      }),
      { numRuns: 25 },
    );
  });
});
