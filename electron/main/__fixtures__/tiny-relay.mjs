/* global process */
// A stand-in relay process for the supervisor's tests: speaks the relay-messages protocol over
// Node's IPC channel and serves `GET /` (its pid) on the port it is given, like the real one;
// `GET /crash` makes it die the way a relay hitting a fatal bug would.
import { createServer } from 'node:http';

const port = Number(process.argv[process.argv.indexOf('--port') + 1]);
const server = createServer((request, response) => {
  if (request.url === '/crash') process.exit(70);
  response.end(String(process.pid));
});
server.once('error', (error) => {
  const exitCode = error.code === 'EADDRINUSE' ? 3 : 4;
  const message =
    exitCode === 3
      ? { type: 'port-in-use', port, message: `port ${port} on 127.0.0.1 is already in use` }
      : { type: 'start-failed', message: String(error) };
  process.send(message, undefined, {}, () => process.exit(exitCode));
});
server.listen(port, '127.0.0.1', () => {
  const actual = server.address().port;
  const url = `http://127.0.0.1:${actual}`;
  process.send({ type: 'ready', url, port: actual, adminToken: `token-${process.pid}`, home: '/tmp' });
});
process.on('message', (message) => {
  if (message.type !== 'stop') return;
  server.close(() => process.exit(0));
  server.closeAllConnections();
});
