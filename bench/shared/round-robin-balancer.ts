/**
 * One address in front of several relays, as a team puts a load balancer in front of its relay
 * servers: a TCP balancer that hands each new connection to the next backend in turn, and to the
 * one after it when a backend refuses (a relay that is restarting). Keep-alive connections stay
 * on the backend they were given, as behind most HTTP load balancers.
 *
 *   node --import tsx bench/shared/round-robin-balancer.ts --host 127.0.0.2 --port 4141 \
 *     --backends 127.0.0.1:4141,[::1]:4141
 */
import { type Socket, connect, createServer } from 'node:net';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string', default: '0' },
    backends: { type: 'string' },
  },
});
const backends = (values.backends ?? '').split(',').map((backend) => {
  const at = backend.lastIndexOf(':');
  return { host: backend.slice(0, at).replace(/^\[|\]$/g, ''), port: Number(backend.slice(at + 1)) };
});
let next = 0;

function forward(client: Socket, tries: number): void {
  const { host, port } = backends[next++ % backends.length]!;
  const backend = connect(port, host);
  let connected = false;
  backend.on('error', () => {
    // refused before any byte went through: the next backend takes the connection
    if (!connected && tries > 1) forward(client, tries - 1);
    else client.destroy();
  });
  backend.once('connect', () => {
    connected = true;
    backend.setNoDelay(true);
    client.pipe(backend).pipe(client);
    backend.once('close', () => client.destroy());
    client.once('close', () => backend.destroy());
  });
}

const server = createServer({ noDelay: true, pauseOnConnect: true }, (client) => {
  client.on('error', () => client.destroy());
  forward(client, backends.length);
});
server.listen(Number(values.port), values.host, () => {
  const address = server.address();
  console.log(`balancer listening on ${typeof address === 'object' && address ? address.port : ''}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
