/**
 * Routing benchmarks (issue 5), in one process with two emulators and a relay:
 *
 * 1. Routing decision time with 50 routes: from a parsed request to the upstream body ready to
 *    write (features, route match, policy/health/capability plan, strategy order, the provider
 *    request's encoding). Timed per decision with hrtime.
 * 2. Failover time: the same request through the relay when the primary fails at once (429, 500,
 *    529, connection reset) and the backup answers, against the relay's plain request to the
 *    backup in the same run. Reported from the relay's own clock (`x-relay-overhead-ms`, all time
 *    outside upstream waits, so the failing upstream's own response is excluded) and, as a
 *    cross-check, as the difference of client-side medians minus the failing upstream's own
 *    response time measured straight against the emulator.
 *
 *   npm run bench:routing [-- --decisions 20000 --requests 1000]
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';
import { startRelay } from '../relay-core/src/index.js';
import { openAIChatCodec } from '../relay-core/src/dialects/openai-chat/openai-chat-codec.js';
import { describeRequest } from '../relay-core/src/routing/match-route.js';
import { routeRequest } from '../relay-core/src/pipeline/route-request.js';
import { convertToOpenAIRequest } from '../relay-core/src/providers/openai-compatible/convert-to-openai-request.js';
import { createSecretStore } from '../relay-core/src/secrets/create-secret-store.js';
import { startEmulator } from '../relay-core/src/emulator/index.js';
import { percentile } from './shared/stats.js';
import type { FaultSpec } from '../relay-core/src/emulator/index.js';

const { values } = parseArgs({
  options: {
    decisions: { type: 'string', default: '20000' },
    requests: { type: 'string', default: '1000' },
  },
});
const decisions = Number(values.decisions);
const requests = Number(values.requests);
const providerKey = 'sk-bench-provider-key-000000000000000000';
const clientKey = 'sb-bench-client';

/** 49 routes that do not match the benchmark request (each for a different reason), then one that does. */
function fiftyRoutes(): string {
  const conditions = [
    'when: { tools: true }',
    'when: { images: true }',
    'when: { min_input_tokens: 100000 }',
    'when: { keywords: [translate, summarise, rewrite] }',
    'when: { regex: "^(SELECT|WITH)\\\\b" }',
    'when: { clients: [ci-bot] }',
    'when: { json_schema: true }',
  ];
  const lines = ['routes:'];
  for (let i = 0; i < 49; i++) {
    lines.push(`  - name: ${i % 2 === 0 ? 'work' : `other-${i}`}`);
    lines.push(`    ${conditions[i % conditions.length]}`);
    lines.push(`    targets: [openai/gpt-4o-mini, backup/gpt-4.1-nano]`);
  }
  lines.push(
    '  - name: work',
    '    targets: [deepseek/deepseek-chat, openai/gpt-4.1-nano, backup/gpt-4o-mini]',
  );
  lines.push(
    '    strategy: cheapest',
    '  - name: failover',
    '    targets: [openai/gpt-4.1-nano, backup/gpt-4.1-nano]',
  );
  return `${lines.join('\n')}\n`;
}

async function main() {
  const primary = await startEmulator();
  const backup = await startEmulator();
  const home = mkdtempSync(join(tmpdir(), 'switchboard-bench-routing-'));
  writeFileSync(
    join(home, 'config.yaml'),
    `providers:
  - id: openai
    base_url: ${primary.url}/v1
  - id: backup
    preset: openai
    base_url: ${backup.url}/v1
  - id: deepseek
    base_url: ${primary.url}/v1
fallback:
  breaker: { failures: 100000000 }
${fiftyRoutes()}`,
  );
  const env = {
    SWITCHBOARD_API_KEY: clientKey,
    OPENAI_API_KEY: providerKey,
    SWITCHBOARD_KEY_BACKUP: providerKey,
    DEEPSEEK_API_KEY: providerKey,
  };
  const secrets = await createSecretStore({ home, env, useKeychain: false });
  const relay = await startRelay({ home, port: 0, env, secrets, log: () => undefined });
  const { runtime } = relay;

  // 1. routing decision time
  const request = openAIChatCodec.parse({
    model: 'work',
    messages: [
      { role: 'system', content: 'You are terse.' },
      { role: 'user', content: 'Name three rivers in Europe and their lengths.' },
    ],
    max_tokens: 200,
  });
  const decide = () => {
    const features = describeRequest(request, 'bench', runtime.maxSimpleTokens);
    const targets = routeRequest(runtime, request, features);
    const first = targets[0]!;
    return JSON.stringify(
      convertToOpenAIRequest(request, first.model, { maxTokensField: 'max_completion_tokens' }),
    );
  };
  for (let i = 0; i < 2000; i++) decide();
  const decisionUs: number[] = [];
  for (let i = 0; i < decisions; i++) {
    const start = performance.now();
    decide();
    decisionUs.push((performance.now() - start) * 1000);
  }

  // 2. failover time
  const relayPool = new Pool(relay.url, { connections: 1 });
  const directPool = new Pool(primary.url, { connections: 1 });
  const body = JSON.stringify({
    model: 'failover',
    messages: [{ role: 'user', content: 'hi' }],
  });
  const send = async (pool: Pool, path: string, payload: string, key: string) => {
    const start = performance.now();
    const reply = await pool.request({
      method: 'POST',
      path,
      body: payload,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    });
    await reply.body.text();
    const total = performance.now() - start;
    const overhead = Number(reply.headers['x-relay-overhead-ms']);
    return { total, overhead, status: reply.statusCode, provider: reply.headers['x-relay-provider'] };
  };
  const measure = async (fault: FaultSpec | undefined) => {
    const totals: number[] = [];
    const overheads: number[] = [];
    const direct: number[] = [];
    for (let i = 0; i < requests; i++) {
      if (fault) primary.inject(fault);
      const sample = await send(relayPool, '/v1/chat/completions', body, clientKey);
      if (sample.status !== 200 || sample.provider !== (fault ? 'backup' : 'openai'))
        throw new Error(`unexpected answer: ${sample.status} from ${String(sample.provider)}`);
      totals.push(sample.total);
      overheads.push(sample.overhead);
      if (fault && !fault.reset) {
        primary.inject(fault);
        direct.push(
          (
            await send(
              directPool,
              '/v1/chat/completions',
              body.replace('failover', 'gpt-4.1-nano'),
              providerKey,
            )
          ).total,
        );
      }
    }
    primary.reset();
    backup.reset();
    return { totals, overheads, direct };
  };
  await measure(undefined); // warm-up pass
  const baseline = await measure(undefined);
  const rows: string[] = [];
  for (const [name, fault] of [
    ['429', { status: 429 }],
    ['500', { status: 500 }],
    ['529', { status: 529 }],
    ['reset', { reset: 'before-headers' }],
  ] as Array<[string, FaultSpec]>) {
    await measure(fault); // warm-up pass
    const run = await measure(fault);
    const failing = run.direct.length > 0 ? percentile(run.direct, 50) : 0;
    const added = percentile(run.totals, 50) - percentile(baseline.totals, 50) - failing;
    rows.push(
      `| ${name} | ${percentile(run.overheads, 50).toFixed(3)} / ${percentile(run.overheads, 99).toFixed(3)} | ${percentile(baseline.overheads, 50).toFixed(3)} / ${percentile(baseline.overheads, 99).toFixed(3)} | ${percentile(run.totals, 50).toFixed(2)} / ${percentile(run.totals, 99).toFixed(2)} | ${percentile(baseline.totals, 50).toFixed(2)} / ${percentile(baseline.totals, 99).toFixed(2)} | ${run.direct.length ? failing.toFixed(2) : 'n/a'} | ${added.toFixed(2)} |`,
    );
  }

  console.log(`\nRouting decision with 50 routes (${decisions} decisions, µs):`);
  console.log(`| p50 | p90 | p99 | max |\n| --- | --- | --- | --- |`);
  console.log(
    `| ${percentile(decisionUs, 50).toFixed(1)} | ${percentile(decisionUs, 90).toFixed(1)} | ${percentile(decisionUs, 99).toFixed(1)} | ${Math.max(...decisionUs).toFixed(1)} |`,
  );
  console.log(`\nFailover (concurrency 1, ${requests} requests per case, ms):`);
  console.log(
    '| primary fails with | relay time with failover p50 / p99 | relay time, plain p50 / p99 | client latency with failover p50 / p99 | client latency plain p50 / p99 | failing upstream alone p50 | added by failover (medians) |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  for (const row of rows) console.log(row);

  await relayPool.close();
  await directPool.close();
  await relay.close();
  await primary.close();
  await backup.close();
  rmSync(home, { recursive: true, force: true });
}

await main();
