import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mutated } from '../helpers/mutated-json.js';
import { useHarness } from '../helpers/relay-harness.js';

// The admin API is the UI's, but it parses what it is sent like any other endpoint: random and
// mutated bodies and query strings get a 4xx (or an `ok: false` with the issues) and never a 5xx;
// config.yaml stays a file the relay can load; the relay keeps serving.
const harness = useHarness();

async function admin(method: 'GET' | 'POST', path: string, body?: string) {
  const response = await fetch(`${harness.relay.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${harness.relay.adminToken}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body }),
  });
  const text = await response.text();
  return { status: response.status, text };
}

/** A valid body for each POST route, to mutate (the catalog refresh fetches from the network: left out). */
const validBodies: Record<string, unknown> = {
  '/admin/config/validate': { yaml: 'providers:\n  - id: openai\n' },
  '/admin/config/routes': { routes: [{ name: 'fuzz-route', targets: ['backup/gpt-4.1-nano'] }] },
  '/admin/providers/add': { id: 'fuzzed', preset: 'deepseek', region: 'eu' },
  '/admin/providers/update': { id: 'backup', region: 'us' },
  '/admin/providers/remove': { id: 'no-such-provider' },
  '/admin/clients/limits': { name: 'fuzz-client', requests_per_minute: 10, models: ['gpt-4.1-nano'] },
  '/admin/keys/set': { provider: 'fuzzprov', key: 'sk-fuzz-0123456789' },
  '/admin/keys/delete': { provider: 'fuzzprov' },
  '/admin/clients/create': { name: 'fuzz-client' },
  '/admin/clients/revoke': { name: 'fuzz-client' },
  '/admin/routing/explain': { model: 'gpt-4.1-nano', messages: [{ role: 'user', content: 'hi' }] },
  '/admin/history/reprice': { target: 'openai/gpt-4.1-nano', from: 0, to: Date.now() },
  '/admin/cache/clear': {},
  '/admin/tools/connect': { tool: 'aider', model: 'backup/gpt-4.1-nano' },
  '/admin/tools/disconnect': { tool: 'aider' },
  '/admin/import/preview': {
    source: 'litellm',
    text: 'model_list:\n  - model_name: fuzz\n    litellm_params: { model: openai/gpt-4.1-nano, api_key: os.environ/FUZZ_KEY }\n',
  },
};

/** Query parameters the GET routes read, for each route. */
const getRoutes: Record<string, string[]> = {
  '/admin/status': [],
  '/admin/config': [],
  '/admin/catalog': [
    'q',
    'provider',
    'mode',
    'capability',
    'available',
    'sort',
    'order',
    'limit',
    'offset',
    'min_context',
    'max_input_price',
  ],
  '/admin/routing/health': [],
  '/admin/history/summary': ['since'],
  '/admin/requests': ['limit', 'since'],
  '/admin/history': [
    'from',
    'to',
    'client',
    'model',
    'provider',
    'status',
    'cache',
    'limit',
    'sort',
    'order',
  ],
  '/admin/history/request': ['id'],
  '/admin/history/stats': ['from', 'to', 'client', 'model', 'provider', 'status', 'cache'],
  '/admin/history/facets': ['from', 'to'],
  '/admin/clients': [],
  '/admin/playground/key': [],
  '/admin/tools': [],
  '/admin/export/litellm': [],
};

const fuzzValue = fc.oneof(
  fc.string(),
  fc.integer().map(String),
  fc.double().map(String),
  fc.constantFrom('', '-1', '1e309', 'NaN', 'ok', 'hit', '0x10', '../../etc/passwd', "' OR 1=1 --"),
);

function expectNo5xx({ status, text }: { status: number; text: string }) {
  expect(status, text).toBeLessThan(500);
  // every answer is JSON, an error with a message when refused
  const body = JSON.parse(text) as { error?: { message?: unknown } };
  if (status >= 400) expect(typeof body.error?.message, text).toBe('string');
}

describe('fuzzing the admin API', () => {
  it.each(Object.keys(validBodies))('POST %s: random bodies are refused with a 4xx', async (path) => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.json(), fc.string()), async (body) => {
        expectNo5xx(await admin('POST', path, body));
      }),
      { numRuns: 60 },
    );
  });

  it.each(Object.keys(validBodies))('POST %s: mutated valid bodies never produce a 5xx', async (path) => {
    await fc.assert(
      fc.asyncProperty(mutated(validBodies[path]), async (body) => {
        expectNo5xx(await admin('POST', path, JSON.stringify(body)));
      }),
      { numRuns: 60 },
    );
  });

  it.each(Object.entries(getRoutes))(
    'GET %s: any query string is answered, or refused with a 4xx',
    async (path, names) => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.tuple(fc.constantFrom(...names, 'unknown'), fuzzValue), { maxLength: 4 }),
          async (pairs) => {
            const query = new URLSearchParams(pairs).toString();
            expectNo5xx(await admin('GET', `${path}${query ? `?${query}` : ''}`));
          },
        ),
        { numRuns: 60 },
      );
    },
  );

  it('config.yaml edited by mutated text is validated, never half-written', async () => {
    const yaml = readFileSync(join(harness.home, 'config.yaml'), 'utf8');
    const edits = fc.array(fc.tuple(fc.nat(), fc.nat({ max: 8 }), fc.string({ maxLength: 6 })), {
      minLength: 1,
      maxLength: 3,
    });
    await fc.assert(
      fc.asyncProperty(edits, async (changes) => {
        let text = yaml;
        for (const [at, cut, insert] of changes) {
          const position = at % (text.length + 1);
          text = text.slice(0, position) + insert + text.slice(position + cut);
        }
        const checked = await admin('POST', '/admin/config/validate', JSON.stringify({ yaml: text }));
        expectNo5xx(checked);
        const { ok } = JSON.parse(checked.text) as { ok: boolean };
        // what validates is what the relay loads: saving it must succeed too, and vice versa
        const saved = await admin('POST', '/admin/config/yaml', JSON.stringify({ yaml: text }));
        expectNo5xx(saved);
        expect((JSON.parse(saved.text) as { ok: boolean }).ok, saved.text).toBe(ok);
        if (!ok) expect(readFileSync(join(harness.home, 'config.yaml'), 'utf8')).not.toBe(text);
        // put the original back for the next run
        await admin('POST', '/admin/config/yaml', JSON.stringify({ yaml }));
      }),
      { numRuns: 60 },
    );
    expect((await fetch(`${harness.relay.url}/health`)).status).toBe(200);
    expect((await admin('GET', '/admin/status')).status).toBe(200);
  });
});
