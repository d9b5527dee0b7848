/** `npm run emulator -- --port 4010`: the emulator on its own, for manual tests and the bench. */
import { parseArgs } from 'node:util';
import { startEmulator } from './create-emulator.js';

const { values } = parseArgs({
  options: { port: { type: 'string', default: '4010' }, host: { type: 'string', default: '127.0.0.1' } },
});
const emulator = await startEmulator({ port: Number(values.port), host: values.host });
console.log(
  `emulator listening on ${emulator.url} (OpenAI-compatible at ${emulator.url}/v1; faults via POST ${emulator.url}/__emulator/faults)`,
);
const stop = () => void emulator.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
