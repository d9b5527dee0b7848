import { emulatorModelIds, startEmulator } from '../emulator/index.js';
import type { ProviderConfigEntry } from '../routing/resolve-providers.js';

/**
 * Provider `demo` as `--demo` configures it: the emulator at `baseUrl`, with every model it
 * answers. `connect --demo` reads the same, to point a tool at a relay running the demo.
 */
export function demoProvider(baseUrl: string): ProviderConfigEntry {
  return {
    id: 'demo',
    preset: 'demo',
    base_url: baseUrl,
    models: emulatorModelIds(),
    headers: { authorization: 'Bearer demo' },
  };
}

/**
 * The upstream of `npm run relay -- --demo`: the emulator replaying recorded provider traffic,
 * as provider `demo`. The only place the product starts the emulator.
 */
export async function startDemoUpstream(): Promise<{
  provider: ProviderConfigEntry;
  close: () => Promise<void>;
}> {
  const emulator = await startEmulator({ port: 0, wholeFromStream: true });
  return { provider: demoProvider(`${emulator.url}/v1`), close: () => emulator.close() };
}
