import { startEmulator } from '../emulator/index.js';
import type { ProviderConfigEntry } from '../routing/resolve-providers.js';

/**
 * The upstream of `npm run relay -- --demo`: the emulator replaying recorded provider traffic,
 * as provider `demo` with every model it answers. The only place the product starts the emulator.
 */
export async function startDemoUpstream(): Promise<{
  provider: ProviderConfigEntry;
  close: () => Promise<void>;
}> {
  const emulator = await startEmulator({ port: 0, wholeFromStream: true });
  const listing = (await (
    await fetch(`${emulator.url}/v1/models`, { headers: { authorization: 'Bearer demo' } })
  ).json()) as {
    data: Array<{ id: string }>;
  };
  return {
    provider: {
      id: 'demo',
      preset: 'demo',
      base_url: `${emulator.url}/v1`,
      models: listing.data.map((model) => model.id),
      headers: { authorization: 'Bearer demo' },
    },
    close: () => emulator.close(),
  };
}
