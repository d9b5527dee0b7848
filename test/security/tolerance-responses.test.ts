import fc from 'fast-check';
import { wireJsonValue } from '../helpers/wire-json-value.js';
import { describe, expect, it } from 'vitest';
import { RelayError } from '../../relay-core/src/canonical/errors.js';
import type { CanonicalRequest } from '../../relay-core/src/canonical/types.js';
import { encodeOpenAIError } from '../../relay-core/src/dialects/openai-chat/encode-openai-error.js';
import { parseResponsesRequest } from '../../relay-core/src/dialects/openai-responses/parse-responses-request.js';
import { convertToAnthropicRequest } from '../../relay-core/src/providers/anthropic/convert-to-anthropic-request.js';
import { convertToBedrockRequest } from '../../relay-core/src/providers/bedrock/convert-to-bedrock-request.js';
import { convertToGeminiRequest } from '../../relay-core/src/providers/gemini/convert-to-gemini-request.js';
import { convertToOpenAIRequest } from '../../relay-core/src/providers/openai-compatible/convert-to-openai-request.js';
import { convertToResponsesRequest } from '../../relay-core/src/providers/openai-responses/convert-to-responses-request.js';
import { postJson, scriptedModels, useScriptedHarness } from '../helpers/scripted-tool-upstream.js';

// What a Responses client (Codex CLI) may send next month: item, content, tool and role types and
// fields the relay has never seen. None is refused unless the rule says so (README, "OpenAI
// Responses clients"): a Responses upstream is sent it unchanged; elsewhere it is mapped or left out,
// and refused only where leaving it out would change the answer, worded as OpenAI words it.

type Wire = Record<string, unknown>;

/** Everything the relay reads by name; a generated "unknown" name is none of these. */
const known = new Set([
  'model',
  'input',
  'instructions',
  'tools',
  'tool_choice',
  'parallel_tool_calls',
  'max_output_tokens',
  'temperature',
  'top_p',
  'reasoning',
  'text',
  'stream',
  'store',
  'background',
  'previous_response_id',
  'metadata',
  'user',
  'include',
  'top_logprobs',
  'conversation',
  'prompt',
  'type',
  'role',
  'content',
  'call_id',
  'name',
  'arguments',
  'output',
  'input_text',
  'output_text',
  'input_image',
  'refusal',
  'message',
  'function_call',
  'function_call_output',
  'custom_tool_call',
  'custom_tool_call_output',
  'reasoning',
  'local_shell_call',
  'local_shell_call_output',
  'compaction',
  'compaction_summary',
  'item_reference',
  'function',
  'custom',
  'namespace',
  'summary',
  'encrypted_content',
  'action',
  'namespace',
  'text',
  'image_url',
  'detail',
  'parameters',
  'strict',
  'description',
  'format',
  'id',
  'user',
  'assistant',
  'system',
  'developer',
  'web_search',
  'external_web_access',
  '__proto__',
  'constructor',
  'prototype',
]);
const unknownName = fc.stringMatching(/^[a-z][a-z0-9_]{0,15}$/).filter((name) => !known.has(name));
const value = wireJsonValue({ maxDepth: 2 });
const fields = fc.dictionary(unknownName, value, { maxKeys: 3 });

const text = (role: string, said: string) => ({
  type: 'message',
  role,
  content: [{ type: role === 'assistant' ? 'output_text' : 'input_text', text: said }],
});

/** A Codex-shaped body (trimmed from Codex CLI 0.171.0's first request). */
function codexBody(model: string): Wire {
  return {
    model,
    input: [text('developer', 'You are a coding agent.'), text('user', 'Create hello.txt containing hi')],
    tools: [
      {
        type: 'function',
        name: 'exec_command',
        strict: false,
        parameters: { type: 'object', properties: { cmd: { type: 'string' } } },
      },
      {
        type: 'namespace',
        name: 'multi_agent_v1',
        description: 'Sub-agents.',
        tools: [{ type: 'function', name: 'spawn_agent', parameters: { type: 'object', properties: {} } }],
      },
      { type: 'web_search', external_web_access: true },
    ],
    tool_choice: 'auto',
    parallel_tool_calls: true,
    reasoning: { summary: 'auto' },
    store: false,
    include: ['reasoning.encrypted_content'],
    prompt_cache_key: 'k',
  };
}

/** What a mutation adds, and where a refusal of it would point. */
interface Addition {
  apply(body: Wire): void;
  /** A provider that cannot read it refuses the request. */
  essential?: true;
  /** Sent to a Responses upstream exactly so (an item, a top-level field). */
  item?: Wire;
  field?: [string, unknown];
}

const items = (body: Wire) => body.input as Wire[];
const insertAt = (position: number) => (body: Wire, item: Wire) =>
  items(body).splice(Math.min(position, items(body).length), 0, item);

const additions: fc.Arbitrary<Addition> = fc.oneof(
  // an unknown top-level field
  fc.tuple(unknownName, value).map(([name, field]) => ({
    apply: (body: Wire) => void (body[name] = field),
    field: [name, field] as [string, unknown],
  })),
  // an item of a type newer than the relay: the record of something the model or provider did
  fc.tuple(unknownName, fields, fc.nat(4)).map(([type, extra, position]) => {
    const item = { ...extra, type };
    return { apply: (body: Wire) => insertAt(position)(body, item), item };
  }),
  // a content part newer than the relay in what the user said: essential
  fc
    .tuple(unknownName, fields, fc.constantFrom('user', 'developer', 'system'))
    .map(([type, extra, role]) => ({
      apply: (body: Wire) =>
        insertAt(2)(body, {
          type: 'message',
          role,
          content: [
            { type: 'input_text', text: 'See:' },
            { ...extra, type },
          ],
        }),
      essential: true as const,
    })),
  // ... or in what the model said before: left out elsewhere
  fc.tuple(unknownName, fields).map(([type, extra]) => ({
    apply: (body: Wire) =>
      insertAt(2)(body, {
        type: 'message',
        role: 'assistant',
        content: [
          { type: 'output_text', text: 'Done.' },
          { ...extra, type },
        ],
      }),
  })),
  // a role newer than the relay: OpenAI may read it, nobody else can
  fc.tuple(unknownName, fc.nat(2)).map(([role, position]) => ({
    apply: (body: Wire) => insertAt(position)(body, { type: 'message', role, content: 'hi' }),
    essential: true as const,
  })),
  // items only OpenAI reads
  fc.constantFrom('compaction', 'item_reference').map((type) => ({
    apply: (body: Wire) =>
      insertAt(1)(body, {
        type,
        ...(type === 'compaction' ? { encrypted_content: 'gAAAA' } : { id: 'msg_1' }),
      }),
    essential: true as const,
  })),
  // a tool type newer than the relay: offered where it runs
  fc.tuple(unknownName, fields).map(([type, extra]) => ({
    apply: (body: Wire) => void (body.tools as Wire[]).push({ ...extra, type }),
  })),
  // unknown fields on known items, parts and tools
  fields.map((extra) => ({
    apply: (body: Wire) => {
      const message = items(body).findLast((item) => item.type === 'message' && Array.isArray(item.content))!;
      Object.assign(message, extra);
      Object.assign((message.content as Wire[])[0]!, extra);
      Object.assign((body.tools as Wire[])[0]!, extra);
    },
  })),
);

/** A Codex body with additions, and the refusals the rule allows for them (by parameter). */
const mutatedBody = (model: string) =>
  fc.array(additions, { minLength: 1, maxLength: 4 }).map((list) => {
    const body = structuredClone(codexBody(model));
    for (const addition of list) addition.apply(body);
    // what is essential, where it ended up (a later insertion moves those after it)
    const essential = items(body).flatMap((item, i) => {
      const role = String(item.role ?? '');
      if (item.type === 'compaction' || item.type === 'item_reference') return [`input[${i}].type`];
      if (item.type === 'message' && !['user', 'assistant', 'system', 'developer'].includes(role))
        return [`input[${i}].role`];
      if (item.type === 'message' && role !== 'assistant' && Array.isArray(item.content))
        return (item.content as Wire[]).flatMap((part, j) =>
          ['input_text', 'output_text', 'input_image', 'refusal'].includes(String(part.type))
            ? []
            : [`input[${i}].content[${j}].type`],
        );
      return [];
    });
    return { body, list, essential };
  });

const openAIRefusal = /^Unsupported value: '([^']+)' does not support '([^']*)' with this model\.$/;

/** Converts for each upstream; what it refuses must be essential, and worded as OpenAI words it. */
function expectTolerated(request: CanonicalRequest, essential: string[]) {
  const converters: Record<string, () => unknown> = {
    chat: () => convertToOpenAIRequest(request, 'm', { maxTokensField: 'max_tokens', openAIService: true }),
    anthropic: () => convertToAnthropicRequest(request, 'claude', 'anthropic'),
    gemini: () => convertToGeminiRequest(request, 'gemini'),
    bedrock: () => convertToBedrockRequest(request, 'bedrock'),
  };
  for (const convert of Object.values(converters)) {
    try {
      convert();
      // left out or mapped: only when nothing essential was there to be refused
      expect(essential).toEqual([]);
    } catch (error) {
      expect(error).toBeInstanceOf(RelayError);
      const body = encodeOpenAIError(error as RelayError).error;
      expect(essential).toContain(body.param);
      expect(body).toMatchObject({ type: 'invalid_request_error', code: 'unsupported_value' });
      expect(body.message).toMatch(openAIRefusal);
      expect(openAIRefusal.exec(body.message)![1]).toBe(body.param);
    }
  }
}

describe('tolerance of the Responses dialect, parsed and converted', () => {
  it('reads every unknown item, part, role, tool and field; refuses only what the rule says, as OpenAI', () => {
    fc.assert(
      fc.property(mutatedBody('m'), ({ body, list, essential }) => {
        const { request } = parseResponsesRequest(body, () => undefined);
        expectTolerated(request, essential);
        // a Responses upstream is sent every item and field as it came (items without ids)
        const sent = convertToResponsesRequest(request, 'm');
        for (const addition of list) {
          if (addition.item) expect(sent.input).toContainEqual(addition.item);
          if (addition.field) expect(sent[addition.field[0]]).toEqual(body[addition.field[0]]);
        }
        expect(sent.tools).toEqual(body.tools);
      }),
      { numRuns: 400 },
    );
  });
});

const { harness, upstream } = await useScriptedHarness();
const post = (body: Wire) => postJson(harness, '/v1/responses', body);

describe('tolerance of the Responses dialect, through the relay', () => {
  it.each([
    ['a Chat upstream', scriptedModels.chat],
    ['an Anthropic upstream', scriptedModels.anthropic],
    ['a Responses upstream', scriptedModels.responses],
  ])('to %s: answered, or refused in OpenAI words only for what the rule says', async (_name, model) => {
    upstream.call = undefined;
    const responses = model === scriptedModels.responses;
    await fc.assert(
      fc.asyncProperty(mutatedBody(model), async ({ body, list, essential }) => {
        const before = upstream.requests.length;
        const { status, json } = await post(body);
        if (status === 200) {
          expect(responses || essential.length === 0).toBe(true);
          expect((json as { output_text?: unknown; status: string }).status).toBe('completed');
          if (responses) {
            const sent = upstream.requests.at(-1)!.body;
            for (const addition of list) {
              if (addition.item) expect(sent.input).toContainEqual(addition.item);
              if (addition.field) expect(sent[addition.field[0]]).toEqual(body[addition.field[0]]);
            }
          }
          return;
        }
        // refused by the relay before a byte went upstream, naming what it cannot carry
        expect(upstream.requests.length).toBe(before);
        expect(status).toBe(400);
        const error = json.error as { message: string; type: string; param: string; code: string };
        expect(essential).toContain(error.param);
        expect(error).toMatchObject({ type: 'invalid_request_error', code: 'unsupported_value' });
        expect(error.message).toMatch(openAIRefusal);
      }),
      { numRuns: 25 },
    );
  });
});
