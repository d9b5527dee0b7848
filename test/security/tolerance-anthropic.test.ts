import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { wireJsonValue } from '../helpers/wire-json-value.js';
import { describe, expect, it } from 'vitest';
import { RelayError } from '../../relay-core/src/canonical/errors.js';
import { parseAnthropicRequest } from '../../relay-core/src/dialects/anthropic-messages/parse-anthropic-request.js';
import { rejectUnmodeled } from '../../relay-core/src/providers/shared/reject-unsupported.js';
import { clientKey, useHarness } from '../helpers/relay-harness.js';

// The tolerance rule (DESIGN.md section 3) for Anthropic clients, fuzzed: Claude Code's first turn
// with roles, blocks, tool types and fields the relay does not know added anywhere. None is
// refused by the parser; an Anthropic upstream is sent the body byte for byte, only the model
// replaced; another upstream leaves out what only tunes Anthropic or records its server tools, and
// refuses the rest in the words Anthropic uses for that case, which clients match to fall back.

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const fixture = JSON.parse(
  readFileSync(
    new URL(
      '../../relay-core/src/dialects/anthropic-messages/__fixtures__/claude-code-first-turn.json',
      import.meta.url,
    ),
    'utf8',
  ),
) as { headers: Record<string, string>; body: Json };
const known = new Set([
  'text', 'image', 'document', 'search_result', 'tool_use', 'tool_result', 'thinking', 'redacted_thinking',
  'tool_reference', 'server_tool_use', 'container_upload',
]); // prettier-ignore
const isBookkeeping = (type: string) =>
  type === 'server_tool_use' ||
  type === 'container_upload' ||
  type.startsWith('mcp_tool_') ||
  (type.endsWith('_tool_result') && type !== 'tool_result');

/** The body's blocks and tools, where a field can be added. */
const objectsOf = (body: Json): Json[] =>
  [...body.system, ...body.messages.flatMap((m: Json) => m.content), ...body.tools].filter(
    (item) => typeof item === 'object',
  );

/** What one addition to the body is, and the refusal it must draw from an upstream that is not Anthropic's. */
interface Addition {
  apply(body: Json): void;
  refusal?: RegExp;
}

const name = fc.stringMatching(/^[a-z][a-z_]{2,14}$/);
const value = wireJsonValue({ maxDepth: 2 });
const unknownType = name.filter((type) => !known.has(type) && !isBookkeeping(type));
const tagRefusal = (path: string, type: string, tags: string) =>
  new RegExp(
    `^${path}: Input tag '${type}' found using 'type' does not match any of the expected tags: ${tags} \\(the .+ upstream cannot honour it\\)$`,
  );

const additions: fc.Arbitrary<Addition> = fc.oneof(
  // a top-level field added after the relay was written
  fc
    .record({ key: name.map((key) => `x_${key}`), value })
    .map(({ key, value: v }): Addition => ({ apply: (body) => void (body[key] = v) })),
  // a field on a known block, a tool or the thinking setting
  fc
    .record({ key: name.map((key) => `x_${key}`), value, where: fc.nat() })
    .map(({ key, value: v, where }): Addition => ({
      apply: (body) => {
        const targets = [...objectsOf(body), body.thinking];
        targets[where % targets.length]![key] = v;
      },
    })),
  // cache_control of a kind Anthropic may add, anywhere it can be
  fc
    .record({ control: fc.record({ type: name, ttl: fc.constantFrom('5m', '1h', '30m') }), where: fc.nat() })
    .map(({ control, where }): Addition => ({
      apply: (body) => {
        const targets = objectsOf(body);
        targets[where % targets.length]!.cache_control = control;
      },
    })),
  // a system (or developer) message anywhere after the first: kept in place, never refused
  fc
    .record({ role: fc.constantFrom('system', 'developer'), text: fc.string({ minLength: 1 }) })
    .map(({ role, text }): Addition => ({
      apply: (body) => void body.messages.push({ role, content: [{ type: 'text', text }] }),
    })),
  // a block type the relay does not know: Anthropic decides; elsewhere refused
  fc.record({ type: unknownType, extra: value }).map(({ type, extra }): Addition => ({
    apply: (body) => void body.messages[0].content.push({ type, extra }),
    refusal: tagRefusal('messages\\.0\\.content\\.\\d+', type, "'document', 'image'.*"),
  })),
  // what Anthropic's server tools leave in an answer: bookkeeping, left out elsewhere
  fc
    .constantFrom(
      'server_tool_use',
      'web_search_tool_result',
      'code_execution_tool_result',
      'container_upload',
      'mcp_tool_use',
    )
    .map((type): Addition => ({
      apply: (body) => {
        body.messages.push(
          {
            role: 'assistant',
            content: [
              { type, id: 'srvtoolu_1', content: [] },
              { type: 'text', text: 'Done.' },
            ],
          },
          { role: 'user', content: 'Thanks.' },
        );
      },
    })),
  // one of Anthropic's own tools (or a tool type from after the relay was written)
  fc
    .oneof(
      fc.constantFrom('web_search_20250305', 'bash_20250124', 'text_editor_20250728', 'computer_20250124'),
      name.map((n) => `${n}_20990101`),
    )
    .map((type): Addition => ({
      apply: (body) => void body.tools.push({ type, name: 'server_tool' }),
      refusal: tagRefusal('tools\\.\\d+', type, "'custom'"),
    })),
  // a thinking setting of a type the relay does not know, with fields it does not know
  fc
    .record({ type: name.filter((type) => type !== 'enabled' && type !== 'disabled'), extra: value })
    .map(({ type, extra }): Addition => ({
      apply: (body) => void (body.thinking = { type, display: 'omitted', extra }),
    })),
  // a role the relay does not know
  name
    .filter((role) => !['user', 'assistant', 'system', 'developer'].includes(role))
    .map((role): Addition => ({
      apply: (body) => void body.messages.push({ role, content: 'Hello.' }),
      refusal:
        /^messages\.\d+\.role: Input should be 'user', 'assistant' or 'system' \(the .+ upstream cannot honour it\)$/,
    })),
  // any user id
  fc.string().map((id): Addition => ({ apply: (body) => void (body.metadata = { user_id: id }) })),
);

/**
 * Claude Code's first turn with one to three additions, and the refusals they may draw elsewhere.
 * `base` is the turn it starts from.
 */
const bodiesFrom = (base: Json) =>
  fc.array(additions, { minLength: 1, maxLength: 3 }).map((chosen) => {
    const body = structuredClone(base);
    for (const addition of chosen) addition.apply(body);
    return { body, refusals: chosen.flatMap((addition) => (addition.refusal ? [addition.refusal] : [])) };
  });
const bodies = bodiesFrom(fixture.body);
/**
 * The same turn as Claude Code sends it for Sonnet 4.5, which takes a thinking budget, not
 * adaptive thinking: nothing in it needs fitting to that model (pipeline/fit-request.ts).
 */
const { output_config: _effort, ...withoutEffort } = fixture.body;
const sonnet45Bodies = bodiesFrom({ ...withoutEffort, thinking: { type: 'enabled', budget_tokens: 16_384 } });

/** Whether an upstream that is not Anthropic's refuses the body, and with what words. */
function refusalElsewhere(body: Json): string | undefined {
  try {
    rejectUnmodeled(parseAnthropicRequest(body), 'OpenAI-compatible');
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(RelayError);
    return (error as RelayError).message;
  }
}

describe('Anthropic dialect tolerance: the parser', () => {
  it('accepts every addition, and refuses for other upstreams only what changes the answer, in Anthropic words', () => {
    fc.assert(
      fc.property(bodies, ({ body, refusals }) => {
        const request = parseAnthropicRequest(body);
        expect(request.messages.length).toBeGreaterThan(0);
        expect((request.user ?? '').length).toBeLessThanOrEqual(64);
        const refusal = refusalElsewhere(body);
        if (refusals.length === 0) expect(refusal).toBeUndefined();
        else
          expect(
            refusals.some((pattern) => pattern.test(refusal ?? '')),
            refusal,
          ).toBe(true);
      }),
      { numRuns: 400 },
    );
  });
});

const harness = useHarness();

async function post(path: string, body: Json) {
  const response = await fetch(`${harness.relay.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': clientKey, ...fixture.headers },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, text, body: (text.startsWith('{') ? JSON.parse(text) : {}) as Json };
}

describe('Anthropic dialect tolerance: through the relay', () => {
  it('an Anthropic upstream is sent every such body byte for byte, only the model replaced', async () => {
    await fc.assert(
      fc.asyncProperty(sonnet45Bodies, async ({ body }) => {
        const before = harness.emulator.calls.length;
        const sent = { ...body, model: 'anthropic/claude-sonnet-4-5', stream: false };
        const answer = await post('/v1/messages', sent);
        expect(answer.status, JSON.stringify(answer.body)).toBe(200);
        const call = harness.emulator.calls[before]!;
        expect(call.text).toBe(JSON.stringify({ ...sent, model: 'claude-sonnet-4-5' }));
      }),
      { numRuns: 60 },
    );
  });

  it("another upstream serves it, or refuses it with Anthropic's shape and words", async () => {
    await fc.assert(
      fc.asyncProperty(bodies, async ({ body, refusals }) => {
        // streamed: the emulator's OpenAI tool-call recording is a stream
        const answer = await post('/v1/messages', { ...body, model: 'openai/gpt-4o-mini', stream: true });
        if (refusals.length === 0) {
          expect(answer.status, answer.text).toBe(200);
          expect(answer.text).toContain('event: message_stop');
          return;
        }
        expect(answer.status).toBe(400);
        expect(answer.body.type).toBe('error');
        expect(answer.body.error.type).toBe('invalid_request_error');
        expect(
          refusals.some((pattern) => pattern.test(answer.body.error.message)),
          answer.body.error.message,
        ).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('count_tokens takes the same bodies', async () => {
    await fc.assert(
      fc.asyncProperty(bodies, async ({ body }) => {
        const { max_tokens: _max, stream: _stream, ...count } = body;
        const answer = await post('/v1/messages/count_tokens', { ...count, model: 'openai/gpt-4o-mini' });
        expect(answer.status, JSON.stringify(answer.body)).toBe(200);
        expect(answer.body.input_tokens).toBeGreaterThan(0);
      }),
      { numRuns: 40 },
    );
  });
});
