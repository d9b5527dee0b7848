import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../relay-core/src/emulator/index.js';
import type { Emulator } from '../../relay-core/src/emulator/index.js';
import { clientKey, startHarness } from '../helpers/relay-harness.js';
import type { Harness } from '../helpers/relay-harness.js';

let harness: Harness;
// an upstream that takes any key: each run sets a new one
let upstream: Emulator;

// Providers whose keys each run sets afresh (no environment variable holds them), one per
// upstream error format the relay reads: OpenAI's, Anthropic's and Gemini's.
beforeAll(async () => {
  upstream = await startEmulator();
  const url = upstream.url;
  harness = await startHarness({
    extraProviders: () => `  - id: leaky
    preset: openai
    base_url: ${url}/v1
  - id: leaky-claude
    preset: anthropic
    base_url: ${url}/v1
  - id: leaky-gemini
    preset: gemini
    base_url: ${url}/v1beta
`,
  });
});
afterAll(async () => {
  await harness.close();
  await upstream.close();
});

const keyAlphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_';
const piece = 8;

/** The ways an upstream may show a key: whole or in part, in another case, encoded. */
const showings: Array<(key: string) => string> = [
  (key) => key,
  (key) => key.slice(0, -1),
  (key) => key.slice(0, piece),
  (key) => key.slice(-piece),
  (key) => key.toUpperCase(),
  (key) => `Bearer ${key}`,
  (key) => Buffer.from(`Bearer ${key}`).toString('base64'),
  (key) => Buffer.from(key).toString('base64url'),
  (key) => encodeURIComponent(`key=${key}&x=1`),
  (key) => JSON.stringify({ authorization: `Bearer ${key}` }),
];

/** What must never be found: every piece of the key, as it is and base64-encoded at each alignment. */
function forbiddenPieces(key: string): string[] {
  const pieces = new Set<string>();
  const forms = [key];
  for (const offset of [0, 1, 2]) {
    const encoded = Buffer.from('\0'.repeat(offset) + key).toString('base64');
    forms.push(encoded.slice(Math.ceil((8 * offset) / 6), Math.floor((8 * (offset + key.length)) / 6)));
  }
  for (const form of forms)
    for (let i = 0; i + piece <= form.length; i++) pieces.add(form.slice(i, i + piece).toLowerCase());
  return [...pieces];
}

type Call = { path: string; body: Record<string, unknown> };

/** A request to each endpoint a client can reach a provider through, at one provider. */
function callsFor(provider: 'leaky' | 'leaky-claude' | 'leaky-gemini'): Call[] {
  const model = {
    leaky: 'leaky/gpt-4.1-nano',
    'leaky-claude': 'leaky-claude/claude-sonnet-4-5',
    'leaky-gemini': 'leaky-gemini/gemini-2.5-flash',
  }[provider];
  const messages = [{ role: 'user', content: 'hi' }];
  return [
    { path: '/v1/chat/completions', body: { model, messages } },
    { path: '/v1/chat/completions', body: { model, messages, stream: true } },
    { path: '/v1/responses', body: { model, input: 'hi' } },
    { path: '/v1/responses', body: { model, input: 'hi', stream: true } },
    { path: '/v1/messages', body: { model, messages, max_tokens: 16 } },
    { path: '/v1/messages', body: { model, messages, max_tokens: 16, stream: true } },
    ...(provider === 'leaky'
      ? [{ path: '/v1/embeddings', body: { model: 'leaky/text-embedding-3-small', input: 'hi' } }]
      : []),
  ];
}

/** An upstream error body in the provider's own format, every field carrying the key somehow. */
function errorBody(provider: string, status: number, shown: string[]): object {
  const [a, b, c, d, e] = shown as [string, string, string, string, string];
  if (provider === 'leaky-claude')
    return { type: 'error', error: { type: a, message: `invalid x-api-key ${b}`, details: { key: c } } };
  if (provider === 'leaky-gemini')
    return {
      error: {
        code: status,
        message: `API key not valid: ${a}`,
        status: b,
        details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: c, metadata: { key: d } }],
      },
    };
  return {
    error: {
      message: `Incorrect API key provided: ${a}`,
      type: b,
      code: c,
      param: d,
      metadata: { raw: e, provider_name: d },
    },
  };
}

describe('redaction, property-based', () => {
  it('no piece of a provider key an upstream error echoes reaches the client, the log or the database', async () => {
    const seen: string[] = [];
    const keys: string[] = [];
    const admin = async (path: string, body?: unknown) => {
      const response = await fetch(`${harness.relay.url}${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { authorization: `Bearer ${harness.relay.adminToken}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return response.text();
    };
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: fc.constantFrom(...keyAlphabet), minLength: 24, maxLength: 64 }),
        fc.constantFrom('leaky', 'leaky-claude', 'leaky-gemini' as const),
        fc.constantFrom(400, 401, 403, 404, 429, 500, 503),
        fc.array(fc.nat({ max: showings.length - 1 }), { minLength: 5, maxLength: 5 }),
        async (key, provider, status, picks) => {
          keys.push(key);
          await admin('/admin/keys/set', { provider, key });
          const shown = picks.map((pick) => showings[pick]!(key));
          for (const call of callsFor(provider)) {
            // every request reaches the upstream: no open circuit or Retry-After from the last
            harness.relay.runtime.health.reset();
            upstream.inject({ status, body: errorBody(provider, status, shown) });
            const response = await fetch(`${harness.relay.url}${call.path}`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', authorization: `Bearer ${clientKey}` },
              body: JSON.stringify(call.body),
            });
            seen.push(JSON.stringify([...response.headers]), await response.text());
          }
          upstream.clearFaults();
        },
      ),
      { numRuns: 20 },
    );

    // the upstream got the keys and answered with them: the property is about something
    const sent = upstream.calls.map((call) => JSON.stringify(call.headers) + call.query).join('\n');
    expect(keys.every((key) => sent.includes(key))).toBe(true);
    expect(seen.join('\n')).toMatch(/Incorrect API key provided|invalid x-api-key|API key not valid/);

    harness.relay.flushHistory();
    harness.relay.db.pragma('wal_checkpoint(FULL)');
    const history = await admin('/admin/history?limit=1000');
    seen.push(history);
    for (const row of (JSON.parse(history) as { rows: Array<{ id: string }> }).rows)
      seen.push(await admin(`/admin/history/request?id=${row.id}`));
    const written = readdirSync(harness.home).map((name) =>
      readFileSync(join(harness.home, name)).toString('latin1'),
    );
    const everything = [...seen, ...harness.logs, ...written].join('\n').toLowerCase();
    for (const key of keys)
      for (const forbidden of forbiddenPieces(key))
        expect(everything.includes(forbidden), `a piece of ${key}: ${forbidden}`).toBe(false);
  }, 60_000);
});
