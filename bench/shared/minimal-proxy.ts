/**
 * The physical limit of a second HTTP hop: a proxy that does nothing but forward. It reads the
 * request body, sends it upstream through undici's keep-alive pool (as the relay does) and pipes
 * the answer's bytes back, with no parsing, routing, translation or recording. The benchmark
 * measures it beside the relay so the relay's added latency can be read against what any local
 * proxy in Node costs on the same machine.
 *
 * With `x-bench-parse: 1` on a request it also parses the body as JSON once (and reads its model)
 * before forwarding the same bytes: the least any relay that routes on what a request says must
 * do, whatever else it does. With `x-bench-parse: 2` it does the least a relay that prices and
 * records every answer must add to that: reads the whole answer, parses it for its usage, sends it
 * with a length and six `x-relay-*` headers, and hands a row of the request to a thread in batches
 * of 256 (the thread keeps nothing: writing is not counted).
 *
 *   node --import tsx bench/shared/minimal-proxy.ts --port 4200 --upstream http://127.0.0.1:4300
 */
import { createServer } from 'node:http';
import type { ServerResponse } from 'node:http';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { Agent, request } from 'undici';
import type { Dispatcher } from 'undici';

const { values } = parseArgs({
  options: { port: { type: 'string' }, upstream: { type: 'string' } },
});
const upstream = values.upstream!;
const dispatcher = new Agent({ keepAliveTimeout: 30_000, connections: 256 });
const forwarded = ['content-type', 'authorization', 'x-api-key', 'anthropic-version', 'accept'];

/** A thread that takes batches of rows, as a relay's history writer does, and drops them. */
let recorder: Worker | undefined;
let rows: unknown[][] = [];
let served = 0;

/** `x-bench-parse: 2`: the answer read whole, priced from its usage, sent with a relay's headers, recorded. */
async function answerAsRelay(reply: Dispatcher.ResponseData, outgoing: ServerResponse, model: string) {
  const text = await reply.body.text();
  const usage = (JSON.parse(text) as { usage?: { prompt_tokens?: number; completion_tokens?: number } })
    .usage;
  const cost = ((usage?.prompt_tokens ?? 0) * 0.1 + (usage?.completion_tokens ?? 0) * 0.4) / 1e6;
  const id = `req_${(++served).toString(16).padStart(32, '0')}`;
  outgoing.writeHead(reply.statusCode, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    'x-relay-request-id': id,
    'x-relay-provider': 'openai',
    'x-relay-model': model,
    'x-relay-attempts': 1,
    'x-relay-cost-usd': cost.toFixed(10),
    'x-relay-overhead-ms': (0.1).toFixed(3),
  });
  outgoing.end(text);
  rows.push([
    id,
    Date.now(),
    'bench',
    'openai-chat',
    model,
    null,
    'openai',
    model,
    'ok',
    200,
    null,
    0,
    null,
    1.2,
    0.1,
    usage?.prompt_tokens ?? null,
    usage?.completion_tokens ?? null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    0,
    cost,
    0,
    'bypass',
    1,
    null,
    null,
    null,
  ]);
  if (rows.length === 256) {
    recorder ??= new Worker("require('node:worker_threads').parentPort.on('message', () => {})", {
      eval: true,
    });
    recorder.unref();
    recorder.postMessage(rows);
    rows = [];
  }
}

const server = createServer((incoming, outgoing) => {
  const chunks: Buffer[] = [];
  incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
  incoming.on('end', () => {
    const body = Buffer.concat(chunks);
    const mode = incoming.headers['x-bench-parse'];
    let model = '';
    if (mode === '1' || mode === '2') {
      const parsed = JSON.parse(body.toString('utf8')) as { model?: unknown };
      if (typeof parsed.model !== 'string') {
        outgoing.writeHead(400);
        outgoing.end();
        return;
      }
      model = parsed.model;
    }
    const headers: Record<string, string> = {};
    for (const name of forwarded) {
      const value = incoming.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    request(`${upstream}${incoming.url ?? '/'}`, {
      method: 'POST',
      headers,
      body,
      dispatcher,
    }).then(
      async (reply) => {
        if (mode === '2' && reply.headers['content-type'] === 'application/json')
          return answerAsRelay(reply, outgoing, model);
        const type = reply.headers['content-type'];
        outgoing.writeHead(reply.statusCode, typeof type === 'string' ? { 'content-type': type } : {});
        for await (const chunk of reply.body) outgoing.write(chunk);
        outgoing.end();
      },
      () => {
        outgoing.writeHead(502);
        outgoing.end();
      },
    );
  });
});
server.keepAliveTimeout = 65_000;
server.listen(Number(values.port), '127.0.0.1', () =>
  console.log(`minimal proxy listening on ${values.port}`),
);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
