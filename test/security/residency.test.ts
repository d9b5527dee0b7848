import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../relay-core/src/emulator/index.js';
import { synthesizedModels } from '../../relay-core/src/emulator/synthesized/synthesized-scenarios.js';
import type { Emulator } from '../../relay-core/src/emulator/index.js';
import { adminCall } from '../helpers/admin-call.js';
import { providerKey, startHarness } from '../helpers/relay-harness.js';
import type { Harness } from '../helpers/relay-harness.js';

// An eu-only route with a quality gate's evaluator, a semantic cache and a rewrite model, all named
// by bare model names that providers in `us` (the harness's openai and backup, and us-embed, all
// answered by the harness's emulators and listed first) serve too.
let harness: Harness;
let eu: Emulator;

const sideModels = `gates: { evaluator: { model: gpt-4.1-nano, threshold: 0 } }
    cache:
      semantic: { enabled: true, embedding_model: ${synthesizedModels.hashedEmbedding}, threshold: 0.8, rewrite_model: gpt-4.1-nano }`;

beforeAll(async () => {
  eu = await startEmulator({ expectedKey: providerKey });
  harness = await startHarness({
    extraProviders: (usUrl) => `  - id: us-embed
    preset: openai
    base_url: ${usUrl}/v1
    models: [${synthesizedModels.hashedEmbedding}]
  - id: eu-backup
    preset: openai
    region: eu
    base_url: ${eu.url}/v1
    models: [${synthesizedModels.hashedEmbedding}]
`,
    extraConfig: `routes:
  - name: eu-only
    targets: [eu-backup/gpt-4.1-nano]
    policy: { regions: [eu] }
    ${sideModels}
`,
  });
});
afterAll(async () => {
  await harness.close();
  await eu.close();
});

/** Bytes of request bodies an upstream received. */
const bytesAt = (upstream: Emulator) =>
  upstream.calls.reduce((sum, call) => sum + (call.bytes?.length ?? 0), 0);

const admin = <T = Record<string, unknown>>(path: string, body?: unknown) =>
  adminCall<T>(harness.relay, path, body);

describe('data residency of every call a request makes', () => {
  it('sends no byte of an eu-only request outside eu: not the answer, the evaluator, the embedding or the rewrite', async () => {
    const ask = (question: string) =>
      harness.openai.chat.completions
        .create({ model: 'eu-only', messages: [{ role: 'user', content: question }] })
        .withResponse();
    const first = await ask('My patient record 4711: what does a high ferritin level mean?');
    expect(first.response.headers.get('x-relay-provider')).toBe('eu-backup');
    expect(first.response.headers.get('x-relay-gates')).toBeTruthy();
    const second = await ask('My patient record 4711: what does a high ferritin level mean, please?');
    expect(second.response.headers.get('x-relay-cache')).toBe('hit-semantic');

    // the answer, the evaluator, the embeddings and the rewrite were all made, all in eu
    const paths = eu.calls.map((call) => call.path);
    expect(paths.filter((path) => path === '/v1/embeddings')).toHaveLength(2);
    expect(paths.filter((path) => path === '/v1/chat/completions')).toHaveLength(3);
    expect(bytesAt(eu)).toBeGreaterThan(0);
    // and not a byte of any of them elsewhere
    expect([harness.emulator.calls.length, harness.backup.calls.length]).toEqual([0, 0]);
    expect(bytesAt(harness.emulator) + bytesAt(harness.backup)).toBe(0);
  });

  it('explains where each side call would go', async () => {
    const explained = (await admin('/admin/routing/explain', {
      model: 'eu-only',
      messages: [{ role: 'user', content: 'hi' }],
    })) as { sideCalls: Array<{ kind: string; targets: Array<{ target: string }>; excluded: unknown[] }> };
    expect(
      explained.sideCalls.map((call) => [call.kind, call.targets.map((target) => target.target)]),
    ).toEqual([
      ['evaluator', ['eu-backup/gpt-4.1-nano']],
      ['embedding', [`eu-backup/${synthesizedModels.hashedEmbedding}`]],
      ['rewrite', ['eu-backup/gpt-4.1-nano']],
    ]);
    expect(explained.sideCalls[0]!.excluded).toEqual(
      expect.arrayContaining([
        { target: 'openai/gpt-4.1-nano', reason: "region 'us' is outside the request's policy (eu)" },
      ]),
    );
  });

  it('refuses, at validation, the variant whose evaluator is outside the policy', async () => {
    const config = await admin<{ yaml: string }>('/admin/config');
    const outside = config.yaml.replace('{ model: gpt-4.1-nano,', '{ model: openai/gpt-4.1-nano,');
    expect(outside).not.toBe(config.yaml);
    const checked = (await admin('/admin/config/validate', { yaml: outside })) as {
      ok: boolean;
      issues: Array<{ path: string; message: string }>;
    };
    expect(checked.ok).toBe(false);
    expect(checked.issues).toEqual([
      {
        path: 'routes[0].gates.evaluator.model',
        message: expect.stringMatching(/outside the policy \(regions: eu\): it is served by openai \(us\)/),
      },
    ]);
  });
});
