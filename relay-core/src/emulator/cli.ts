/**
 * `npm run emulator -- [--port 4010] [--host 127.0.0.1] [--expected-key KEY] [--keep-calls 1000]`:
 * the emulator on its own, for manual tests, the bench, and tests that drive it over HTTP
 * (`/__emulator/*`). It keeps the last `--keep-calls` calls for inspection, not every one: a soak
 * sends hundreds of thousands of requests, some of them 88 kB.
 */
import { parseArgs } from 'node:util';
import { startEmulator } from './create-emulator.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4010' },
    host: { type: 'string', default: '127.0.0.1' },
    'expected-key': { type: 'string' },
    'keep-calls': { type: 'string', default: '1000' },
  },
});
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(`--port must be a port number, not '${values.port}'`);
  process.exit(2);
}
const keepCalls = Number(values['keep-calls']);
if (!Number.isInteger(keepCalls) || keepCalls < 0) {
  console.error(`--keep-calls must be a whole number, not '${values['keep-calls']}'`);
  process.exit(2);
}
const emulator = await startEmulator({
  port,
  host: values.host,
  expectedKey: values['expected-key'],
  keepCalls,
});
console.log(
  `emulator listening on ${emulator.url} (OpenAI-compatible at ${emulator.url}/v1; faults via POST ${emulator.url}/__emulator/faults)`,
);
const stop = () => void emulator.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
