/**
 * `npm run emulator -- [--port 4010] [--host 127.0.0.1] [--expected-key KEY]`: the emulator on
 * its own, for manual tests, the bench, and tests that drive it over HTTP (`/__emulator/*`).
 */
import { parseArgs } from 'node:util';
import { startEmulator } from './create-emulator.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4010' },
    host: { type: 'string', default: '127.0.0.1' },
    'expected-key': { type: 'string' },
  },
});
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(`--port must be a port number, not '${values.port}'`);
  process.exit(2);
}
const emulator = await startEmulator({ port, host: values.host, expectedKey: values['expected-key'] });
console.log(
  `emulator listening on ${emulator.url} (OpenAI-compatible at ${emulator.url}/v1; faults via POST ${emulator.url}/__emulator/faults)`,
);
const stop = () => void emulator.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
