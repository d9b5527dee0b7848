/**
 * The physical limit of a second HTTP hop: a proxy that does nothing but forward. It reads the
 * request body, sends it upstream through undici's keep-alive pool (as the relay does) and pipes
 * the answer's bytes back, with no parsing, routing, translation or recording. The benchmark
 * measures it beside the relay so the relay's added latency can be read against what any local
 * proxy in Node costs on the same machine.
 *
 * With `x-bench-parse: 1` on a request it also parses the body as JSON once (and reads its model)
 * before forwarding the same bytes: the least any relay that routes on what a request says must
 * do, whatever else it does.
 *
 *   node --import tsx bench/shared/minimal-proxy.ts --port 4200 --upstream http://127.0.0.1:4300
 */
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import { Agent, request } from 'undici';

const { values } = parseArgs({
  options: { port: { type: 'string' }, upstream: { type: 'string' } },
});
const upstream = values.upstream!;
const dispatcher = new Agent({ keepAliveTimeout: 30_000, connections: 256 });
const forwarded = ['content-type', 'authorization', 'x-api-key', 'anthropic-version', 'accept'];

const server = createServer((incoming, outgoing) => {
  const chunks: Buffer[] = [];
  incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
  incoming.on('end', () => {
    const body = Buffer.concat(chunks);
    if (incoming.headers['x-bench-parse'] === '1') {
      const parsed = JSON.parse(body.toString('utf8')) as { model?: unknown };
      if (typeof parsed.model !== 'string') {
        outgoing.writeHead(400);
        outgoing.end();
        return;
      }
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
