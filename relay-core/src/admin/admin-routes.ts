import type Database from 'better-sqlite3';
import type { AdminRoute } from '../server/create-server.js';
import type { RelayRuntime } from '../pipeline/relay-runtime.js';
import type { SecretResolver } from '../secrets/create-secret-store.js';
import { countClientKeys } from '../store/client-keys.js';
import { listRequests } from '../store/query-history.js';

export interface AdminDeps {
  db: Database.Database;
  runtime: RelayRuntime;
  secrets: SecretResolver;
  url: () => string;
}

const version = '0.1.0';

/** The admin API the UI uses (`/admin/*`, admin token required). Keys are never returned. */
export function createAdminRoutes(deps: AdminDeps): Record<string, AdminRoute> {
  return {
    'GET /admin/status': async () => {
      const providers = await Promise.all(
        deps.runtime.providers.map(async (provider) => {
          const found = await deps.secrets.resolve(provider.id);
          return {
            id: provider.id,
            preset: provider.preset.id,
            baseUrl: provider.baseUrl,
            region: provider.region,
            hasKey: found !== undefined || provider.preset.keyless === true,
            keySource: found?.source ?? (provider.preset.keyless ? 'none needed' : undefined),
          };
        }),
      );
      return { version, endpoint: deps.url(), providers, clientKeys: countClientKeys(deps.db) };
    },
    'GET /admin/requests': (url) => {
      const limit = Math.min(1000, Math.max(1, Number(url.searchParams.get('limit') ?? 100) || 100));
      return { requests: listRequests(deps.db, { limit }) };
    },
  };
}
