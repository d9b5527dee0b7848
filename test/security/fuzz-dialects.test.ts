import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { useHarness } from '../helpers/relay-harness.js';
import { clientKey } from '../helpers/relay-harness.js';
import { mutateAt, mutated } from '../helpers/mutated-json.js';

// Random and mutated bodies on every inbound endpoint: the relay answers every client mistake
// with a 4xx in the endpoint's dialect, never a 5xx or a crash, and keeps serving.
const harness = useHarness();

const endpoints = [
  '/v1/chat/completions',
  '/v1/messages',
  '/v1/responses',
  '/v1/embeddings',
  '/v1/messages/count_tokens',
];

const validBodies: Record<string, unknown> = {
  '/v1/chat/completions': { model: 'openai/gpt-4.1-nano', messages: [{ role: 'user', content: 'hi' }] },
  '/v1/messages': {
    model: 'openai/gpt-4.1-nano',
    max_tokens: 10,
    messages: [{ role: 'user', content: 'hi' }],
  },
  '/v1/responses': { model: 'openai/gpt-4.1-nano', input: 'hi' },
  '/v1/embeddings': { model: 'openai/text-embedding-3-small', input: ['a', 'b'] },
  '/v1/messages/count_tokens': { model: 'openai/gpt-4.1-nano', messages: [{ role: 'user', content: 'hi' }] },
};

async function post(path: string, body: string) {
  const response = await fetch(`${harness.relay.url}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${clientKey}`,
      'x-api-key': clientKey,
    },
    body,
  });
  return { status: response.status, text: await response.text() };
}

describe('fuzzing the inbound dialects', () => {
  it.each(endpoints)('%s: random JSON is refused with a 4xx in the dialect shape', async (path) => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.json(), fc.string()), async (body) => {
        const { status, text } = await post(path, body);
        expect(status, text).toBeGreaterThanOrEqual(400);
        expect(status, text).toBeLessThan(500);
        const parsed = JSON.parse(text) as { error?: unknown; type?: string };
        expect(parsed.error).toBeDefined();
      }),
      { numRuns: 60 },
    );
  });

  // the chat endpoints also streamed: a mutation the parser lets through reaches the stream path
  const mutations = [
    ...endpoints.map((path) => ({ path, stream: false })),
    ...['/v1/chat/completions', '/v1/messages', '/v1/responses'].map((path) => ({ path, stream: true })),
  ];
  it.each(mutations)(
    '$path (stream: $stream): mutated valid bodies never produce a 5xx',
    async ({ path, stream }) => {
      const valid = { ...(validBodies[path] as object), ...(stream ? { stream } : {}) };
      await fc.assert(
        fc.asyncProperty(mutated(valid), async (body) => {
          const { status, text } = await post(path, JSON.stringify(body));
          // a mutation can leave a valid request (200) or make a bad one (4xx); the upstream may
          // refuse what it does not know (the emulator's 400/404). The only 5xx allowed is the
          // relay catching a recording that does not fit the request (2 vectors for 3 inputs),
          // and, after a few of those, the provider's circuit open against the next request.
          if (status >= 500) expect(text).toMatch(/upstream_protocol_error|circuit open after/i);
          // nor, once a stream began, an internal error event
          expect(text).not.toContain('internal relay error');
        }),
        { numRuns: 60 },
      );
      expect((await fetch(`${harness.relay.url}/health`)).status).toBe(200);
    },
  );

  it('/v1/messages to an Anthropic upstream: a mutated body that is sent on arrives byte for byte, only its model replaced', async () => {
    const valid = {
      model: 'anthropic/claude-sonnet-4-5',
      max_tokens: 10,
      system: 'Réponds — brièvement.',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'hi 😀' }] }],
    };
    const replacement = fc.jsonValue({ maxDepth: 2, stringUnit: 'grapheme' });
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(), { maxLength: 5 }), replacement, async (path, value) => {
        const body = mutateAt(valid, path, value) as Record<string, unknown>;
        const before = harness.emulator.calls.length;
        const { status, text } = await post('/v1/messages', JSON.stringify(body));
        if (status >= 500) expect(text).toContain('upstream_protocol_error');
        const call = harness.emulator.calls[before];
        // refused before it was sent (a 400 in Anthropic's shape)
        if (!call) return;
        const upstream = (call.body as { model: string }).model;
        expect(call.bytes!.equals(Buffer.from(JSON.stringify({ ...body, model: upstream })))).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});
